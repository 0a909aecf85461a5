import BetterSqlite3 from 'better-sqlite3'
import { Kysely, SqliteDialect } from 'kysely'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { up as up0001 } from '../../src-main/core/db/migrations/0001-library-meta'
import { up as up0002 } from '../../src-main/core/db/migrations/0002-library'
import { up as up0003 } from '../../src-main/core/db/migrations/0003-listing-indexes'
import { up as up0004 } from '../../src-main/core/db/migrations/0004-watched-folders'
import { up as up0008 } from '../../src-main/core/db/migrations/0008-folder-listings'
import { useTempDirs } from '../support/temp-dir'

const tempDir = useTempDirs()

async function migrated(before?: (sqlite: BetterSqlite3.Database) => void) {
  const sqlite = new BetterSqlite3(join(await tempDir(), 'trove.db'))
  sqlite.pragma('foreign_keys = ON')
  const db = new Kysely<unknown>({ dialect: new SqliteDialect({ database: sqlite }) })
  for (const up of [up0001, up0002, up0003, up0004]) await up(db)
  before?.(sqlite)
  await up0008(db)
  return { sqlite, close: () => db.destroy() }
}

const addFolder = (sqlite: BetterSqlite3.Database, path: string) =>
  Number(sqlite.prepare('insert into watched_folders (path, created_at) values (?, 1)').run(path).lastInsertRowid)
const addRecord = (sqlite: BetterSqlite3.Database, folderId: number, key: string) =>
  sqlite
    .prepare('insert into file_records (folder_id, rel_path, path_key, size, mtime_ms, sha256, file_id, scan_generation, last_scanned) values (?, ?, ?, 1, 1.5, NULL, NULL, 1, 1)')
    .run(folderId, key, key)

describe('0008-folder-listings', () => {
  it('gives every folder that holds records a row, listing unknown, and drops them with their watched folder', async () => {
    let photos = 0
    let docs = 0
    const { sqlite, close } = await migrated((s) => {
      photos = addFolder(s, '/photos')
      docs = addFolder(s, '/docs')
      for (const key of ['a.jpg', 'b.jpg', '2024/c.jpg', '2024/rome/d.jpg', '2024/rome/e.jpg']) addRecord(s, photos, key)
      addRecord(s, docs, 'x/y/z.txt')
    })
    try {
      expect(sqlite.prepare('select folder_id, dir_key, listing from folder_listings order by folder_id, dir_key').all()).toEqual([
        { folder_id: photos, dir_key: '', listing: null },
        { folder_id: photos, dir_key: '2024/', listing: null },
        { folder_id: photos, dir_key: '2024/rome/', listing: null },
        { folder_id: docs, dir_key: 'x/y/', listing: null },
      ])
      expect(() => sqlite.prepare("insert into folder_listings (folder_id, dir_key) values (?, 'no-slash')").run(photos)).toThrow(/CHECK/)
      expect(() => sqlite.prepare("insert into folder_listings (folder_id, dir_key) values (?, '')").run(photos)).toThrow(/UNIQUE|PRIMARY/)
      sqlite.prepare('delete from watched_folders where id = ?').run(photos)
      expect(sqlite.prepare('select folder_id, dir_key from folder_listings').all()).toEqual([{ folder_id: docs, dir_key: 'x/y/' }])
    } finally {
      await close()
    }
  })
})

describe('0008-folder-listings triggers', () => {
  it('clear a folder listing whenever one of its records is added, removed, moved or changes size or mtime', async () => {
    const { sqlite, close } = await migrated()
    try {
      const folder = addFolder(sqlite, '/photos')
      const listing = (dir: string) => sqlite.prepare('select listing from folder_listings where folder_id = ? and dir_key = ?').pluck().get(folder, dir)
      const settle = (dir: string) => sqlite.prepare("update folder_listings set listing = 'seen' where folder_id = ? and dir_key = ?").run(folder, dir)
      addRecord(sqlite, folder, 'a/b/c.jpg')
      expect(listing('a/b/')).toBeNull()
      settle('a/b/')
      sqlite.prepare("update file_records set sha256 = ? where path_key = 'a/b/c.jpg'").run('e'.repeat(64))
      expect(listing('a/b/')).toBe('seen') // the content alone is not part of a listing
      sqlite.prepare("update file_records set size = 2 where path_key = 'a/b/c.jpg'").run()
      expect(listing('a/b/')).toBeNull()
      settle('a/b/')
      sqlite.prepare("update file_records set rel_path = 'd.jpg', path_key = 'd.jpg' where path_key = 'a/b/c.jpg'").run()
      expect([listing('a/b/'), listing('')]).toEqual([null, null])
      settle('')
      sqlite.prepare("delete from file_records where path_key = 'd.jpg'").run()
      expect(listing('')).toBeNull()
    } finally {
      await close()
    }
  })
})
