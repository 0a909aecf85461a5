import { createHash, randomUUID } from 'node:crypto'
import { join } from 'node:path'
import { AppError, errnoOf, fromFsError } from '../common/app-error'
import type { FsSeam } from '../common/fs-seam'

const CHUNK = 1024 * 1024

export interface CopyOutcome {
  bytes: number
  sha256: string
}

/** SHA-256 of a file, streamed (memory flat in file size); null when it does not exist. */
export async function hashFile(fs: FsSeam, path: string, signal?: AbortSignal): Promise<{ sha256: string; bytes: number } | null> {
  let handle: Awaited<ReturnType<FsSeam['open']>>
  try {
    handle = await fs.open(path, 'r')
  } catch (err) {
    if (errnoOf(err) === 'ENOENT') return null
    throw fromFsError(err, 'read', path)
  }
  try {
    const hash = createHash('sha256')
    let bytes = 0
    for await (const chunk of handle.createReadStream({ highWaterMark: CHUNK, autoClose: false })) {
      signal?.throwIfAborted()
      hash.update(chunk as Buffer)
      bytes += (chunk as Buffer).length
    }
    return { sha256: hash.digest('hex'), bytes }
  } finally {
    await handle.close()
  }
}

export interface VerifiedCopyOptions {
  /** Folder for the copy in flight; must be on the destination's filesystem. */
  stagingDir: string
  /** The SHA-256 the bytes must have (objects); without it, the copy is checked against the source's own hash. */
  expectedSha256?: string
  /** Mode of the file once in place (objects are read-only). */
  mode?: number
  signal?: AbortSignal
  onBytes?: (n: number) => void
  /** fsync the copy before its rename (default). `false`: the caller makes it durable later (copy-objects' deferred flush). */
  sync?: boolean
}

/**
 * Copies `source` to `target` so that `target` appears only complete and checked: the bytes are
 * hashed as they are read, written to a staging file, fsynced, then read back and hashed again;
 * only when both hashes agree (and equal the expected one) is the staging file renamed over
 * `target`. The caller fsyncs the target's folder (once per folder, not per file).
 * A source whose bytes do not match their name is CORRUPT and nothing is written.
 */
export async function copyVerified(fs: FsSeam, source: string, target: string, options: VerifiedCopyOptions): Promise<CopyOutcome> {
  const temp = join(options.stagingDir, `${randomUUID()}.part`)
  try {
    const input = await fs.open(source, 'r').catch((err: unknown) => {
      throw fromFsError(err, 'read', source)
    })
    let written: CopyOutcome
    try {
      // Created with its final mode (objects are read-only) on a handle that can read it back.
      const output = await fs.open(temp, 'wx+', options.mode ?? 0o600)
      try {
        written = await writeCopy(input, output, options)
        if (options.expectedSha256 !== undefined && written.sha256 !== options.expectedSha256) {
          throw new AppError('CORRUPT', `${source} does not match its name (its bytes were damaged); it was not copied.`, { path: source, expected: options.expectedSha256, actual: written.sha256 })
        }
        const reread = await hashHandle(output, options.signal)
        if (reread.sha256 !== written.sha256 || reread.bytes !== written.bytes) {
          throw new AppError('CORRUPT', `The copy of ${source} read back differently from what was written; the destination disk may be failing.`, { path: target })
        }
      } finally {
        await output.close()
      }
    } finally {
      await input.close()
    }
    await fs.rename(temp, target)
    return written
  } catch (err) {
    await fs.rm(temp, { force: true }).catch(() => undefined)
    if (options.signal?.aborted) throw new AppError('CANCELLED', 'The copy was cancelled.')
    throw fromFsError(err, 'copy to', target)
  }
}

type Handle = Awaited<ReturnType<FsSeam['open']>>

/** Streams `input` into `output` while hashing, then fsyncs `output`. */
async function writeCopy(input: Handle, output: Handle, options: VerifiedCopyOptions): Promise<CopyOutcome> {
  const hash = createHash('sha256')
  let bytes = 0
  for await (const chunk of input.createReadStream({ highWaterMark: CHUNK, autoClose: false })) {
    options.signal?.throwIfAborted()
    const buffer = chunk as Buffer
    hash.update(buffer)
    let offset = 0
    while (offset < buffer.length) offset += (await output.write(buffer, offset, buffer.length - offset, bytes + offset)).bytesWritten
    bytes += buffer.length
    options.onBytes?.(buffer.length)
  }
  if (options.sync !== false) await output.sync()
  return { bytes, sha256: hash.digest('hex') }
}

/** Reads a handle again from its first byte and hashes what is there now. */
async function hashHandle(handle: Handle, signal?: AbortSignal): Promise<CopyOutcome> {
  const hash = createHash('sha256')
  let bytes = 0
  const buffer = Buffer.allocUnsafe(CHUNK)
  for (;;) {
    signal?.throwIfAborted()
    const { bytesRead } = await handle.read(buffer, 0, CHUNK, bytes)
    if (bytesRead === 0) break
    hash.update(buffer.subarray(0, bytesRead))
    bytes += bytesRead
  }
  return { bytes, sha256: hash.digest('hex') }
}
