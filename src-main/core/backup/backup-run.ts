import { isAbsolute, relative, resolve } from 'node:path'
import { AppError, fromFsError } from '../common/app-error'
import type { Clock } from '../common/clock'
import type { FsSeam } from '../common/fs-seam'
import type { Logger } from '../common/logger'
import type { SqliteHandle } from '../db/connection'
import type { LibraryLayout } from '../library/library-layout'
import { BACKUP_FORMAT, backupLayout, type BackupLayout } from './backup-layout'
import { readBackupState, writeManifest, writePartialMarker, type BackupManifest } from './backup-manifest'
import { copyDatabase, neededObjects } from './database-copy'
import { copyObjects, type ObjectProblem } from './copy-objects'
import { copyTree } from './copy-tree'

export interface BackupDeps {
  fs: FsSeam
  clock: Clock
  logger: Logger
  appVersion: string
}

/** The open library being backed up: its folder and its live database connection. */
export interface BackupSource {
  layout: LibraryLayout
  sqlite: SqliteHandle
}

export interface BackupProgress {
  phase: 'database' | 'objects' | 'vault' | 'finishing'
  itemsDone: number
  itemsTotal: number | null
  bytesDone: number
  bytesTotal: number | null
}

export interface BackupReport {
  destination: string
  /** An interrupted earlier run was found (its partial marker) and continued. */
  resumed: boolean
  /** There was a complete backup here before; only what it lacked was copied. */
  incremental: boolean
  manifest: BackupManifest
  objectsCopied: number
  objectsSkipped: number
  bytesCopied: number
  vaultFilesCopied: number
  problems: ObjectProblem[]
  seconds: number
}

export interface RunOptions {
  signal?: AbortSignal
  onProgress?: (progress: BackupProgress) => void
}

/** Refuses a destination inside the library, or a library inside the destination. */
export function assertSeparate(libraryRoot: string, other: string, what: string): void {
  const inside = (parent: string, child: string) => {
    const rel = relative(resolve(parent), resolve(child))
    return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel))
  }
  if (inside(libraryRoot, other) || inside(other, libraryRoot)) {
    throw new AppError('INVALID_INPUT', `The ${what} must be outside the library folder, and must not contain it (${other}).`, { path: other })
  }
}

/** A day before the interrupted run began (clocks of network drives drift); everything when unknown. */
const recheckSince = (partial: { startedAt: string } | null): number => {
  const started = partial ? Date.parse(partial.startedAt) : Number.NaN
  return Number.isFinite(started) ? started - 24 * 3600_000 : 0
}

/** Empties (or creates) a backup's staging folder: copies a killed run left behind are dropped. */
async function freshStaging(fs: FsSeam, layout: BackupLayout): Promise<void> {
  await fs.rm(layout.tmp, { recursive: true, force: true })
  await fs.mkdir(layout.tmp, { recursive: true })
}

/**
 * Backs the open library up into `destination` (an empty folder, or an earlier backup):
 * partial marker first; the database through SQLite's online backup; then the objects the
 * backup lacks, each read back before it is renamed in; the vault as ciphertext; the manifest
 * last (atomically), which is what makes the backup complete. A run that stops anywhere leaves
 * the marker, so the backup never looks complete, and the next run continues from it.
 */
export async function runBackup(deps: BackupDeps, source: BackupSource, destination: string, options: RunOptions = {}): Promise<BackupReport> {
  const started = deps.clock.now()
  const { fs } = deps
  const layout = backupLayout(resolve(destination))
  assertSeparate(source.layout.root, layout.root, 'backup folder')
  const state = await readBackupState(fs, layout)
  if (state.kind === 'foreign') {
    throw new AppError('FOLDER_NOT_EMPTY', `${layout.root} holds other files (${state.entries.join(', ')}). Choose an empty folder or an earlier Trove backup.`, { path: layout.root, entries: state.entries })
  }
  const libraryId = (source.sqlite.prepare(`SELECT value FROM library_meta WHERE key = 'library_id'`).get() as { value: string } | undefined)?.value ?? null
  const existingId = state.kind === 'complete' ? state.manifest.libraryId : state.kind === 'incomplete' ? (state.partial?.libraryId ?? null) : null
  if (existingId && libraryId && existingId !== libraryId) {
    throw new AppError('FOLDER_NOT_EMPTY', `${layout.root} holds the backup of another library; it was left alone. Choose an empty folder for this library's backup.`, { path: layout.root })
  }
  const resumed = state.kind === 'incomplete'
  if (resumed) deps.logger.warn('an earlier backup here was interrupted; continuing it', { destination: layout.root, startedAt: state.partial?.startedAt })
  const progress = (p: BackupProgress) => options.onProgress?.(p)

  await fs.mkdir(layout.root, { recursive: true }).catch((err: unknown) => {
    throw fromFsError(err, 'create the backup folder', layout.root)
  })
  await writePartialMarker(fs, layout, {
    startedAt: new Date(deps.clock.now()).toISOString(), appVersion: deps.appVersion, libraryPath: source.layout.root, libraryId,
    runs: (state.kind === 'incomplete' ? (state.partial?.runs ?? 1) : 0) + 1,
  })
  // From here the folder says "incomplete" until the new manifest is written.
  await fs.rm(layout.manifest, { force: true })
  await freshStaging(fs, layout)
  await fs.mkdir(layout.objects, { recursive: true })

  progress({ phase: 'database', itemsDone: 0, itemsTotal: null, bytesDone: 0, bytesTotal: null })
  const database = await copyDatabase(fs, source.sqlite, layout.database, layout.tmp, { integrityCheck: false, signal: options.signal })

  const needed = neededObjects(layout.database)
  const bytesTotal = needed.reduce((sum, o) => sum + o.size, 0)
  progress({ phase: 'objects', itemsDone: 0, itemsTotal: needed.length, bytesDone: 0, bytesTotal })
  const objects = await copyObjects(needed, {
    fs, from: source.layout.objects, to: layout.objects, stagingDir: layout.tmp, signal: options.signal,
    // Durable together before the manifest; after an interruption, what that run wrote is read again.
    deferSync: true,
    recheckNewerThan: resumed ? recheckSince(state.kind === 'incomplete' ? state.partial : null) : undefined,
    onProgress: ({ items, bytes }) => progress({ phase: 'objects', itemsDone: items, itemsTotal: needed.length, bytesDone: bytes, bytesTotal }),
  })

  progress({ phase: 'vault', itemsDone: needed.length, itemsTotal: needed.length, bytesDone: objects.bytesCopied, bytesTotal })
  const vault = await copyTree(fs, source.layout.vault, layout.vault, { stagingDir: layout.tmp, signal: options.signal })

  progress({ phase: 'finishing', itemsDone: needed.length, itemsTotal: needed.length, bytesDone: objects.bytesCopied, bytesTotal })
  options.signal?.throwIfAborted()
  const manifest: BackupManifest = {
    format: BACKUP_FORMAT,
    appVersion: deps.appVersion,
    createdAt: new Date(deps.clock.now()).toISOString(),
    libraryPath: source.layout.root,
    libraryId,
    counts: database.counts,
    vaultFiles: vault.files,
    database: { file: 'trove.db', sha256: database.sha256, bytes: database.bytes, schemaVersion: database.schemaVersion },
    copiedThisRun: objects.copied,
    problems: objects.problems.length,
    complete: true,
  }
  await fs.rm(layout.tmp, { recursive: true, force: true })
  await writeManifest(fs, layout, manifest)
  const report: BackupReport = {
    destination: layout.root, resumed, incremental: state.kind === 'complete', manifest,
    objectsCopied: objects.copied, objectsSkipped: objects.skipped, bytesCopied: objects.bytesCopied,
    vaultFilesCopied: vault.copied, problems: objects.problems, seconds: (deps.clock.now() - started) / 1000,
  }
  deps.logger.info('backup written', { destination: layout.root, copied: objects.copied, skipped: objects.skipped, problems: objects.problems.length })
  return report
}
