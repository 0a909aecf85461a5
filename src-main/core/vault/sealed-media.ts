import type { Readable, Transform } from 'node:stream'
import type { FsSeam } from '../common/fs-seam'
import type { VaultKey } from './crypto/vault-key'

/** An inclusive byte range of the plaintext, as in fs.createReadStream and HTTP Range. */
export interface ByteRange {
  start: number
  end: number
}

/** A `.tve` file whose header has been checked against the key. */
export interface SealedFile {
  readonly path: string
  /** Size of the plaintext, from the file size alone. */
  readonly plaintextSize: number
  /**
   * Decrypts the whole file or only the chunks covering `range` (inclusive end). A chunk's
   * bytes are released only after its tag checks; any damage is an AppError CORRUPT on the stream.
   */
  createReadStream(range?: ByteRange): Readable
}

/** A Transform that turns plaintext into a complete `.tve` file (header, then sealed chunks). */
export function createEncryptStream(key: VaultKey): Transform {
  void key
  throw new Error('not implemented yet')
}

/** Encrypts `source` into `destPath` atomically (temp, fsync, rename, folder fsync). */
export async function encryptToFile(
  fs: FsSeam,
  key: VaultKey,
  source: Readable,
  destPath: string,
): Promise<{ plaintextSize: number; sealedSize: number }> {
  void [fs, key, source, destPath]
  throw new Error('not implemented yet')
}

/** Opens a `.tve` file: checks header, key id and size. CORRUPT if any of them is wrong. */
export async function openSealedFile(fs: FsSeam, key: VaultKey, path: string): Promise<SealedFile> {
  void [fs, key, path]
  throw new Error('not implemented yet')
}

/** Seals a small blob (a thumbnail) in the same `.tve` format, in memory. */
export async function sealBuffer(key: VaultKey, plaintext: Uint8Array): Promise<Buffer> {
  void [key, plaintext]
  throw new Error('not implemented yet')
}

/** Opens a blob made by sealBuffer (or a small `.tve` file read whole). CORRUPT if damaged. */
export async function openBuffer(key: VaultKey, sealed: Uint8Array): Promise<Buffer> {
  void [key, sealed]
  throw new Error('not implemented yet')
}
