import { Readable } from 'node:stream'
import type { FileHandle } from 'node:fs/promises'
import { CHUNK_PLAIN, CHUNK_SEALED, HEADER_BYTES, corruptMedia, openChunk, type FileCipher, type Layout } from './tve-format'
import { masterKeyOf, type VaultKey } from './vault-key'

/** Chunks read per disk read once a stream is going (1 MiB); the first read is one chunk, for a fast first byte. */
const BATCH_CHUNKS = 16

export interface ChunkSpan {
  /** First and last chunk to decrypt (inclusive). */
  first: number
  last: number
  /** Plaintext offset to start at within the first chunk, and to end at (exclusive) in the last. */
  skip: number
  stopAt: number
}

/** The chunks covering the inclusive plaintext range [start, end]. */
export function spanOf(layout: Layout, start: number, end: number): ChunkSpan {
  return {
    first: Math.floor(start / CHUNK_PLAIN),
    last: Math.floor(end / CHUNK_PLAIN),
    skip: start % CHUNK_PLAIN,
    stopAt: (end % CHUNK_PLAIN) + 1,
  }
}

/**
 * Reads and opens chunks `span.first..span.last` from an open handle, yielding each chunk's
 * plaintext only after its tag checked. The next disk read is started before the current batch
 * is decrypted, so reading and decrypting overlap. The handle is closed when the stream ends,
 * fails or is destroyed.
 */
export function decryptChunks(
  open: () => Promise<FileHandle>,
  key: VaultKey,
  file: FileCipher,
  layout: Layout,
  span: ChunkSpan | null,
): Readable {
  async function* chunks(): AsyncGenerator<Buffer> {
    const handle = await open()
    try {
      // No stat here (one less round trip before the first byte): every chunk is checked against
      // the layout read at open, and a file cut short since then fails its read as CORRUPT.
      if (!span) return
      const size = HEADER_BYTES + bodyBytes(layout)
      const readBatch = async (from: number, count: number) => {
        const start = HEADER_BYTES + from * CHUNK_SEALED
        const end = Math.min(HEADER_BYTES + (from + count) * CHUNK_SEALED, size)
        const buffer = Buffer.allocUnsafe(end - start)
        let got = 0
        while (got < buffer.length) {
          const { bytesRead } = await handle.read(buffer, got, buffer.length - got, start + got)
          if (bytesRead === 0) throw corruptMedia()
          got += bytesRead
        }
        return buffer
      }
      let next = span.first
      let count = 1
      let pending: Promise<Buffer> | null = readBatch(next, count)
      while (pending) {
        const batch = await pending
        const batchFirst = next
        next += count
        count = Math.min(BATCH_CHUNKS, span.last + 1 - next)
        pending = count > 0 ? readBatch(next, count) : null
        pending?.catch(() => {}) // awaited on the next turn; avoid an unhandled rejection if we stop first
        masterKeyOf(key) // locking the diary stops playback
        for (let at = 0, index = batchFirst; at < batch.length; at += CHUNK_SEALED, index++) {
          const sealed = batch.subarray(at, Math.min(at + CHUNK_SEALED, batch.length))
          let plain = openChunk(file, index, index === layout.chunkCount - 1, sealed)
          if (index === span.last) plain = plain.subarray(0, span.stopAt)
          if (index === span.first) plain = plain.subarray(span.skip)
          if (plain.length > 0) yield plain
        }
      }
    } finally {
      await handle.close()
    }
  }
  return Readable.from(chunks(), { objectMode: false, highWaterMark: 1024 * 1024 })
}

const bodyBytes = (layout: Layout) => layout.plaintextSize + layout.chunkCount * (CHUNK_SEALED - CHUNK_PLAIN)
