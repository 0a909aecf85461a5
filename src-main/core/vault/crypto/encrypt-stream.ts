import { Transform, type TransformCallback } from 'node:stream'
import { CHUNK_PLAIN, newFileCipher, sealChunk, type FileCipher } from './tve-format'
import { masterKeyOf, type VaultKey } from './vault-key'

/**
 * Plaintext in, a complete `.tve` file out: the header first, then one sealed chunk per 64 KiB.
 * The last 64 KiB are held back until the input ends, since only then is it known which chunk
 * is the last. Memory is bounded by one chunk plus the stream buffers, whatever the file size.
 */
export class EncryptStream extends Transform {
  private readonly file: FileCipher
  private readonly key: VaultKey
  private pending: Buffer[] = []
  private pendingBytes = 0
  private index = 0
  private headerSent = false
  private plainBytes = 0

  constructor(key: VaultKey) {
    super({ readableHighWaterMark: 1024 * 1024 })
    this.key = key
    this.file = newFileCipher(key)
  }

  /** Plaintext bytes taken in so far (the file's size once the stream has ended). */
  get plaintextSize(): number {
    return this.plainBytes
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    try {
      masterKeyOf(this.key) // a key locked mid-file stops the stream with VAULT_LOCKED
      this.sendHeader()
      const bytes = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk)
      this.pending.push(bytes)
      this.pendingBytes += bytes.length
      this.plainBytes += bytes.length
      while (this.pendingBytes > CHUNK_PLAIN) this.seal(this.takePending(CHUNK_PLAIN), false)
      callback()
    } catch (err) {
      callback(err as Error)
    }
  }

  override _flush(callback: TransformCallback): void {
    try {
      masterKeyOf(this.key)
      this.sendHeader()
      this.seal(this.takePending(this.pendingBytes), true)
      this.file.fileKey.fill(0)
      callback()
    } catch (err) {
      callback(err as Error)
    }
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    this.file.fileKey.fill(0)
    this.pending = []
    callback(error)
  }

  private sendHeader(): void {
    if (this.headerSent) return
    this.headerSent = true
    this.push(this.file.header)
  }

  private seal(plain: Buffer, last: boolean): void {
    const [body, tag] = sealChunk(this.file, this.index++, last, plain)
    this.push(body)
    this.push(tag)
  }

  /** The first `n` pending bytes, without copying when they lie in one input buffer. */
  private takePending(n: number): Buffer {
    this.pendingBytes -= n
    const first = this.pending[0]
    if (first && first.length >= n) {
      if (first.length === n) this.pending.shift()
      else this.pending[0] = first.subarray(n)
      return first.subarray(0, n)
    }
    const out = Buffer.allocUnsafe(n)
    let filled = 0
    while (filled < n) {
      const head = this.pending[0]!
      const part = Math.min(head.length, n - filled)
      head.copy(out, filled, 0, part)
      filled += part
      if (part === head.length) this.pending.shift()
      else this.pending[0] = head.subarray(part)
    }
    return out
  }
}
