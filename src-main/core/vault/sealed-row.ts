import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto'
import { AppError } from '../common/app-error'
import { purposeKey } from './crypto/subkeys'
import type { VaultKey } from './crypto/vault-key'

/**
 * Sealed text of a diary row: version byte (1), random 12-byte nonce, AES-256-GCM ciphertext,
 * 16-byte tag. The key is a subkey of the master key (HKDF "trove rows v1"); the associated data
 * is the version byte and the row's identity, so a ciphertext copied into another row (or
 * another column) does not open. Random nonces are safe far beyond a diary's number of rows
 * (the GCM limit is 2^32 messages per key).
 */
const VERSION = 1
const NONCE_BYTES = 12
const TAG_BYTES = 16
const ROWS_INFO = 'trove rows v1'

const associatedData = (aad: string) => Buffer.concat([Buffer.of(VERSION), Buffer.from(aad, 'utf8')])

/**
 * Seals a row's text; `aad` is the row's identity (e.g. "entry:<id>:body") and must be given
 * again, identical, to open it.
 */
export function sealText(key: VaultKey, aad: string, plaintext: string): Buffer {
  const nonce = randomBytes(NONCE_BYTES)
  const cipher = createCipheriv('aes-256-gcm', purposeKey(key, ROWS_INFO), nonce, { authTagLength: TAG_BYTES })
  cipher.setAAD(associatedData(aad))
  const body = cipher.update(plaintext, 'utf8')
  const last = cipher.final()
  return Buffer.concat([Buffer.of(VERSION), nonce, body, last, cipher.getAuthTag()])
}

/** Opens what sealText sealed under the same key and `aad`; CORRUPT if anything differs. */
export function openText(key: VaultKey, aad: string, sealed: Uint8Array): string {
  const bytes = Buffer.from(sealed.buffer, sealed.byteOffset, sealed.byteLength)
  const damaged = () => new AppError('CORRUPT', 'A diary record is damaged or does not belong here, so it could not be read.')
  if (bytes.length < 1 + NONCE_BYTES + TAG_BYTES || bytes[0] !== VERSION) throw damaged()
  const subkey = purposeKey(key, ROWS_INFO)
  const nonce = bytes.subarray(1, 1 + NONCE_BYTES)
  const tag = bytes.subarray(bytes.length - TAG_BYTES)
  const decipher = createDecipheriv('aes-256-gcm', subkey, nonce, { authTagLength: TAG_BYTES })
  decipher.setAAD(associatedData(aad))
  decipher.setAuthTag(tag)
  try {
    const text = decipher.update(bytes.subarray(1 + NONCE_BYTES, bytes.length - TAG_BYTES))
    return Buffer.concat([text, decipher.final()]).toString('utf8')
  } catch {
    throw damaged()
  }
}
