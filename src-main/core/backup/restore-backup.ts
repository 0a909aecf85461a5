import { join, resolve } from 'node:path'
import { AppError, errnoOf } from '../common/app-error'
import type { Clock } from '../common/clock'
import type { FsSeam } from '../common/fs-seam'
import type { Logger } from '../common/logger'
import { libraryLayout } from '../library/library-layout'
import { openLibrary } from '../library/open-library'
import { runStartupChecks } from '../store/integrity'
import { ObjectStore } from '../store/object-store'
import { backupLayout } from './backup-layout'
import { checkBackupDatabase, requireCompleteBackup } from './backup-verify'
import { integrityProblems, neededObjects } from './database-copy'
import { copyObjects, type ObjectProblem } from './copy-objects'
import { copyTree } from './copy-tree'
import { assertSeparate } from './backup-run'
import { copyVerified } from './verified-copy'

export interface RestoreReport {
  library: string
  backup: string
  backupCreatedAt: string
  files: number
  tags: number
  collections: number
  /** Objects copied from the backup, each read back and matched against its name. */
  objectsVerified: number
  bytes: number
  vaultFiles: number
  /** Objects the database needs that the backup lacks or holds damaged: their entries are marked missing. */
  problems: ObjectProblem[]
  /** Entries the restored library's start-up checks found without their bytes. */
  missingEntries: number
  ok: boolean
}

export interface RestoreDeps {
  fs: FsSeam
  clock: Clock
  logger: Logger
}

/** Whether a destination is usable for a new library: missing, or an empty folder. */
async function destinationState(fs: FsSeam, path: string): Promise<'missing' | 'empty'> {
  try {
    const entries = await fs.readdir(path)
    if (entries.length === 0) return 'empty'
    throw new AppError('FOLDER_NOT_EMPTY', `${path} is not empty. Restore into a new or empty folder; nothing was changed.`, { path, entries: entries.slice(0, 10) })
  } catch (err) {
    if (errnoOf(err) === 'ENOENT') return 'missing'
    if (errnoOf(err) === 'ENOTDIR') throw new AppError('NOT_A_FOLDER', `${path} is a file, not a folder.`, { path })
    throw err
  }
}

/**
 * Restores a complete backup into a new library folder (missing or empty; anything else is
 * refused): the database (hash checked against the manifest, integrity_check), every object it
 * needs (read back and matched against its name), the vault as it is; then the library is
 * opened once with its start-up checks. A failure removes what was written.
 */
export async function restoreBackup(
  deps: RestoreDeps,
  backupFolder: string,
  newLibrary: string,
  options: { signal?: AbortSignal; onProgress?: (p: { itemsDone: number; itemsTotal: number; bytesDone: number; bytesTotal: number }) => void } = {},
): Promise<RestoreReport> {
  const { fs } = deps
  const backup = backupLayout(resolve(backupFolder))
  const target = libraryLayout(resolve(newLibrary))
  assertSeparate(backup.root, target.root, 'new library folder')
  const manifest = await requireCompleteBackup(fs, backup)
  const before = await destinationState(fs, target.root)
  const database = await checkBackupDatabase(fs, backup, manifest, options.signal)
  if (!database.sha256Matches) throw new AppError('CORRUPT', `The backup's database does not match its manifest (damaged or replaced). Nothing was restored.`, { path: backup.database })
  if (database.integrity.length) throw new AppError('CORRUPT', `The backup's database failed its integrity check (${database.integrity[0]}). Nothing was restored.`, { path: backup.database })

  try {
    await fs.mkdir(target.tmp, { recursive: true })
    await fs.mkdir(target.objects, { recursive: true })
    await copyVerified(fs, backup.database, target.database, { stagingDir: target.tmp, expectedSha256: manifest.database.sha256, mode: 0o600, signal: options.signal })
    const needed = neededObjects(target.database)
    const bytesTotal = needed.reduce((sum, o) => sum + o.size, 0)
    const copied = await copyObjects(needed, {
      fs, from: backup.objects, to: target.objects, stagingDir: target.tmp, signal: options.signal,
      onProgress: ({ items, bytes }) => options.onProgress?.({ itemsDone: items, itemsTotal: needed.length, bytesDone: bytes, bytesTotal }),
    })
    const problems = copied.problems.map((p) => ({ ...p, message: p.message.replace('in the library', 'in the backup').replace('from the library', 'from the backup') }))
    const vault = await copyTree(fs, backup.vault, target.vault, { stagingDir: target.tmp, signal: options.signal })
    const check = await checkRestoredLibrary(deps, target.root)
    const report: RestoreReport = {
      library: target.root, backup: backup.root, backupCreatedAt: manifest.createdAt,
      files: manifest.counts.files, tags: manifest.counts.tags, collections: manifest.counts.collections,
      objectsVerified: copied.copied, bytes: copied.bytesCopied, vaultFiles: vault.files, problems,
      missingEntries: check.missing, ok: problems.length === 0 && check.missing === 0,
    }
    deps.logger.info('backup restored', { backup: backup.root, library: target.root, objects: copied.copied, problems: problems.length })
    return report
  } catch (err) {
    // Nothing half-restored is left behind: the folder is as it was (gone, or empty).
    if (before === 'missing') await fs.rm(target.root, { recursive: true, force: true }).catch(() => undefined)
    else await emptyFolder(fs, target.root).catch(() => undefined)
    if (options.signal?.aborted) throw new AppError('CANCELLED', 'The restore was cancelled; nothing was kept.')
    throw err
  }
}

/** Opens the restored library once: quick_check and migrations, integrity_check, the start-up checks. */
async function checkRestoredLibrary(deps: RestoreDeps, root: string): Promise<{ missing: number }> {
  const library = await openLibrary(deps.fs, root, deps.logger)
  try {
    const problems = integrityProblems(library.connection.sqlite)
    if (problems.length) throw new AppError('CORRUPT', `The restored database failed its integrity check (${problems[0]}).`, { problems: problems.slice(0, 10) })
    const { db } = library.connection
    // Thumbnails are not in backups: previews are made again in the background.
    await db.updateTable('files').set({ preview_state: 'pending' }).where('preview_state', '=', 'done').execute()
    const store = new ObjectStore(deps.fs, library.layout)
    const report = await runStartupChecks({ db, fs: deps.fs, store, layout: library.layout, clock: deps.clock, logger: deps.logger })
    return { missing: report.missing.length }
  } finally {
    await library.close()
  }
}

async function emptyFolder(fs: FsSeam, folder: string): Promise<void> {
  for (const name of await fs.readdir(folder)) await fs.rm(join(folder, name), { recursive: true, force: true })
}
