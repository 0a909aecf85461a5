import BetterSqlite3 from 'better-sqlite3'
import { Kysely, SqliteDialect } from 'kysely'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { up as up0001 } from '../../src-main/core/db/migrations/0001-library-meta'
import { up as up0002 } from '../../src-main/core/db/migrations/0002-library'
import { up as up0003 } from '../../src-main/core/db/migrations/0003-listing-indexes'
import { up as up0004 } from '../../src-main/core/db/migrations/0004-watched-folders'
import { up as up0005 } from '../../src-main/core/db/migrations/0005-diary'
import { useTempDirs } from '../support/temp-dir'

const tempDir = useTempDirs()

async function migrated() {
  const sqlite = new BetterSqlite3(join(await tempDir(), 'trove.db'))
  sqlite.pragma('foreign_keys = ON')
  const db = new Kysely<unknown>({ dialect: new SqliteDialect({ database: sqlite }) })
  for (const up of [up0001, up0002, up0003, up0004, up0005]) await up(db)
  return { sqlite, close: () => db.destroy() }
}

const ID = (c: string) => c.repeat(32)
const addEntry = (sqlite: BetterSqlite3.Database, id: string, sealed: Buffer = Buffer.from([1, 2, 3])) =>
  sqlite.prepare('insert into diary_entries (id, sealed, created_at, updated_at) values (?, ?, 1, 1)').run(id, sealed)
const addMedia = (sqlite: BetterSqlite3.Database, id: string, entryId: string, objectName: string, thumbName: string | null = null) =>
  sqlite.prepare('insert into diary_media (id, entry_id, sealed, object_name, thumb_name, added_at) values (?, ?, ?, ?, ?, 1)').run(id, entryId, Buffer.from([9]), objectName, thumbName)

describe('0005-diary', () => {
  it('accepts only opaque hex ids and non-empty sealed blobs, and has no readable column', async () => {
    const { sqlite, close } = await migrated()
    try {
      addEntry(sqlite, ID('a'))
      expect(() => addEntry(sqlite, ID('a'))).toThrow(/UNIQUE|PRIMARY/)
      expect(() => addEntry(sqlite, '2024-05-01-my-trip')).toThrow(/CHECK/)
      expect(() => addEntry(sqlite, ID('A'))).toThrow(/CHECK/)
      expect(() => addEntry(sqlite, ID('b'), Buffer.alloc(0))).toThrow(/CHECK/)
      const columns = (table: string) => sqlite.prepare(`select name from pragma_table_info('${table}')`).pluck().all()
      expect(columns('diary_entries')).toEqual(['id', 'sealed', 'created_at', 'updated_at'])
      expect(columns('diary_media')).toEqual(['id', 'entry_id', 'sealed', 'object_name', 'thumb_name', 'added_at'])
    } finally {
      await close()
    }
  })

  it('ties media to an existing entry, names encrypted files uniquely, and drops media with their entry', async () => {
    const { sqlite, close } = await migrated()
    try {
      addEntry(sqlite, ID('a'))
      addMedia(sqlite, ID('1'), ID('a'), `${ID('c')}.tve`, `${ID('d')}.tve`)
      expect(() => addMedia(sqlite, ID('2'), ID('f'), `${ID('e')}.tve`)).toThrow(/FOREIGN KEY/)
      expect(() => addMedia(sqlite, ID('3'), ID('a'), `${ID('c')}.tve`)).toThrow(/UNIQUE/)
      expect(() => addMedia(sqlite, ID('4'), ID('a'), '../../etc/passwd.tve')).toThrow(/CHECK/)
      expect(() => addMedia(sqlite, ID('5'), ID('a'), `${ID('e')}.tve`, 'photo.jpg')).toThrow(/CHECK/)
      sqlite.prepare('delete from diary_entries where id = ?').run(ID('a'))
      expect(sqlite.prepare('select count(*) from diary_media').pluck().get()).toBe(0)
    } finally {
      await close()
    }
  })
})
