import { join, resolve } from 'node:path'
import BetterSqlite3 from 'better-sqlite3'
import { AppError, errnoOf, fromFsError } from '../common/app-error'
import type { Clock } from '../common/clock'
import type { FsSeam } from '../common/fs-seam'
import type { Logger } from '../common/logger'
import { assertSeparate } from '../backup/backup-run'
import { copyDatabase, neededObjects } from '../backup/database-copy'
import { copyObjects, type ObjectProblem } from '../backup/copy-objects'
import { copyTree } from '../backup/copy-tree'
import type { JobRegistry } from '../jobs/job-registry'
import type { AppSettingsStore } from '../settings/app-settings'
import { libraryLayout, type LibraryLayout } from './library-layout'
import type { LibraryManager } from './library-manager'
import { verifyCopiedObjects } from './move-verify'

export interface MoveDeps {
  fs: FsSeam
  clock: Clock
  logger: Logger
  jobs: JobRegistry
  libraries: LibraryManager
  settings: AppSettingsStore
}

export interface MoveProgress {
  phase: 'copying' | 'closing' | 'catching-up' | 'verifying' | 'switching'
  itemsDone: number
  itemsTotal: number | null
  bytesDone: number
  bytesTotal: number | null
}

export interface MoveReport {
  from: string
  to: string
  objectsCopied: number
  objectsVerified: number
  bytesCopied: number
  thumbsCopied: number
  vaultFiles: number
  /** Entries whose bytes were already missing in the old folder (they are missing in the new one too). */
  problems: ObjectProblem[]
  /** The app now opens the new folder at start-up. */
  remembered: boolean
  seconds: number
}

/** Kinds of job that write into the library and must not be cut short by a move. */
const BUSY_KINDS = new Set(['import', 'export', 'verify', 'backup', 'restore'])

async function requireEmptyDestination(fs: FsSeam, path: string): Promise<'missing' | 'empty'> {
  try {
    const entries = await fs.readdir(path)
    if (entries.length) throw new AppError('FOLDER_NOT_EMPTY', `${path} is not empty. Move the library into a new or empty folder.`, { path, entries: entries.slice(0, 10) })
    return 'empty'
  } catch (err) {
    if (errnoOf(err) === 'ENOENT') return 'missing'
    if (errnoOf(err) === 'ENOTDIR') throw new AppError('NOT_A_FOLDER', `${path} is a file, not a folder.`, { path })
    throw err
  }
}

/** The folders other than objects/ that travel with a library: vault (ciphertext), thumbs, staged uploads. */
async function copyFolders(fs: FsSeam, from: LibraryLayout, to: LibraryLayout, signal: AbortSignal) {
  const staging = { stagingDir: to.tmp, signal }
  const vault = await copyTree(fs, from.vault, to.vault, staging)
  const thumbs = await copyTree(fs, from.thumbs, to.thumbs, { ...staging, mode: 0o644 })
  await copyTree(fs, from.uploads, to.uploads, staging)
  return { vaultFiles: vault.files, thumbsCopied: thumbs.copied }
}

/**
 * Moves the open library to `destination` (a new or empty folder, on any drive): copies it
 * while the app keeps running, then closes it for a short catch-up (the database through
 * SQLite's backup, objects added meanwhile), re-hashes every object of the copy and checks its
 * database, and only then opens the copy (remembered when the old folder was). The old folder
 * is left as it was; deleting it is a separate, explicit call. A failure at any step removes the
 * copy and leaves (or reopens) the old library.
 */
export async function moveLibrary(deps: MoveDeps, destination: string, options: { signal: AbortSignal; onProgress?: (p: MoveProgress) => void }): Promise<MoveReport> {
  const started = deps.clock.now()
  const { fs } = deps
  const current = deps.libraries.current
  if (!current) throw new AppError('LIBRARY_NOT_OPEN', 'No library is open to move.')
  const busy = deps.jobs.list().find((j) => j.state === 'running' && BUSY_KINDS.has(j.kind))
  if (busy) throw new AppError('UNAVAILABLE', `Wait for "${busy.label}" to finish before moving the library.`)
  const from = current.layout
  const to = libraryLayout(resolve(destination))
  assertSeparate(from.root, to.root, 'new library folder')
  const before = await requireEmptyDestination(fs, to.root)
  const progress = (p: MoveProgress) => options.onProgress?.(p)
  const wasRemembered = (await deps.settings.read()).libraryPath
  let closed = false

  try {
    try {
      await fs.mkdir(to.tmp, { recursive: true })
      await fs.mkdir(to.objects, { recursive: true })
    } catch (err) {
      throw fromFsError(err, 'create the new library folder', to.root)
    }
    // 1. The bulk, while the app keeps running: a snapshot's objects, the other folders.
    progress({ phase: 'copying', itemsDone: 0, itemsTotal: null, bytesDone: 0, bytesTotal: null })
    await copyDatabase(fs, current.connection.sqlite, to.database, to.tmp, { keepWal: true, signal: options.signal })
    const first = neededObjects(to.database)
    const firstBytes = first.reduce((sum, o) => sum + o.size, 0)
    const bulk = await copyObjects(first, {
      fs, from: from.objects, to: to.objects, stagingDir: to.tmp, signal: options.signal,
      onProgress: ({ items, bytes }) => progress({ phase: 'copying', itemsDone: items, itemsTotal: first.length, bytesDone: bytes, bytesTotal: firstBytes }),
    })
    const early = await copyFolders(fs, from, to, options.signal)

    // 2. Closed for the catch-up, so nothing acknowledged in the old folder is left behind.
    progress({ phase: 'closing', itemsDone: first.length, itemsTotal: first.length, bytesDone: bulk.bytesCopied, bytesTotal: firstBytes })
    await deps.libraries.close({ notify: false })
    closed = true
    progress({ phase: 'catching-up', itemsDone: 0, itemsTotal: null, bytesDone: 0, bytesTotal: null })
    const source = new BetterSqlite3(from.database, { fileMustExist: true })
    try {
      await copyDatabase(fs, source, to.database, to.tmp, { keepWal: true, signal: options.signal })
    } finally {
      source.close()
    }
    const needed = neededObjects(to.database)
    const rest = await copyObjects(needed, { fs, from: from.objects, to: to.objects, stagingDir: to.tmp, signal: options.signal })
    const folders = await copyFolders(fs, from, to, options.signal)

    // 3. Every object of the copy read again, against its name.
    const bytesTotal = needed.reduce((sum, o) => sum + o.size, 0)
    const problems = rest.problems
    const missingAlready = new Set(problems.map((p) => p.sha256))
    const verified = await verifyCopiedObjects(fs, to.objects, needed.filter((o) => !missingAlready.has(o.sha256)), {
      signal: options.signal,
      onProgress: ({ items, bytes }) => progress({ phase: 'verifying', itemsDone: items, itemsTotal: needed.length, bytesDone: bytes, bytesTotal }),
    })
    await fs.rm(to.tmp, { recursive: true, force: true })

    // 4. Switch: the copy is opened (quick_check, start-up checks); remembered if the old one was.
    progress({ phase: 'switching', itemsDone: needed.length, itemsTotal: needed.length, bytesDone: bytesTotal, bytesTotal })
    const remember = !wasRemembered || resolve(wasRemembered) === from.root
    await deps.libraries.open(to.root, { remember })
    closed = false
    const report: MoveReport = {
      from: from.root, to: to.root, objectsCopied: bulk.copied + rest.copied, objectsVerified: verified, bytesCopied: bulk.bytesCopied + rest.bytesCopied,
      thumbsCopied: early.thumbsCopied + folders.thumbsCopied, vaultFiles: folders.vaultFiles, problems, remembered: remember, seconds: (deps.clock.now() - started) / 1000,
    }
    deps.logger.info('library moved', { from: from.root, to: to.root, objects: needed.length })
    return report
  } catch (err) {
    deps.logger.warn('library move failed; the old folder stays in use', { from: from.root, to: to.root, error: err instanceof Error ? err.message : String(err) })
    if (before === 'missing') await fs.rm(to.root, { recursive: true, force: true }).catch(() => undefined)
    else await removeChildren(fs, to.root).catch(() => undefined)
    if (closed || !deps.libraries.current) await deps.libraries.open(from.root, { remember: false })
    if (options.signal.aborted) throw new AppError('CANCELLED', 'The move was cancelled; the library stays where it was.')
    throw err
  }
}

async function removeChildren(fs: FsSeam, folder: string): Promise<void> {
  for (const name of await fs.readdir(folder)) await fs.rm(join(folder, name), { recursive: true, force: true })
}

/** The library's identity (library_meta.library_id) read from a folder's database, or null. */
export function libraryIdOf(folder: string): string | null {
  try {
    const db = new BetterSqlite3(join(folder, 'trove.db'), { readonly: true, fileMustExist: true })
    try {
      return (db.prepare(`SELECT value FROM library_meta WHERE key = 'library_id'`).get() as { value: string } | undefined)?.value ?? null
    } finally {
      db.close()
    }
  } catch {
    return null
  }
}

/**
 * Deletes the old folder after a move, on explicit request only: it must not be the open
 * library, and its database must say it is the same library (same id) as the open one.
 */
export async function deleteOldCopy(fs: FsSeam, libraries: LibraryManager, path: string): Promise<{ deleted: string }> {
  const current = libraries.current
  if (!current) throw new AppError('LIBRARY_NOT_OPEN', 'Open the moved library first.')
  const old = resolve(path)
  if (old === current.layout.root) throw new AppError('FORBIDDEN', 'That is the library in use; it cannot be deleted.')
  assertSeparate(current.layout.root, old, 'old copy')
  const currentId = (current.connection.sqlite.prepare(`SELECT value FROM library_meta WHERE key = 'library_id'`).get() as { value: string } | undefined)?.value
  const oldId = libraryIdOf(old)
  if (!oldId) throw new AppError('NOT_FOUND', `${old} holds no Trove library.`, { path: old })
  if (oldId !== currentId) throw new AppError('FORBIDDEN', `${old} is a different library, not an old copy of this one; it was not deleted.`, { path: old })
  await fs.rm(old, { recursive: true, force: true })
  return { deleted: old }
}
