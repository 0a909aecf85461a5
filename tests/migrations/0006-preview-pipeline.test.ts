import BetterSqlite3 from 'better-sqlite3'
import { Kysely, SqliteDialect } from 'kysely'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { up as up0001 } from '../../src-main/core/db/migrations/0001-library-meta'
import { up as up0002 } from '../../src-main/core/db/migrations/0002-library'
import { up as up0003 } from '../../src-main/core/db/migrations/0003-listing-indexes'
import { up as up0004 } from '../../src-main/core/db/migrations/0004-watched-folders'
import { up as up0006 } from '../../src-main/core/db/migrations/0006-preview-pipeline'
import { useTempDirs } from '../support/temp-dir'

const tempDir = useTempDirs()

const addFile = (sqlite: BetterSqlite3.Database, sha: string) =>
  Number(sqlite.prepare(`insert into files (sha256, size, mime, kind, ext, name, added_at) values (?, 1, 'image/png', 'image', 'png', 'a.png', 1)`).run(sha).lastInsertRowid)

describe('0006-preview-pipeline', () => {
  it('gives existing files no attempts and no OCR, and accepts only known OCR states', async () => {
    const sqlite = new BetterSqlite3(join(await tempDir(), 'trove.db'))
    const db = new Kysely<unknown>({ dialect: new SqliteDialect({ database: sqlite }) })
    try {
      for (const up of [up0001, up0002, up0003, up0004]) await up(db)
      const before = addFile(sqlite, 'a'.repeat(64))
      await up0006(db)
      expect(sqlite.prepare('select preview_attempts, ocr_state from files where id = ?').get(before)).toEqual({ preview_attempts: 0, ocr_state: 'none' })
      const after = addFile(sqlite, 'b'.repeat(64))
      sqlite.prepare("update files set ocr_state = 'pending', preview_attempts = 2 where id = ?").run(after)
      expect(() => sqlite.prepare("update files set ocr_state = 'maybe' where id = ?").run(after)).toThrow(/CHECK constraint/)
      expect(() => sqlite.prepare('update files set preview_attempts = -1 where id = ?').run(after)).toThrow(/CHECK constraint/)
      const plan = sqlite.prepare("explain query plan select id from files where ocr_state = 'pending'").all() as { detail: string }[]
      expect(plan.map((p) => p.detail).join(' ')).toMatch(/files_ocr_pending/)
    } finally {
      await db.destroy()
    }
  })
})
