import BetterSqlite3 from 'better-sqlite3'
import { Kysely, SqliteDialect } from 'kysely'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { up as up0001 } from '../../src-main/core/db/migrations/0001-library-meta'
import { up as up0002 } from '../../src-main/core/db/migrations/0002-library'
import { up as up0003 } from '../../src-main/core/db/migrations/0003-listing-indexes'
import { up as up0004 } from '../../src-main/core/db/migrations/0004-watched-folders'
import { up as up0007 } from '../../src-main/core/db/migrations/0007-extracted-text'
import { useTempDirs } from '../support/temp-dir'

const tempDir = useTempDirs()

describe('0007-extracted-text', () => {
  it('keeps every indexed entry and adds an empty ocr column that search can match on its own', async () => {
    const sqlite = new BetterSqlite3(join(await tempDir(), 'trove.db'))
    const db = new Kysely<unknown>({ dialect: new SqliteDialect({ database: sqlite }) })
    try {
      for (const up of [up0001, up0002, up0003, up0004]) await up(db)
      sqlite.prepare("INSERT INTO files_fts (rowid, name, tags, note, body) VALUES (7, 'minutes.txt', 'work', 'a note', 'quarterly harvest figures')").run()
      await up0007(db)

      expect(sqlite.prepare('SELECT rowid, name, tags, note, body, ocr FROM files_fts').all()).toEqual([
        { rowid: 7, name: 'minutes.txt', tags: 'work', note: 'a note', body: 'quarterly harvest figures', ocr: '' },
      ])
      const match = (q: string) => sqlite.prepare('SELECT rowid FROM files_fts WHERE files_fts MATCH ?').pluck().all(q)
      expect(match('harv*')).toEqual([7])
      sqlite.prepare("UPDATE files_fts SET ocr = 'lighthouse' WHERE rowid = 7").run()
      expect(match('{ocr} : lighthouse')).toEqual([7])
      expect(match('{body} : lighthouse')).toEqual([])
      expect(sqlite.prepare("SELECT name FROM sqlite_master WHERE name LIKE 'files_fts%' AND type = 'table' ORDER BY name").pluck().all()).not.toContain('files_fts_0007')
    } finally {
      await db.destroy()
    }
  })
})
