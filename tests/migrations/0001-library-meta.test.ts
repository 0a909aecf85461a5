import { Kysely, SqliteDialect } from 'kysely'
import BetterSqlite3 from 'better-sqlite3'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { up } from '../../src-main/core/db/migrations/0001-library-meta'
import { useTempDirs } from '../support/temp-dir'

const tempDir = useTempDirs()

describe('0001-library-meta', () => {
  it('creates library_meta with an id and a creation time, and a settings table that holds JSON only', async () => {
    const sqlite = new BetterSqlite3(join(await tempDir(), 'trove.db'))
    const db = new Kysely<unknown>({ dialect: new SqliteDialect({ database: sqlite }) })
    try {
      await up(db)
      const meta = Object.fromEntries(sqlite.prepare('select key, value from library_meta').raw().all() as [string, string][])
      expect(meta.library_id).toMatch(/^[0-9a-f]{32}$/)
      expect(Date.parse(meta.created_at!)).not.toBeNaN()
      sqlite.prepare("insert into settings (key, value_json) values ('trash.retentionDays', '30')").run()
      const row = sqlite.prepare('select value_json, updated_at from settings').get() as { value_json: string; updated_at: string }
      expect(JSON.parse(row.value_json)).toBe(30)
      expect(Date.parse(row.updated_at)).not.toBeNaN()
      expect(() => sqlite.prepare("insert into settings (key, value_json) values ('x', 'not json')").run()).toThrow(/CHECK constraint/)
    } finally {
      await db.destroy()
    }
  })
})
