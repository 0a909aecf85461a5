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
}

/** Streams a file through SHA-256 (memory flat: one chunk at a time), keeping its first bytes. */
export async function hashFile(fs: FsSeam, path: string, signal?: AbortSignal): Promise<HashedFile> {
  const handle = await fs.open(path, 'r')
  try {
    const hash = createHash('sha256')
    const head: Buffer[] = []
    let kept = 0
    let size = 0
    for await (const chunk of handle.createReadStream({ highWaterMark: CHUNK, autoClose: false })) {
      signal?.throwIfAborted()
      const bytes = chunk as Buffer
      hash.update(bytes)
      size += bytes.length
      if (kept < CAPTURE_BYTES) {
        const part = bytes.subarray(0, CAPTURE_BYTES - kept)
        head.push(Buffer.from(part))
        kept += part.length
      }
    }
    return { sha256: hash.digest('hex'), size, head: Buffer.concat(head) }
  } finally {
    await handle.close()
  }
}
