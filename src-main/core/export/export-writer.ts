import { createHash } from 'node:crypto'
import { join } from 'node:path'
import type { FileHandle } from 'node:fs/promises'
import { errnoOf, fromFsError, isAppError } from '../common/app-error'
import { fsyncDirectory, type FsSeam } from '../common/fs-seam'
import { FolderNames } from './export-names'
import type { ExportItem } from './export-source'

export const MANIFEST_NAME = 'trove-export.json'
export const MANIFEST_PARTIAL_NAME = 'trove-export.json.partial'

/** A failure while reading an item's bytes, as opposed to writing them (which stops the export). */
class SourceReadError extends Error {
  constructor(cause: unknown) {
    super('the source could not be read', { cause })
  }
}

export interface SkippedItem {
  name: string
  folder: string
  sha256: string | null
  code: string
  message: string
}

/**
 * Writes items into an export folder: folders and names made safe and unique (per folder,
 * ignoring case), every file created exclusively (an existing file is never opened for
 * writing), bytes streamed and hashed on the way, modified time set. A file whose bytes do
 * not match its hash, or cannot be read, is removed again and reported as skipped.
 */
export class ExportWriter {
  private readonly folders = new Map<string, { path: string; rel: string; names: FolderNames }>()

  constructor(
    private readonly fs: FsSeam,
    private readonly root: string,
  ) {
    this.folders.set('', { path: root, rel: '', names: new FolderNames([MANIFEST_NAME, MANIFEST_PARTIAL_NAME]) })
  }

  /** Writes one item; its path relative to the root (with `/`), or the reason it was skipped. */
  async write(item: ExportItem, signal: AbortSignal, onBytes: (n: number) => void): Promise<{ path: string; bytes: number } | { skipped: SkippedItem }> {
    const folder = await this.folder(item.folder)
    let handle: FileHandle | undefined
    let target = ''
    let name = ''
    const skip = (code: string, message: string) => ({ skipped: { name: item.name, folder: folder.rel, sha256: item.sha256, code, message } })
    let input: AsyncIterable<Buffer>
    try {
      input = (await item.open()) as AsyncIterable<Buffer>
    } catch (err) {
      if (isAppError(err)) return skip(err.code, err.message)
      throw err
    }
    try {
      for (;;) {
        name = folder.names.claim(item.name)
        target = join(folder.path, name)
        try {
          handle = await this.fs.open(target, 'wx', 0o644)
          break
        } catch (err) {
          if (errnoOf(err) !== 'EEXIST') throw fromFsError(err, 'create', target)
        }
      }
      const hash = createHash('sha256')
      let bytes = 0
      const chunks = input[Symbol.asyncIterator]()
      for (;;) {
        let step: IteratorResult<Buffer>
        try {
          step = await chunks.next()
        } catch (err) {
          throw new SourceReadError(err)
        }
        if (step.done) break
        const chunk = step.value
        signal.throwIfAborted()
        hash.update(chunk)
        await handle.write(chunk)
        bytes += chunk.length
        onBytes(chunk.length)
      }
      const seconds = item.modifiedAt / 1000
      await handle.utimes(seconds, seconds)
      await handle.close()
      handle = undefined
      const actual = hash.digest('hex')
      if (item.sha256 !== null && actual !== item.sha256) {
        await this.fs.rm(target, { force: true })
        return skip('CORRUPT', `The stored bytes of "${item.name}" no longer match their hash (${actual.slice(0, 12)}…); run verify.`)
      }
      return { path: folder.rel ? `${folder.rel}/${name}` : name, bytes }
    } catch (err) {
      await handle?.close().catch(() => undefined)
      if (target) await this.fs.rm(target, { force: true }).catch(() => undefined)
      ;(input as { destroy?: () => void }).destroy?.()
      // The bytes stopped coming (a watched folder unplugged, a disk error while reading): this file only.
      if (err instanceof SourceReadError) return skip('UNAVAILABLE', `"${item.name}" could not be read to the end (${errnoOf(err.cause) ?? 'read error'}); nothing of it was kept.`)
      if (isAppError(err) && (err.code === 'NOT_FOUND' || err.code === 'UNAVAILABLE' || err.code === 'SOURCE_CHANGED')) return skip(err.code, err.message)
      throw isAppError(err) || signal.aborted ? err : fromFsError(err, 'write', target)
    }
  }

  /** Makes sure what was written survives a power cut: each folder synced once at the end. */
  async syncFolders(): Promise<void> {
    for (const folder of this.folders.values()) await fsyncDirectory(this.fs, folder.path).catch(() => undefined)
  }

  private async folder(names: string[]): Promise<{ path: string; rel: string; names: FolderNames }> {
    let key = ''
    let current = this.folders.get('')!
    for (const raw of names) {
      const childKey = `${key}\u0000${raw.normalize('NFC').toLowerCase()}`
      let child = this.folders.get(childKey)
      if (!child) {
        for (;;) {
          const name = current.names.claim(raw)
          const path = join(current.path, name)
          try {
            await this.fs.mkdir(path)
          } catch (err) {
            if (errnoOf(err) === 'EEXIST') continue
            throw fromFsError(err, 'create the folder', path)
          }
          child = { path, rel: current.rel ? `${current.rel}/${name}` : name, names: new FolderNames() }
          break
        }
        this.folders.set(childKey, child)
      }
      key = childKey
      current = child
    }
    return current
  }
}

