import { join } from 'node:path'
import BetterSqlite3 from 'better-sqlite3'
import { AppError, errnoOf } from '../common/app-error'
import type { FsSeam } from '../common/fs-seam'
import { backupLayout, type BackupLayout } from './backup-layout'
import { assertReadableFormat, readBackupState, type BackupManifest } from './backup-manifest'
import { integrityProblems, neededObjects } from './database-copy'
import { objectName, pool, type ObjectProblem } from './copy-objects'
import { hashFile } from './verified-copy'

const OBJECT_NAME = /^([0-9a-f]{64})(?:\.[a-z0-9]{1,10})?$/

export interface BackupVerifyReport {
  backup: string
  manifest: BackupManifest
  /** Every object file in the backup, re-read and compared with its name. */
  objectsChecked: number
  bytesChecked: number
  /** Damaged objects (bytes differ from the name) and objects the database needs that are absent. */
  problems: ObjectProblem[]
  database: { sha256Matches: boolean; integrity: string[] }
  ok: boolean
}

/** The manifest of a complete backup, or the clear error for a folder that is not one. */
export async function requireCompleteBackup(fs: FsSeam, layout: BackupLayout): Promise<BackupManifest> {
  const state = await readBackupState(fs, layout)
  switch (state.kind) {
    case 'complete':
      assertReadableFormat(state.manifest)
      return state.manifest
    case 'incomplete':
      throw new AppError('BACKUP_INCOMPLETE', `The backup in ${layout.root} is incomplete: a backup into it was interrupted${state.partial ? ` (started ${state.partial.startedAt})` : ''}. Run the backup again to finish it.`, { path: layout.root })
    case 'missing':
      throw new AppError('NOT_FOUND', `${layout.root} does not exist.`, { path: layout.root })
    default:
      throw new AppError('NOT_A_BACKUP', `${layout.root} is not a Trove backup (it has no ${'trove-backup.json'}).`, { path: layout.root })
  }
}

/** The database copy's hash against the manifest, and SQLite's integrity_check (read-only). */
export async function checkBackupDatabase(fs: FsSeam, layout: BackupLayout, manifest: BackupManifest, signal?: AbortSignal): Promise<BackupVerifyReport['database']> {
  const hashed = await hashFile(fs, layout.database, signal)
  if (!hashed) return { sha256Matches: false, integrity: ['trove.db is missing from the backup'] }
  let integrity: string[]
  try {
    const db = new BetterSqlite3(layout.database, { readonly: true, fileMustExist: true })
    try {
      integrity = integrityProblems(db)
    } finally {
      db.close()
    }
  } catch (err) {
    integrity = [`not a readable database: ${err instanceof Error ? err.message : String(err)}`]
  }
  return { sha256Matches: hashed.sha256 === manifest.database.sha256, integrity }
}

/**
 * Checks a backup without trusting it: the database's hash against the manifest and its
 * integrity_check; every object file re-read and compared with its name; every object the
 * database needs present. Reads only; repairs nothing (the next backup run re-copies what
 * is missing, and a damaged object can be deleted so that the next run copies it again).
 */
export async function verifyBackup(
  fs: FsSeam,
  folder: string,
  options: { signal?: AbortSignal; onProgress?: (done: { items: number; bytes: number; total: number }) => void } = {},
): Promise<BackupVerifyReport> {
  const layout = backupLayout(folder)
  const manifest = await requireCompleteBackup(fs, layout)
  const database = await checkBackupDatabase(fs, layout, manifest, options.signal)
  const problems: ObjectProblem[] = []
  const present = new Set<string>()
  let objectsChecked = 0
  let bytesChecked = 0
  const shards = await fs.readdir(layout.objects).catch((err: unknown) => {
    if (errnoOf(err) === 'ENOENT') return [] as string[]
    throw err
  })
  const total = manifest.counts.objects
  const files: Array<{ shard: string; name: string; sha256: string }> = []
  for (const shard of shards.sort()) {
    const names = await fs.readdir(join(layout.objects, shard)).catch(() => [] as string[])
    for (const name of names.sort()) {
      const match = OBJECT_NAME.exec(name)
      if (match) files.push({ shard, name, sha256: match[1]! })
    }
  }
  // Several files read at once: small files are bound by per-file latency, not by the disk.
  await pool(files, 4, async ({ shard, name, sha256 }) => {
    const path = join('objects', shard, name)
    const hashed = await hashFile(fs, join(layout.objects, shard, name), options.signal)
    if (!hashed) return
    objectsChecked++
    bytesChecked += hashed.bytes
    present.add(join(shard, name))
    if (hashed.sha256 !== sha256) problems.push({ kind: 'corrupt', sha256, path, message: `${path} in the backup does not match its name: it is damaged.` })
    options.onProgress?.({ items: objectsChecked, bytes: bytesChecked, total })
  }, options.signal)
  problems.sort((x, y) => (x.path < y.path ? -1 : 1))
  if (database.integrity.length === 0) {
    for (const object of neededObjects(layout.database)) {
      const name = objectName(object)
      if (!present.has(name)) problems.push({ kind: 'missing', sha256: object.sha256, path: join('objects', name), message: `objects/${name} is missing from the backup.` })
    }
  }
  const ok = problems.length === 0 && database.sha256Matches && database.integrity.length === 0
  return { backup: layout.root, manifest, objectsChecked, bytesChecked, problems, database, ok }
}
