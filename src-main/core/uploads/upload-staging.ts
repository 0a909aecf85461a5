import { join } from 'node:path'
import type { Readable } from 'node:stream'
import { AppError, errnoOf } from '../common/app-error'
import { fsyncDirectory, type FsSeam } from '../common/fs-seam'

const UPLOAD_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/
const SUFFIX = '.part'
const READ_CHUNK = 1024 * 1024

/** True for the ids this library hands out (lowercase UUIDs); anything else is never a file name. */
export const isUploadId = (id: string): boolean => UPLOAD_ID.test(id)

export interface StagingEntry {
  /** The entry's name in uploads/. */
  entry: string
  /** The upload it belongs to, or null for something that is not a staging file at all. */
  id: string | null
  mtimeMs: number
}

/**
 * The staged bytes of uploads in progress: one file per upload, `uploads/<id>.part`, outside
 * tmp/ so they survive a restart. Only the upload service writes here; every write it
 * acknowledges has been fsynced first.
 */
export class UploadStaging {
  constructor(
    private readonly fs: FsSeam,
    readonly dir: string,
  ) {}

  pathOf(id: string): string {
    if (!isUploadId(id)) throw new AppError('INVALID_INPUT', 'Not an upload id.')
    return join(this.dir, `${id}${SUFFIX}`)
  }

  /** Creates the empty staging file and makes its name durable (before any row names it). */
  async create(id: string): Promise<void> {
    await this.fs.mkdir(this.dir, { recursive: true })
    const handle = await this.fs.open(this.pathOf(id), 'wx', 0o600)
    try {
      await handle.sync()
    } finally {
      await handle.close()
    }
    await fsyncDirectory(this.fs, this.dir)
  }

  /** Length of the staged bytes, or null when the file is gone. */
  async length(id: string): Promise<number | null> {
    try {
      return (await this.fs.stat(this.pathOf(id))).size
    } catch (err) {
      if (errnoOf(err) === 'ENOENT') return null
      throw err
    }
  }

  /** Drops bytes past `length` (written but never acknowledged). */
  async truncate(id: string, length: number): Promise<void> {
    const handle = await this.fs.open(this.pathOf(id), 'r+')
    try {
      await handle.truncate(length)
      await handle.sync()
    } finally {
      await handle.close()
    }
  }

  /**
   * Writes `bytes` at `offset` (the current end of the file) and fsyncs, so the caller may
   * acknowledge them. On failure the file is cut back to `offset`: a half-written chunk never
   * stays behind to be mistaken for data.
   */
  async writeAt(id: string, offset: number, bytes: Uint8Array): Promise<void> {
    const handle = await this.fs.open(this.pathOf(id), 'r+')
    try {
      let written = 0
      while (written < bytes.byteLength) {
        const { bytesWritten } = await handle.write(bytes, written, bytes.byteLength - written, offset + written)
        written += bytesWritten
      }
      await handle.sync()
    } catch (err) {
      await handle.truncate(offset).catch(() => undefined)
      throw err
    } finally {
      await handle.close()
    }
  }

  /** A stream of the first `length` bytes (memory stays flat whatever the size). */
  async read(id: string, length: number): Promise<Readable | AsyncIterable<Uint8Array>> {
    if (length === 0) return (async function* () {})()
    const handle = await this.fs.open(this.pathOf(id), 'r')
    return handle.createReadStream({ start: 0, end: length - 1, highWaterMark: READ_CHUNK })
  }

  async remove(id: string): Promise<void> {
    await this.fs.rm(this.pathOf(id), { force: true })
  }

  /** Removes an entry found by `list()`, whatever it is. */
  async removeEntry(entry: string): Promise<void> {
    await this.fs.rm(join(this.dir, entry), { recursive: true, force: true })
  }

  async list(): Promise<StagingEntry[]> {
    let entries: string[]
    try {
      entries = await this.fs.readdir(this.dir)
    } catch (err) {
      if (errnoOf(err) === 'ENOENT') return []
      throw err
    }
    const out: StagingEntry[] = []
    for (const entry of entries) {
      const id = entry.endsWith(SUFFIX) ? entry.slice(0, -SUFFIX.length) : ''
      let mtimeMs = 0
      try {
        mtimeMs = (await this.fs.lstat(join(this.dir, entry))).mtimeMs
      } catch (err) {
        if (errnoOf(err) === 'ENOENT') continue
        throw err
      }
      out.push({ entry, id: isUploadId(id) ? id : null, mtimeMs })
    }
    return out
  }
}
