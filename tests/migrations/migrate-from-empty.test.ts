import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { openDatabase } from '../../src-main/core/db/connection'
import { LATEST_SCHEMA_VERSION, migrateToLatest } from '../../src-main/core/db/migrator'
import { migrations } from '../../src-main/core/db/migrations'
import { useTempDirs } from '../support/temp-dir'

const tempDir = useTempDirs()

describe('migrations', () => {
  it('are numbered 0001, 0002, … without gaps, one file each', () => {
    const names = Object.keys(migrations)
    names.forEach((name, i) => expect(name).toMatch(new RegExp(`^${String(i + 1).padStart(4, '0')}-[a-z0-9-]+$`)))
    expect(LATEST_SCHEMA_VERSION).toBe(names.length)
  })

  it('migrate an empty database to the latest version, and again is a no-op', async () => {
    const file = join(await tempDir(), 'trove.db')
    const conn = openDatabase(file)
    try {
      expect(await migrateToLatest(conn.db as never)).toBe(LATEST_SCHEMA_VERSION)
      const tables = conn.sqlite.prepare("select name from sqlite_master where type='table' order by name").pluck().all()
      expect(tables).toEqual(expect.arrayContaining(['library_meta', 'settings', 'files', 'file_sources', 'tags', 'file_tags', 'collections', 'collection_members', 'import_records', 'uploads', 'files_fts']))
      expect(await migrateToLatest(conn.db as never)).toBe(LATEST_SCHEMA_VERSION)
    } finally {
      await conn.close()
    }
  })

  it('open every connection with WAL, synchronous=FULL, foreign keys and a busy timeout', async () => {
    const conn = openDatabase(join(await tempDir(), 'trove.db'))
    try {
      expect(conn.sqlite.pragma('journal_mode', { simple: true })).toBe('wal')
      expect(conn.sqlite.pragma('synchronous', { simple: true })).toBe(2)
      expect(conn.sqlite.pragma('foreign_keys', { simple: true })).toBe(1)
      expect(conn.sqlite.pragma('busy_timeout', { simple: true })).toBe(5000)
    } finally {
      await conn.close()
    }
  })

  it('refuse a database written by a newer Trove with a clear message', async () => {
    const conn = openDatabase(join(await tempDir(), 'trove.db'))
    try {
      await migrateToLatest(conn.db as never)
      conn.sqlite.prepare("insert into kysely_migration (name, timestamp) values ('9999-from-the-future', '2030-01-01')").run()
      await expect(migrateToLatest(conn.db as never)).rejects.toMatchObject({ code: 'UNAVAILABLE', message: expect.stringMatching(/newer version of Trove/) })
    } finally {
      await conn.close()
    }
  })
})
