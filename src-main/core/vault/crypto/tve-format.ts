import { createCipheriv, createDecipheriv, createHmac, randomBytes, timingSafeEqual } from 'node:crypto'
import { AppError } from '../../common/app-error'
import { hkdf32, purposeKey } from './subkeys'
import { KEY_ID_BYTES, masterKeyOf, type VaultKey } from './vault-key'

/**
 * The `.tve` format (Trove vault encrypted media), version 1:
 *
 *   offset  size  field
 *   0       4     magic "TVE1"
 *   4       1     version (1)
 *   5       16    key id of the master key
 *   21      32    random salt: the file key is HKDF-SHA256(master, salt, "trove media v1")
 *   53      32    HMAC-SHA256(header key, bytes 0..52); header key = HKDF(master, "trove media header v1")
 *   85      …     chunks: AES-256-GCM ciphertext of 64 KiB of plaintext, then its 16-byte tag
 *
 * Every chunk but the last holds exactly 64 KiB; the last holds 1..64 KiB (0 only for an empty
 * file, which has exactly one empty chunk). The nonce of chunk i is i as an 11-byte big-endian
 * counter followed by 1 on the last chunk and 0 otherwise; the 85 header bytes are the
 * associated data of every chunk. So reordering, dropping, truncating or appending changes a
 * counter, a last flag or a header and fails a tag, and the plaintext size follows from the
 * file size alone.
 */
export const MAGIC = Buffer.from('TVE1', 'latin1')
export const FORMAT_VERSION = 1
export const SALT_BYTES = 32
export const HMAC_BYTES = 32
export const HEADER_BYTES = MAGIC.length + 1 + KEY_ID_BYTES + SALT_BYTES + HMAC_BYTES
export const CHUNK_PLAIN = 64 * 1024
export const TAG_BYTES = 16
export const CHUNK_SEALED = CHUNK_PLAIN + TAG_BYTES

const MEDIA_INFO = 'trove media v1'
const HEADER_INFO = 'trove media header v1'
const HMAC_OFFSET = HEADER_BYTES - HMAC_BYTES
const SALT_OFFSET = HMAC_OFFSET - SALT_BYTES

export const corruptMedia = (what = 'This encrypted file') =>
  new AppError('CORRUPT', `${what} is damaged or was changed, so it could not be decrypted.`)

/** The per-file state both directions need: the header bytes and the file key. */
export interface FileCipher {
  header: Buffer
  fileKey: Buffer
}

const headerMac = (key: VaultKey, headerWithoutMac: Buffer) =>
  createHmac('sha256', purposeKey(key, HEADER_INFO)).update(headerWithoutMac).digest()

/** A new header with a fresh salt, and the file key it implies. */
export function newFileCipher(key: VaultKey): FileCipher {
  const body = Buffer.concat([MAGIC, Buffer.of(FORMAT_VERSION), Buffer.from(key.keyId, 'hex'), randomBytes(SALT_BYTES)])
  const header = Buffer.concat([body, headerMac(key, body)])
  return { header, fileKey: hkdf32(masterKeyOf(key), body.subarray(SALT_OFFSET), MEDIA_INFO) }
}

/** Checks a header (magic, version, key id, HMAC) and derives its file key; CORRUPT otherwise. */
export function readHeader(key: VaultKey, header: Buffer): FileCipher {
  if (header.length !== HEADER_BYTES || !header.subarray(0, MAGIC.length).equals(MAGIC)) throw corruptMedia()
  if (header[MAGIC.length] !== FORMAT_VERSION) throw corruptMedia()
  const keyId = header.subarray(MAGIC.length + 1, MAGIC.length + 1 + KEY_ID_BYTES).toString('hex')
  if (keyId !== key.keyId) throw new AppError('CORRUPT', 'This encrypted file was not made with this diary\u2019s key.')
  const body = header.subarray(0, HMAC_OFFSET)
  if (!timingSafeEqual(headerMac(key, body), header.subarray(HMAC_OFFSET))) throw corruptMedia()
  return { header: Buffer.from(header), fileKey: hkdf32(masterKeyOf(key), header.subarray(SALT_OFFSET, HMAC_OFFSET), MEDIA_INFO) }
}

/** The 12-byte nonce of chunk `index`: 11-byte big-endian counter, then the last-chunk flag. */
export function chunkNonce(index: number, last: boolean): Buffer {
  const nonce = Buffer.alloc(12)
  nonce.writeUInt32BE(Math.floor(index / 0x1_0000_0000), 3)
  nonce.writeUInt32BE(index >>> 0, 7)
  nonce[11] = last ? 1 : 0
  return nonce
}

/** Seals one chunk; returns [ciphertext, tag]. */
export function sealChunk(file: FileCipher, index: number, last: boolean, plain: Uint8Array): [Buffer, Buffer] {
  const cipher = createCipheriv('aes-256-gcm', file.fileKey, chunkNonce(index, last), { authTagLength: TAG_BYTES })
  cipher.setAAD(file.header)
  const body = cipher.update(plain)
  cipher.final()
  return [body, cipher.getAuthTag()]
}

/** Opens one sealed chunk (ciphertext + tag); the plaintext is returned only if the tag checks. */
export function openChunk(file: FileCipher, index: number, last: boolean, sealed: Buffer): Buffer {
  if (sealed.length < TAG_BYTES || sealed.length > CHUNK_SEALED) throw corruptMedia()
  const decipher = createDecipheriv('aes-256-gcm', file.fileKey, chunkNonce(index, last), { authTagLength: TAG_BYTES })
  decipher.setAAD(file.header)
  decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES))
  const plain = decipher.update(sealed.subarray(0, sealed.length - TAG_BYTES))
  try {
    decipher.final()
  } catch {
    plain.fill(0)
    throw corruptMedia()
  }
  return plain
}

/** How a sealed file of `sealedSize` bytes is laid out; CORRUPT if no valid file has that size. */
export interface Layout {
  chunkCount: number
  plaintextSize: number
  /** Plaintext bytes of the last chunk (0 only for an empty file). */
  lastChunkPlain: number
}

export function layoutOf(sealedSize: number): Layout {
  const body = sealedSize - HEADER_BYTES
  if (body < TAG_BYTES) throw corruptMedia()
  if (body === TAG_BYTES) return { chunkCount: 1, plaintextSize: 0, lastChunkPlain: 0 }
  const chunkCount = Math.ceil((body - TAG_BYTES) / CHUNK_SEALED)
  const lastChunkPlain = body - TAG_BYTES - (chunkCount - 1) * CHUNK_SEALED
  if (lastChunkPlain < 1 || lastChunkPlain > CHUNK_PLAIN) throw corruptMedia()
  return { chunkCount, plaintextSize: (chunkCount - 1) * CHUNK_PLAIN + lastChunkPlain, lastChunkPlain }
}

/** The sealed size of a plaintext of `plaintextSize` bytes. */
export function sealedSizeOf(plaintextSize: number): number {
  const chunks = Math.max(1, Math.ceil(plaintextSize / CHUNK_PLAIN))
  return HEADER_BYTES + plaintextSize + chunks * TAG_BYTES
}
