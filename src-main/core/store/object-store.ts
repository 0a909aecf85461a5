import { createHash, randomUUID } from 'node:crypto'
import { join } from 'node:path'
import type { Readable } from 'node:stream'
import { AppError, errnoOf, fromFsError } from '../common/app-error'
import { fsyncDirectory, type FsSeam } from '../common/fs-seam'
import type { LibraryLayout } from '../library/library-layout'

/** A complete copy of some bytes in tmp/, hashed on the way in, not yet in objects/. */
export interface StagedObject {
  tempPath: string
  sha256: string
  size: number
  /** The first bytes (up to HEAD_BYTES), for text detection without another read. */
  head: Buffer
}

export const HEAD_BYTES = 8192
const SHA256_HEX = /^[0-9a-f]{64}$/
const SAFE_EXT = /^[a-z0-9]{1,10}$/

export interface StageOptions {
  /** Refuse with TOO_LARGE as soon as more than this many bytes arrive. */
  maxBytes?: number
  signal?: AbortSignal
  /** Called with the byte count after each chunk. */
  onBytes?: (bytes: number) => void
}

/**
 * The content-addressed store: `objects/ab/<sha256>.<ext>`. An object appears there only
 * complete (staged in tmp/, fsynced, renamed in, folder fsynced) and read-only, and its name is
 * its SHA-256. Memory stays flat: bytes are streamed and hashed in one pass.
 */
export class ObjectStore {
  /** Shard folders known to exist (created or seen), to skip a mkdir per object. */
  private readonly knownShards = new Set<string>()

  constructor(
    private readonly fs: FsSeam,
    private readonly layout: LibraryLayout,
  ) {}

  /** Path of an object relative to the library root (what rows may store). */
  relativePath(sha256: string, ext: string): string {
    assertSha(sha256)
    return join('objects', sha256.slice(0, 2), ext ? `${sha256}.${safeExt(ext)}` : sha256)
  }

  absolutePath(sha256: string, ext: string): string {
    return join(this.layout.root, this.relativePath(sha256, ext))
  }

  /** Streams `source` into a new temp file, hashing the same bytes. Nothing is kept on failure. */
  async stage(source: Readable | AsyncIterable<Uint8Array>, options: StageOptions = {}): Promise<StagedObject> {
    const tempPath = join(this.layout.tmp, `${randomUUID()}.part`)
    const hash = createHash('sha256')
    const headChunks: Buffer[] = []
    let headLength = 0
    let size = 0
    let handle: Awaited<ReturnType<FsSeam['open']>> | undefined
    let pendingWrite: Promise<void> = Promise.resolve()
    try {
      handle = await this.fs.open(tempPath, 'wx', 0o600)
      for await (const chunk of source) {
        options.signal?.throwIfAborted()
        const bytes = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength)
        size += bytes.length
        if (options.maxBytes !== undefined && size > options.maxBytes) {
          throw new AppError('TOO_LARGE', `The file is larger than the limit of ${options.maxBytes} bytes.`, { limit: options.maxBytes })
        }
        hash.update(bytes)
        if (headLength < HEAD_BYTES) {
          const part = bytes.subarray(0, HEAD_BYTES - headLength)
          headChunks.push(Buffer.from(part))
          headLength += part.length
        }
        // One write in flight while the next chunk is read and hashed: disk and CPU overlap.
        await pendingWrite
        pendingWrite = writeAll(handle, bytes)
        // Handled: the failure surfaces at the next `await pendingWrite`, not as an unhandled rejection.
        pendingWrite.catch(() => undefined)
        options.onBytes?.(size)
      }
      await pendingWrite
      options.signal?.throwIfAborted()
      await handle.sync()
      await handle.close()
      handle = undefined
      return { tempPath, sha256: hash.digest('hex'), size, head: Buffer.concat(headChunks) }
    } catch (err) {
      await pendingWrite.catch(() => undefined)
      await handle?.close().catch(() => undefined)
      await this.fs.rm(tempPath, { force: true }).catch(() => undefined)
      if (options.signal?.aborted) throw new AppError('CANCELLED', 'The import was cancelled.')
      throw fromFsError(err, 'write to the staging folder', this.layout.tmp)
    }
  }

  /**
   * Moves a staged object into place. If the object is already there (same name = same bytes)
   * the staged copy is dropped. Returns the relative path and whether a new object was written.
   */
  async commit(staged: StagedObject, ext: string): Promise<{ path: string; created: boolean }> {
    const relative = this.relativePath(staged.sha256, ext)
    const target = join(this.layout.root, relative)
    const folder = join(this.layout.objects, staged.sha256.slice(0, 2))
    try {
      if (await this.exists(staged.sha256, ext)) {
        await this.discard(staged)
        return { path: relative, created: false }
      }
      if (!this.knownShards.has(folder)) {
        await this.fs.mkdir(folder, { recursive: true })
        this.knownShards.add(folder)
      }
      await this.fs.chmod(staged.tempPath, 0o444)
      await this.moveIntoPlace(staged, target)
      await fsyncDirectory(this.fs, folder)
      return { path: relative, created: true }
    } catch (err) {
      await this.discard(staged)
      throw fromFsError(err, 'store the file in', this.layout.objects)
    }
  }

  async discard(staged: StagedObject): Promise<void> {
    await this.fs.rm(staged.tempPath, { force: true }).catch(() => undefined)
  }

  async exists(sha256: string, ext: string): Promise<boolean> {
    try {
      return (await this.fs.stat(this.absolutePath(sha256, ext))).isFile()
    } catch (err) {
      if (errnoOf(err) === 'ENOENT') return false
      throw err
    }
  }

  /** Deletes an object (after its rows are gone). Read-only files need their mode back first. */
  async remove(sha256: string, ext: string): Promise<void> {
    const path = this.absolutePath(sha256, ext)
    try {
      await this.fs.chmod(path, 0o644)
      await this.fs.unlink(path)
    } catch (err) {
      if (errnoOf(err) !== 'ENOENT') throw fromFsError(err, 'delete', path)
    }
  }

  /** Re-reads an object and returns its SHA-256, or null when it is missing. */
  async hashOf(sha256: string, ext: string, onBytes?: (n: number) => void, signal?: AbortSignal): Promise<string | null> {
    const path = this.absolutePath(sha256, ext)
    let handle: Awaited<ReturnType<FsSeam['open']>>
    try {
      handle = await this.fs.open(path, 'r')
    } catch (err) {
      if (errnoOf(err) === 'ENOENT') return null
      throw fromFsError(err, 'read', path)
    }
    try {
      const hash = createHash('sha256')
      for await (const chunk of handle.createReadStream({ highWaterMark: 1024 * 1024, autoClose: false })) {
        signal?.throwIfAborted()
        hash.update(chunk as Buffer)
        onBytes?.((chunk as Buffer).length)
      }
      return hash.digest('hex')
    } finally {
      await handle.close()
    }
  }

  /** Same filesystem by design; if tmp/ and objects/ differ anyway (EXDEV), copy and verify. */
  private async moveIntoPlace(staged: StagedObject, target: string): Promise<void> {
    try {
      await this.fs.rename(staged.tempPath, target)
    } catch (err) {
      if (errnoOf(err) !== 'EXDEV') throw err
      const copy = `${target}.${randomUUID()}.part`
      await this.fs.copyFile(staged.tempPath, copy)
      const handle = await this.fs.open(copy, 'r')
      try {
        const hash = createHash('sha256')
        for await (const chunk of handle.createReadStream({ autoClose: false })) hash.update(chunk as Buffer)
        if (hash.digest('hex') !== staged.sha256) {
          throw new AppError('CORRUPT', 'The copy into the library did not match the original; nothing was stored.')
        }
        await handle.chmod(0o444)
        await handle.sync()
      } catch (copyErr) {
        await handle.close().catch(() => undefined)
        await this.fs.rm(copy, { force: true }).catch(() => undefined)
        throw copyErr
      }
      await handle.close()
      await this.fs.rename(copy, target)
      await this.fs.rm(staged.tempPath, { force: true })
    }
  }
}

/** Writes the whole buffer at the file's current position (a write may be short). */
async function writeAll(handle: Awaited<ReturnType<FsSeam['open']>>, bytes: Buffer): Promise<void> {
  let offset = 0
  while (offset < bytes.length) {
    const { bytesWritten } = await handle.write(bytes, offset, bytes.length - offset)
    offset += bytesWritten
  }
}

function assertSha(sha256: string): void {
  if (!SHA256_HEX.test(sha256)) throw new AppError('INVALID_INPUT', 'Not a SHA-256 hash.')
}

export const safeExt = (ext: string): string => {
  const lower = ext.toLowerCase().replace(/^\./, '')
  return SAFE_EXT.test(lower) ? lower : 'bin'
}
