import { randomUUID } from 'node:crypto'
import { join } from 'node:path'
import BetterSqlite3 from 'better-sqlite3'
import { AppError, fromFsError } from '../common/app-error'
import { fsyncDirectory, type FsSeam } from '../common/fs-seam'
import type { SqliteHandle } from '../db/connection'
import type { BackupCounts } from './backup-manifest'
import { hashFile } from './verified-copy'

/** Pages per step of the online backup: large enough to be quick, small enough to let the app write between steps. */
const PAGES_PER_STEP = 2048

export interface DatabaseCopy {
  sha256: string
  bytes: number
  schemaVersion: number
  counts: BackupCounts
}

/** One object a database's rows need: the bytes of every stored entry. */
export interface NeededObject {
  sha256: string
  ext: string
  size: number
}

/**
 * Copies the open database with SQLite's online backup (the app keeps reading and writing; the
 * copy is one consistent moment) into a staging file next to `target`, then: journal mode
 * `delete` so the copy is one self-contained file (`wal` when `keepWal`), `PRAGMA
 * integrity_check` (unless `integrityCheck: false`: backups leave it to `backup verify`, as it
 * costs as much as reading the whole database again), fsync, hash, and only then the rename.
 */
export async function copyDatabase(
  fs: FsSeam,
  source: SqliteHandle,
  target: string,
  stagingDir: string,
  options: { keepWal?: boolean; integrityCheck?: boolean; signal?: AbortSignal } = {},
): Promise<DatabaseCopy> {
  const temp = join(stagingDir, `${randomUUID()}.db.part`)
  try {
    await source.backup(temp, {
      progress: () => {
        if (options.signal?.aborted) throw new AppError('CANCELLED', 'The backup was cancelled.')
        return PAGES_PER_STEP
      },
    })
    const facts = inspectDatabase(temp, { journal: options.keepWal ? 'wal' : 'delete', integrityCheck: options.integrityCheck ?? true })
    const handle = await fs.open(temp, 'r+')
    try {
      await handle.sync()
    } finally {
      await handle.close()
    }
    const hashed = await hashFile(fs, temp, options.signal)
    if (!hashed) throw new AppError('INTERNAL', 'The database copy vanished while it was being checked.')
    await fs.rename(temp, target)
    await fsyncDirectory(fs, join(target, '..'))
    return { sha256: hashed.sha256, bytes: hashed.bytes, ...facts }
  } catch (err) {
    await fs.rm(temp, { force: true }).catch(() => undefined)
    await fs.rm(`${temp}-journal`, { force: true }).catch(() => undefined)
    if (options.signal?.aborted) throw new AppError('CANCELLED', 'The copy was cancelled.')
    throw fromFsError(err, 'copy the database to', target)
  }
}

/** Opens a database file (not a live library), sets its journal mode, runs integrity_check and reads its counts. */
export function inspectDatabase(file: string, options: { journal?: 'delete' | 'wal'; readonly?: boolean; integrityCheck?: boolean } = {}): { schemaVersion: number; counts: BackupCounts } {
  const db = new BetterSqlite3(file, { readonly: options.readonly ?? false, fileMustExist: true })
  try {
    if (options.journal) db.pragma(`journal_mode = ${options.journal}`)
    const problems = options.integrityCheck === false ? [] : integrityProblems(db)
    if (problems.length) throw new AppError('CORRUPT', `The database copy ${file} failed its integrity check (${problems[0]}).`, { path: file, problems: problems.slice(0, 10) })
    return { schemaVersion: schemaVersionOf(db), counts: countsOf(db) }
  } finally {
    db.close()
  }
}

export function integrityProblems(db: SqliteHandle): string[] {
  const rows = db.pragma('integrity_check') as Array<{ integrity_check: string }>
  const messages = rows.map((r) => r.integrity_check)
  return messages.length === 1 && messages[0] === 'ok' ? [] : messages
}

function schemaVersionOf(db: SqliteHandle): number {
  try {
    const rows = db.prepare('SELECT name FROM kysely_migration').all() as Array<{ name: string }>
    return Math.max(0, ...rows.map((r) => Number.parseInt(r.name.slice(0, 4), 10)))
  } catch {
    return 0
  }
}

function countsOf(db: SqliteHandle): BackupCounts {
  const one = (query: string) => Number((db.prepare(query).get() as { n: number | null }).n ?? 0)
  return {
    files: one('SELECT count(*) AS n FROM files'),
    objects: one(`SELECT count(*) AS n FROM files WHERE storage = 'object' AND stored = 1`),
    bytes: one(`SELECT sum(size) AS n FROM files WHERE storage = 'object' AND stored = 1`),
    tags: one('SELECT count(*) AS n FROM tags'),
    collections: one('SELECT count(*) AS n FROM collections'),
  }
}

/** The objects a database's rows need (stored entries, trash included), in shard order. */
export function neededObjects(file: string): NeededObject[] {
  const db = new BetterSqlite3(file, { readonly: true, fileMustExist: true })
  try {
    return db.prepare(`SELECT sha256, ext, size FROM files WHERE storage = 'object' AND stored = 1 ORDER BY sha256`).all() as NeededObject[]
  } finally {
    db.close()
  }
}
