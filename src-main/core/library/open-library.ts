import { sql } from 'kysely'
import { AppError } from '../common/app-error'
import type { FsSeam } from '../common/fs-seam'
import type { Logger } from '../common/logger'
import { openDatabase, quickCheck, sqliteVersion, type DatabaseConnection } from '../db/connection'
import { migrateToLatest } from '../db/migrator'
import { prepareLibraryFolder } from './library-folder'
import type { LibraryLayout } from './library-layout'

/** An open library: its folder, its database, and what the start-up checks found. */
export interface Library {
  layout: LibraryLayout
  connection: DatabaseConnection
  schemaVersion: number
  freeBytes: number
  sqliteVersion: string
  /** Leftovers of interrupted writes removed from tmp/ while opening (for the recovery report). */
  tmpEntriesRemoved: number
  close(): Promise<void>
}

/**
 * Prepares the folder, opens trove.db, runs `PRAGMA quick_check` and migrates to the latest
 * schema. A damaged database is refused with CORRUPT and left untouched for recovery.
 */
export async function openLibrary(fs: FsSeam, path: string, logger: Logger): Promise<Library> {
  const prepared = await prepareLibraryFolder(fs, path)
  const { layout } = prepared
  let connection: DatabaseConnection
  try {
    connection = openDatabase(layout.database)
  } catch (err) {
    throw databaseError(err, layout.database)
  }
  try {
    let problems: string[]
    try {
      problems = quickCheck(connection.sqlite)
    } catch (err) {
      throw databaseError(err, layout.database)
    }
    if (problems.length > 0) {
      throw new AppError('CORRUPT', `The library database ${layout.database} is damaged (${problems[0]}). Restore it from a backup.`, {
        path: layout.database,
        problems: problems.slice(0, 10),
      })
    }
    const schemaVersion = await migrateToLatest(connection.db as never)
    logger.info('library opened', {
      path: layout.root,
      schemaVersion,
      created: prepared.created,
      tmpEntriesRemoved: prepared.tmpEntriesRemoved,
    })
    return {
      layout,
      connection,
      schemaVersion,
      freeBytes: prepared.freeBytes,
      sqliteVersion: sqliteVersion(connection.sqlite),
      tmpEntriesRemoved: prepared.tmpEntriesRemoved,
      close: () => connection.close(),
    }
  } catch (err) {
    await connection.close().catch(() => undefined)
    throw err
  }
}

function databaseError(err: unknown, file: string): unknown {
  const code = typeof err === 'object' && err !== null ? (err as { code?: unknown }).code : undefined
  if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT') {
    return new AppError('CORRUPT', `${file} is not a readable Trove database. Restore it from a backup or choose another folder.`, { path: file }, { cause: err })
  }
  if (code === 'SQLITE_CANTOPEN' || code === 'SQLITE_READONLY' || code === 'SQLITE_PERM') {
    return new AppError('PERMISSION_DENIED', `Trove cannot open ${file} for writing.`, { path: file }, { cause: err })
  }
  return err
}

/** Row counts of the library's own tables (everything but SQLite's and the migrator's). */
export async function tableCounts(library: Library): Promise<Record<string, number>> {
  const { db } = library.connection
  const tables = await sql<{ name: string }>`
    SELECT name FROM sqlite_master
    WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'kysely_%' AND name NOT LIKE '%_fts%'
    ORDER BY name`.execute(db)
  const counts: Record<string, number> = {}
  for (const { name } of tables.rows) {
    const row = await sql<{ n: number }>`SELECT count(*) AS n FROM ${sql.table(name)}`.execute(db)
    counts[name] = Number(row.rows[0]?.n ?? 0)
  }
  return counts
}
