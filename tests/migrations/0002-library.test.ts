import BetterSqlite3 from 'better-sqlite3'
import { Kysely, SqliteDialect } from 'kysely'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { up as up0001 } from '../../src-main/core/db/migrations/0001-library-meta'
import { up as up0002 } from '../../src-main/core/db/migrations/0002-library'
import { useTempDirs } from '../support/temp-dir'

const tempDir = useTempDirs()
const SHA = 'a'.repeat(64)

async function migrated() {
  const sqlite = new BetterSqlite3(join(await tempDir(), 'trove.db'))
  sqlite.pragma('foreign_keys = ON')
  const db = new Kysely<unknown>({ dialect: new SqliteDialect({ database: sqlite }) })
  await up0001(db)
  await up0002(db)
  return { sqlite, close: () => db.destroy() }
}

const insertFile = (sqlite: BetterSqlite3.Database, sha = SHA, extra: Record<string, unknown> = {}) =>
  Number(
    sqlite
      .prepare('insert into files (sha256, size, mime, kind, ext, name, added_at) values (@sha, @size, @mime, @kind, @ext, @name, @added)')
      .run({ sha, size: 3, mime: 'text/plain', kind: 'text', ext: 'txt', name: 'a.txt', added: 1, ...extra }).lastInsertRowid,
  )

describe('0002-library', () => {
  it('keeps one row per content and refuses malformed hashes and kinds', async () => {
    const { sqlite, close } = await migrated()
    try {
      insertFile(sqlite)
      expect(() => insertFile(sqlite)).toThrow(/UNIQUE constraint failed: files.sha256/)
      expect(() => insertFile(sqlite, 'A'.repeat(64))).toThrow(/CHECK constraint/)
      expect(() => insertFile(sqlite, 'ab')).toThrow(/CHECK constraint/)
      expect(() => insertFile(sqlite, 'b'.repeat(64), { kind: 'spreadsheet' })).toThrow(/CHECK constraint/)
    } finally {
      await close()
    }
  })

  it('keeps sources, tags and memberships with their file, and drops them with it', async () => {
    const { sqlite, close } = await migrated()
    try {
      const fileId = insertFile(sqlite)
      const src = sqlite.prepare("insert into file_sources (file_id, kind, path, original_name, first_seen_at, last_seen_at) values (?, 'import', ?, 'a.txt', 1, 1)")
      src.run(fileId, '/home/me/a.txt')
      src.run(fileId, '/home/me/copy/a.txt')
      expect(() => src.run(fileId, '/home/me/a.txt')).toThrow(/UNIQUE/)
      const tagId = Number(sqlite.prepare("insert into tags (name, created_at) values ('Holiday', 1)").run().lastInsertRowid)
      expect(() => sqlite.prepare("insert into tags (name, created_at) values ('holiday', 1)").run()).toThrow(/UNIQUE/)
      sqlite.prepare('insert into file_tags (file_id, tag_id) values (?, ?)').run(fileId, tagId)
      const parent = Number(sqlite.prepare("insert into collections (name, created_at) values ('Trips', 1)").run().lastInsertRowid)
      const child = Number(sqlite.prepare("insert into collections (name, parent_id, created_at) values ('2024', ?, 1)").run(parent).lastInsertRowid)
      expect(() => sqlite.prepare("insert into collections (name, created_at) values ('trips', 1)").run()).toThrow(/UNIQUE/)
      sqlite.prepare('insert into collection_members (collection_id, file_id, added_at) values (?, ?, 1)').run(child, fileId)
      sqlite.prepare("insert into import_records (batch_id, original_name, outcome, file_id, started_at, finished_at) values ('b1', 'a.txt', 'stored', ?, 1, 2)").run(fileId)

      sqlite.prepare('delete from collections where id = ?').run(parent)
      expect(sqlite.prepare('select count(*) from collection_members').pluck().get()).toBe(0)
      sqlite.prepare('delete from files where id = ?').run(fileId)
      expect(sqlite.prepare('select count(*) from file_sources').pluck().get()).toBe(0)
      expect(sqlite.prepare('select count(*) from file_tags').pluck().get()).toBe(0)
      // the history outlives the file it describes
      expect(sqlite.prepare('select file_id from import_records').pluck().get()).toBeNull()
    } finally {
      await close()
    }
  })

  it('creates a full-text index with prefix search and diacritics folded', async () => {
    const { sqlite, close } = await migrated()
    try {
      sqlite.prepare("insert into files_fts (rowid, name, tags, note, body) values (1, 'Café menu.pdf', 'holiday', '', 'crème brûlée')").run()
      expect(sqlite.prepare("select rowid from files_fts where files_fts match 'cafe'").pluck().all()).toEqual([1])
      expect(sqlite.prepare("select rowid from files_fts where files_fts match 'hol*'").pluck().all()).toEqual([1])
      expect(sqlite.prepare("select rowid from files_fts where files_fts match 'creme'").pluck().all()).toEqual([1])
    } finally {
      await close()
    }
  })
})
