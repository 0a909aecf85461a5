import BetterSqlite3 from 'better-sqlite3'
import { Kysely, SqliteDialect } from 'kysely'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { up as up0001 } from '../../src-main/core/db/migrations/0001-library-meta'
import { up as up0002 } from '../../src-main/core/db/migrations/0002-library'
import { up as up0003 } from '../../src-main/core/db/migrations/0003-listing-indexes'
import { up as up0004 } from '../../src-main/core/db/migrations/0004-watched-folders'
import { useTempDirs } from '../support/temp-dir'

const tempDir = useTempDirs()

async function migrated(before?: (sqlite: BetterSqlite3.Database) => void) {
  const sqlite = new BetterSqlite3(join(await tempDir(), 'trove.db'))
  sqlite.pragma('foreign_keys = ON')
  const db = new Kysely<unknown>({ dialect: new SqliteDialect({ database: sqlite }) })
  for (const up of [up0001, up0002, up0003]) await up(db)
  before?.(sqlite)
  await up0004(db)
  return { sqlite, close: () => db.destroy() }
}

const addFile = (sqlite: BetterSqlite3.Database, sha: string, storage?: string) =>
  Number(
    sqlite
      .prepare(`insert into files (sha256, size, mime, kind, ext, name, added_at${storage ? ', storage' : ''}) values (?, 1, 'text/plain', 'text', 'txt', 'a.txt', 1${storage ? ', ?' : ''})`)
      .run(...(storage ? [sha, storage] : [sha])).lastInsertRowid,
  )
const addFolder = (sqlite: BetterSqlite3.Database, path = '/photos') =>
  Number(sqlite.prepare('insert into watched_folders (path, created_at) values (?, 1)').run(path).lastInsertRowid)
const addRecord = (sqlite: BetterSqlite3.Database, folderId: number, rel: string, fileId: number | null) =>
  sqlite
    .prepare('insert into file_records (folder_id, rel_path, path_key, size, mtime_ms, sha256, file_id, scan_generation, last_scanned) values (?, ?, ?, 1, 1.5, NULL, ?, 1, 1)')
    .run(folderId, rel, rel, fileId)

describe('0004-watched-folders', () => {
  it("gives existing files storage 'object' and accepts only object or in_place", async () => {
    const { sqlite, close } = await migrated((s) => addFile(s, 'a'.repeat(64)))
    try {
      expect(sqlite.prepare('select storage from files').pluck().all()).toEqual(['object'])
      addFile(sqlite, 'b'.repeat(64), 'in_place')
      expect(() => addFile(sqlite, 'c'.repeat(64), 'cloud')).toThrow(/CHECK constraint/)
    } finally {
      await close()
    }
  })

  it('defaults a folder to index mode, enabled, every 24 h, and refuses bad modes, ignore lists and duplicates', async () => {
    const { sqlite, close } = await migrated()
    try {
      const id = addFolder(sqlite)
      expect(sqlite.prepare('select mode, ignore_json, enabled, interval_ms, state, scan_generation, case_sensitive from watched_folders where id = ?').get(id)).toEqual({
        mode: 'index', ignore_json: '[]', enabled: 1, interval_ms: 86_400_000, state: 'idle', scan_generation: 0, case_sensitive: null,
      })
      expect(() => addFolder(sqlite)).toThrow(/UNIQUE/)
      expect(() => sqlite.prepare("insert into watched_folders (path, mode, created_at) values ('/x', 'mirror', 1)").run()).toThrow(/CHECK/)
      expect(() => sqlite.prepare("insert into watched_folders (path, ignore_json, created_at) values ('/y', '{}', 1)").run()).toThrow(/CHECK/)
      expect(() => sqlite.prepare("insert into watched_folders (path, interval_ms, created_at) values ('/z', 10, 1)").run()).toThrow(/CHECK/)
    } finally {
      await close()
    }
  })

  it('keeps one record per path and key, drops records with their folder, and forgets a purged entry', async () => {
    const { sqlite, close } = await migrated()
    try {
      const folder = addFolder(sqlite)
      const file = addFile(sqlite, 'd'.repeat(64), 'in_place')
      addRecord(sqlite, folder, 'a/b.txt', file)
      expect(() => addRecord(sqlite, folder, 'a/b.txt', null)).toThrow(/UNIQUE/)
      expect(sqlite.prepare('select mtime_ms from file_records').pluck().get()).toBe(1.5)
      sqlite.prepare('delete from files where id = ?').run(file)
      expect(sqlite.prepare('select file_id from file_records').pluck().get()).toBeNull()
      sqlite.prepare("insert into sync_operations (folder_id, folder_path, type, started_at) values (?, '/photos', 'manual', 1)").run(folder)
      expect(() => sqlite.prepare("insert into sync_operations (folder_id, folder_path, type, started_at) values (?, '/photos', 'hourly', 1)").run(folder)).toThrow(/CHECK/)
      sqlite.prepare('delete from watched_folders where id = ?').run(folder)
      expect(sqlite.prepare('select count(*) from file_records').pluck().get()).toBe(0)
      expect(sqlite.prepare('select folder_id, status, errors_json from sync_operations').get()).toEqual({ folder_id: null, status: 'running', errors_json: '[]' })
    } finally {
      await close()
    }
  })
})
