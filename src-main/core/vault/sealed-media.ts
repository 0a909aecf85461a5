import { randomBytes } from 'node:crypto'
import { basename, dirname, join } from 'node:path'
import { Readable, Writable, type Transform } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import type { FileHandle } from 'node:fs/promises'
import { AppError, fromFsError } from '../common/app-error'
import { fsyncDirectory, type FsSeam } from '../common/fs-seam'
import { decryptChunks, spanOf } from './crypto/decrypt-stream'
import { EncryptStream } from './crypto/encrypt-stream'
import {
  CHUNK_SEALED,
  HEADER_BYTES,
  corruptMedia,
  layoutOf,
  openChunk,
  readHeader,
  type FileCipher,
  type Layout,
} from './crypto/tve-format'
import type { VaultKey } from './crypto/vault-key'

/** An inclusive byte range of the plaintext, as in fs.createReadStream and HTTP Range. */
export interface ByteRange {
  start: number
  end: number
}

/** A `.tve` file whose header and last chunk have been checked against the key. */
export interface SealedFile {
  readonly path: string
  /** Size of the plaintext, from the file size alone. */
  readonly plaintextSize: number
  /**
   * Decrypts the whole file or only the chunks covering `range` (inclusive end; an end past the
   * last byte is cut to it). A chunk's bytes are released only after its tag checks; any damage
   * is an AppError CORRUPT on the stream.
   */
  createReadStream(range?: ByteRange): Readable
}

/** A Transform that turns plaintext into a complete `.tve` file (header, then sealed chunks). */
export function createEncryptStream(key: VaultKey): Transform {
  return new EncryptStream(key)
}

/**
 * Encrypts `source` into `destPath` atomically: a temp file beside it (ciphertext only), fsync,
 * rename, folder fsync. Nothing is left behind on failure.
 */
export async function encryptToFile(
  fs: FsSeam,
  key: VaultKey,
  source: Readable,
  destPath: string,
): Promise<{ plaintextSize: number; sealedSize: number }> {
  const temp = join(dirname(destPath), `.${basename(destPath)}.${randomBytes(6).toString('hex')}.tmp`)
  let handle: FileHandle | undefined
  try {
    handle = await fs.open(temp, 'wx', 0o600)
    const encrypt = new EncryptStream(key)
    let sealedSize = 0
    await pipeline(source, encrypt, handleWriter(handle, (n) => (sealedSize += n)))
    await handle.sync()
    await handle.close()
    handle = undefined
    await fs.rename(temp, destPath)
    await fsyncDirectory(fs, dirname(destPath))
    return { plaintextSize: encrypt.plaintextSize, sealedSize }
  } catch (err) {
    await handle?.close().catch(() => {})
    await fs.rm(temp, { force: true }).catch(() => {})
    throw fromFsError(err, 'write the encrypted file', destPath)
  }
}

/** Opens a `.tve` file: checks its size, header, key id and last chunk. CORRUPT if any is wrong. */
export async function openSealedFile(fs: FsSeam, key: VaultKey, path: string): Promise<SealedFile> {
  let handle: FileHandle
  try {
    handle = await fs.open(path, 'r')
  } catch (err) {
    throw fromFsError(err, 'open the encrypted file', path)
  }
  let file: FileCipher
  let layout: Layout
  try {
    const { size } = await handle.stat()
    layout = layoutOf(size)
    const lastAt = HEADER_BYTES + (layout.chunkCount - 1) * CHUNK_SEALED
    const [header, lastChunk] = await Promise.all([readExactly(handle, 0, HEADER_BYTES), readExactly(handle, lastAt, size - lastAt)])
    file = readHeader(key, header)
    openChunk(file, layout.chunkCount - 1, true, lastChunk).fill(0)
  } finally {
    await handle.close()
  }
  const plaintextSize = layout.plaintextSize
  return {
    path,
    plaintextSize,
    createReadStream(range?: ByteRange): Readable {
      const open = () => fs.open(path, 'r')
      if (!range) return decryptChunks(open, key, file, layout, plaintextSize === 0 ? { first: 0, last: 0, skip: 0, stopAt: 0 } : spanOf(layout, 0, plaintextSize - 1))
      const { start } = range
      const end = Math.min(range.end, plaintextSize - 1)
      if (!Number.isSafeInteger(start) || !Number.isSafeInteger(range.end) || start < 0 || range.end < start) {
        throw new AppError('INVALID_INPUT', `The byte range ${start}-${range.end} is not valid.`)
      }
      return decryptChunks(open, key, file, layout, start > end ? null : spanOf(layout, start, end))
    },
  }
}

/** Seals a small blob (a thumbnail) in the same `.tve` format, in memory. */
export async function sealBuffer(key: VaultKey, plaintext: Uint8Array): Promise<Buffer> {
  const parts: Buffer[] = []
  await pipeline(Readable.from([Buffer.from(plaintext)]), new EncryptStream(key), async (sealed: AsyncIterable<Buffer>) => {
    for await (const part of sealed) parts.push(part)
  })
  return Buffer.concat(parts)
}

/** Opens a blob made by sealBuffer (or a small `.tve` file read whole). CORRUPT if damaged. */
export async function openBuffer(key: VaultKey, sealed: Uint8Array): Promise<Buffer> {
  const bytes = Buffer.from(sealed.buffer, sealed.byteOffset, sealed.byteLength)
  const layout = layoutOf(bytes.length)
  const file = readHeader(key, bytes.subarray(0, HEADER_BYTES))
  const parts: Buffer[] = []
  for (let index = 0; index < layout.chunkCount; index++) {
    const at = HEADER_BYTES + index * CHUNK_SEALED
    parts.push(openChunk(file, index, index === layout.chunkCount - 1, bytes.subarray(at, at + CHUNK_SEALED)))
  }
  file.fileKey.fill(0)
  return Buffer.concat(parts)
}

async function readExactly(handle: FileHandle, position: number, length: number): Promise<Buffer> {
  const buffer = Buffer.alloc(length)
  let got = 0
  while (got < length) {
    const { bytesRead } = await handle.read(buffer, got, length - got, position + got)
    if (bytesRead === 0) throw corruptMedia()
    got += bytesRead
  }
  return buffer
}

/** A Writable over a file handle that writes what has queued up in one call. */
function handleWriter(handle: FileHandle, onWritten: (bytes: number) => void): Writable {
  const writeAll = async (data: Buffer) => {
    let done = 0
    while (done < data.length) {
      const { bytesWritten } = await handle.write(data, done, data.length - done)
      done += bytesWritten
    }
    onWritten(data.length)
  }
  return new Writable({
    highWaterMark: 1024 * 1024,
    write(chunk: Buffer, _encoding, callback) {
      writeAll(chunk).then(() => callback(), callback)
    },
    writev(chunks, callback) {
      writeAll(chunks.length === 1 ? chunks[0]!.chunk : Buffer.concat(chunks.map((c) => c.chunk as Buffer))).then(() => callback(), callback)
    },
  })
}
