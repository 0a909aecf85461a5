import { createHash } from 'node:crypto'
import type { FsSeam } from '../common/fs-seam'

/** Bytes kept from the start of a file while hashing: type detection and the search text. */
export const CAPTURE_BYTES = 1024 * 1024
const CHUNK = 1024 * 1024

export interface HashedFile {
  sha256: string
  size: number
  /** The first bytes (up to CAPTURE_BYTES). */
  head: Buffer
  /** Size and mtime of the open file once read (fstat): a writer during the read shows here. */
  after: { size: number; mtimeMs: number }
}

/**
 * Reads a file once through SHA-256 with one buffer of at most 1 MiB, reused for every read
 * (memory flat, and no garbage per chunk: a tree of small files is mostly open, read, close).
 * `expectedSize` sizes the buffer (a small file is one read); a file that grew is still read to its end.
 */
export async function hashFile(fs: FsSeam, path: string, expectedSize: number, signal?: AbortSignal): Promise<HashedFile> {
  const handle = await fs.open(path, 'r')
  try {
    const hash = createHash('sha256')
    let buffer = Buffer.allocUnsafe(Math.max(1, Math.min(CHUNK, expectedSize + 1)))
    const head: Buffer[] = []
    let kept = 0
    let size = 0
    for (;;) {
      signal?.throwIfAborted()
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, size)
      if (bytesRead === 0) break
      const bytes = buffer.subarray(0, bytesRead)
      hash.update(bytes)
      size += bytesRead
      // A regular file reads short only at its end: then the buffer is not reused and the head can be a view of it.
      const last = bytesRead < buffer.length
      if (kept < CAPTURE_BYTES) {
        const part = bytes.subarray(0, CAPTURE_BYTES - kept)
        head.push(last ? part : Buffer.from(part))
        kept += part.length
      }
      if (last) break
      if (buffer.length < CHUNK) buffer = Buffer.allocUnsafe(CHUNK) // larger than expected: read on in full chunks
    }
    const stat = await handle.stat()
    return { sha256: hash.digest('hex'), size, head: head.length === 1 ? head[0]! : Buffer.concat(head), after: { size: stat.size, mtimeMs: stat.mtimeMs } }
  } finally {
    await handle.close()
  }
}
