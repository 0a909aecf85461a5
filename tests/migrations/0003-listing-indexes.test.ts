import BetterSqlite3 from 'better-sqlite3'
import { Kysely, SqliteDialect } from 'kysely'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { up as up0001 } from '../../src-main/core/db/migrations/0001-library-meta'
import { up as up0002 } from '../../src-main/core/db/migrations/0002-library'
import { up as up0003 } from '../../src-main/core/db/migrations/0003-listing-indexes'
import { useTempDirs } from '../support/temp-dir'

const tempDir = useTempDirs()

describe('0003-listing-indexes', () => {
  it('lets a listing filtered by kind walk an index in name or size order instead of sorting', async () => {
    const sqlite = new BetterSqlite3(join(await tempDir(), 'trove.db'))
    const db = new Kysely<unknown>({ dialect: new SqliteDialect({ database: sqlite }) })
    try {
      await up0001(db)
      await up0002(db)
      const plan = (sql: string) => (sqlite.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as Array<{ detail: string }>).map((r) => r.detail).join(' | ')
      const byName = "SELECT id FROM files WHERE trashed_at IS NULL AND kind = 'text' ORDER BY name COLLATE NOCASE, id LIMIT 100"
      const bySize = "SELECT id FROM files WHERE trashed_at IS NULL AND kind = 'text' ORDER BY size DESC, id DESC LIMIT 100"
      // Before: either a sort, or a walk of the whole name or size index checking each row's kind.
      for (const query of [byName, bySize]) expect(plan(query)).not.toMatch(/kind=\?\)/)
      await up0003(db)
      const names = sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'files'").pluck().all()
      expect(names).toEqual(expect.arrayContaining(['files_by_kind_name', 'files_by_kind_size']))
      expect(plan(byName.replace('FROM files', 'FROM files INDEXED BY files_by_kind_name'))).toMatch(/files_by_kind_name \(trashed_at=\? AND kind=\?\)/)
      expect(plan(byName.replace('FROM files', 'FROM files INDEXED BY files_by_kind_name'))).not.toMatch(/TEMP B-TREE/)
      expect(plan(bySize.replace('FROM files', 'FROM files INDEXED BY files_by_kind_size'))).not.toMatch(/TEMP B-TREE/)
    } finally {
      await db.destroy()
    }
  })
})
