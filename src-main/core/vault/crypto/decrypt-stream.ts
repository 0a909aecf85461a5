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
 * Reads and opens chunks `span.first..span.last` from a file, pushing each chunk's plaintext
 * only after its tag checked. The next disk read is started before the current batch is
 * decrypted, so reading and decrypting overlap. The handle is closed when the stream ends, fails
 * or is destroyed.
 */
export function decryptChunks(
  open: () => Promise<FileHandle>,
  key: VaultKey,
  file: FileCipher,
  layout: Layout,
  span: ChunkSpan | null,
): Readable {
  return new DecryptStream(open, key, file, layout, span)
}

class DecryptStream extends Readable {
  private handle: FileHandle | null = null
  private pending: Promise<Buffer> | null = null
  private next = 0
  private count = 1
  private pumping = false
  private readAgain = false

  constructor(
    private readonly openFile: () => Promise<FileHandle>,
    private readonly key: VaultKey,
    private readonly file: FileCipher,
    private readonly layout: Layout,
    private readonly span: ChunkSpan | null,
  ) {
    super({ highWaterMark: 1024 * 1024 })
  }

  override _construct(callback: (error?: Error | null) => void): void {
    if (!this.span) return callback()
    const span = this.span
    this.openFile().then((handle) => {
      this.handle = handle
      this.next = span.first
      this.pending = this.readBatch(span.first, 1) // one chunk first: a fast first byte
      callback()
    }, callback)
  }

  override _read(): void {
    if (this.pumping) {
      this.readAgain = true // asked again while a batch was on its way: go on once it is in
      return
    }
    this.pumping = true
    this.pump().then(
      () => {
        this.pumping = false
        if (this.readAgain && !this.destroyed) {
          this.readAgain = false
          this._read()
        }
      },
      (err: unknown) => this.destroy(err as Error),
    )
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    this.pending?.catch(() => {})
    this.pending = null
    const handle = this.handle
    this.handle = null
    if (!handle) return callback(error)
    handle.close().then(() => callback(error), () => callback(error))
  }

  private async pump(): Promise<void> {
    const span = this.span
    if (!span || !this.pending) {
      this.push(null)
      return
    }
    const batch = await this.pending
    if (this.destroyed) return
    const batchFirst = this.next
    this.next += this.count
    this.count = Math.min(BATCH_CHUNKS, span.last + 1 - this.next)
    this.pending = this.count > 0 ? this.readBatch(this.next, this.count) : null
    this.pending?.catch(() => {}) // awaited on the next turn; not unhandled if we stop first
    masterKeyOf(this.key) // locking the diary stops playback
    for (let at = 0, index = batchFirst; at < batch.length; at += CHUNK_SEALED, index++) {
      const sealed = batch.subarray(at, Math.min(at + CHUNK_SEALED, batch.length))
      let plain = openChunk(this.file, index, index === this.layout.chunkCount - 1, sealed)
      if (index === span.last) plain = plain.subarray(0, span.stopAt)
      if (index === span.first) plain = plain.subarray(span.skip)
      if (plain.length > 0) this.push(plain)
    }
    if (!this.pending) this.push(null)
  }

  /** `count` sealed chunks from chunk `from`, read whole; CORRUPT if the file ends early. */
  private async readBatch(from: number, count: number): Promise<Buffer> {
    const handle = this.handle!
    const size = HEADER_BYTES + bodyBytes(this.layout)
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
}

const bodyBytes = (layout: Layout) => layout.plaintextSize + layout.chunkCount * (CHUNK_SEALED - CHUNK_PLAIN)
