import BetterSqlite3 from 'better-sqlite3'
import { Kysely, SqliteDialect } from 'kysely'
import type { Database } from './schema'

export type SqliteHandle = BetterSqlite3.Database

export interface DatabaseConnection {
  sqlite: SqliteHandle
  db: Kysely<Database>
  close(): Promise<void>
}

/**
 * Opens trove.db with the pragmas every connection needs: WAL for concurrent readers,
 * synchronous=FULL so a committed row survives power loss, foreign keys enforced, and a
 * busy timeout instead of instant SQLITE_BUSY.
 */
export function openDatabase(file: string): DatabaseConnection {
  const sqlite = new BetterSqlite3(file)
  try {
    sqlite.pragma('journal_mode = WAL')
    sqlite.pragma('synchronous = FULL')
    sqlite.pragma('foreign_keys = ON')
    sqlite.pragma('busy_timeout = 5000')
  } catch (err) {
    sqlite.close()
    throw err
  }
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) })
  return {
    sqlite,
    db,
    close: async () => {
      await db.destroy()
      if (sqlite.open) sqlite.close()
    },
  }
}

/** `PRAGMA quick_check`: the problems it found, or an empty list when the file is sound. */
export function quickCheck(sqlite: SqliteHandle): string[] {
  const rows = sqlite.pragma('quick_check') as Array<{ quick_check: string }>
  const messages = rows.map((r) => r.quick_check)
  return messages.length === 1 && messages[0] === 'ok' ? [] : messages
}

export const sqliteVersion = (sqlite: SqliteHandle): string =>
  (sqlite.prepare('select sqlite_version() as v').get() as { v: string }).v
