import { Kysely, SqliteDialect, type CompiledQuery } from 'kysely'
import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { listFilesInputSchema, type FileDto, type ListFilesInput } from '../../src-preload/contract/files'
import type { Database } from '../../src-main/core/db/schema'
import { FilesQueryService } from '../../src-main/core/library/files-query.service'
import { useTestLibraries, type TestLibrary } from '../support/library'
import { insertFile, insertFiles, type FileSpec } from './library-rows'

const newLibrary = useTestLibraries()
const input = (partial: Partial<Record<keyof ListFilesInput, unknown>> = {}): ListFilesInput => listFilesInputSchema.parse(partial)

/** Every page of a listing, calling `between` after each page (to change the library meanwhile). */
async function allPages(service: FilesQueryService, partial: Partial<Record<keyof ListFilesInput, unknown>>, between?: (page: number) => Promise<void>) {
  const items: FileDto[] = []
  let cursor: string | undefined
  for (let page = 0; page < 1000; page++) {
    const result = await service.list(input({ ...partial, cursor }))
    items.push(...result.items)
    if (!result.nextCursor) return items
    cursor = result.nextCursor
    await between?.(page)
  }
  throw new Error('paging did not end')
}

const SORTS = [
  ['added', 'desc'], ['added', 'asc'], ['name', 'asc'], ['name', 'desc'], ['size', 'desc'], ['size', 'asc'],
] as const

/** The order SQLite's NOCASE then id gives (ASCII names only), as a comparator over DTOs. */
function comparator(sort: 'added' | 'name' | 'size', order: 'asc' | 'desc') {
  const key = (f: FileDto) => (sort === 'added' ? f.addedAt : sort === 'name' ? f.name.toLowerCase() : f.size)
  const sign = order === 'asc' ? 1 : -1
  return (a: FileDto, b: FileDto) => {
    const ka = key(a)
    const kb = key(b)
    return sign * (ka < kb ? -1 : ka > kb ? 1 : a.id - b.id)
  }
}

/** 60 files with many ties: five dates, four sizes, names that differ only by case. */
function tiedSpecs(): FileSpec[] {
  return Array.from({ length: 60 }, (_, i) => ({
    name: `${i % 2 ? 'Photo' : 'photo'}-${String(i % 20).padStart(2, '0')}.jpg`,
    kind: (['image', 'text', 'video'] as const)[i % 3],
    size: [10, 2000, 2000, 5][i % 4],
    addedAt: 1_700_000_000_000 + (i % 5) * 1000,
  }))
}

describe('files:list keyset paging', () => {
  it('returns every file exactly once, in order, for each sort and direction', async () => {
    const lib = await newLibrary()
    const ids = await insertFiles(lib, tiedSpecs())
    for (const [sort, order] of SORTS) {
      const items = await allPages(lib.files, { sort, order, limit: 7 })
      expect(items.map((f) => f.id).sort((a, b) => a - b), `${sort} ${order}`).toEqual(ids)
      expect(items, `${sort} ${order}`).toEqual([...items].sort(comparator(sort, order)))
    }
  })

  it('never repeats or skips a file while files are added between page requests', async () => {
    const lib = await newLibrary()
    const original = await insertFiles(lib, tiedSpecs())
    let n = 0
    const addSome = async () => {
      for (let k = 0; k < 3; k++) {
        n++
        await insertFile(lib, { name: `${n % 2 ? 'A' : 'z'}-new-${n}.jpg`, size: (n * 37) % 3000, addedAt: Date.now() + n, kind: 'image' })
      }
    }
    for (const [sort, order] of SORTS) {
      const items = await allPages(lib.files, { sort, order, limit: 8 }, addSome)
      const seen = items.map((f) => f.id)
      expect(new Set(seen).size, `${sort} ${order}: no duplicates`).toBe(seen.length)
      for (const id of original) expect(seen.filter((s) => s === id), `${sort} ${order}: file ${id} once`).toHaveLength(1)
      expect(items, `${sort} ${order}: in order`).toEqual([...items].sort(comparator(sort, order)))
      if (sort === 'added' && order === 'desc') {
        // Newer than the first page: they belong before it, so no later page shows them.
        expect(seen.filter((id) => !original.includes(id))).toEqual([])
      }
    }
  })

  it('pages the same way whether a tag or collection drives the query or the sort index is walked', async () => {
    const lib = await newLibrary()
    const ids = await insertFiles(lib, tiedSpecs())
    await lib.tags.apply(ids.filter((_, i) => i % 3 !== 0), { names: ['keep'] }, true)
    const tagId = (await lib.tags.list())[0]!.id
    const trips = await lib.collections.create('Trips')
    const sub = await lib.collections.create('2024', trips.id)
    await lib.collections.addFiles(trips.id, ids.slice(0, 30))
    await lib.collections.addFiles(sub.id, ids.slice(25, 50))
    const { db } = lib.library.connection
    const walking = new FilesQueryService(db, { driverSetLimit: 0 })
    // A window of 4 entries: most pages hit the bound, then the set drives after all.
    const bounded = new FilesQueryService(db, { driverSetLimit: 0, walkWindow: 4 })
    const filters = [
      { tagId }, { collectionId: trips.id, includeSubcollections: true }, { tagId, collectionId: sub.id, kind: 'text' },
      { addedFrom: 1_700_000_001_000, addedTo: 1_700_000_003_000 }, { tagId, addedFrom: 1_700_000_002_000 },
    ]
    for (const [sort, order] of SORTS) {
      for (const filter of filters) {
        const label = `${sort} ${order} ${JSON.stringify(filter)}`
        const driven = await allPages(lib.files, { sort, order, limit: 6, ...filter })
        expect(driven.length, label).toBeGreaterThan(6)
        expect(driven, label).toEqual([...driven].sort(comparator(sort, order)))
        expect((await allPages(walking, { sort, order, limit: 6, ...filter })).map((f) => f.id), label).toEqual(driven.map((f) => f.id))
        expect((await allPages(bounded, { sort, order, limit: 6, ...filter })).map((f) => f.id), label).toEqual(driven.map((f) => f.id))
      }
    }
  })

  it('refuses a cursor from another sort order, or a forged one, with INVALID_INPUT', async () => {
    const lib = await newLibrary()
    await insertFiles(lib, tiedSpecs())
    const { nextCursor } = await lib.files.list(input({ sort: 'name', limit: 5 }))
    expect(nextCursor).toEqual(expect.any(String))
    await expect(lib.files.list(input({ sort: 'size', cursor: nextCursor }))).rejects.toMatchObject({ code: 'INVALID_INPUT', message: expect.stringMatching(/another listing or sort order/) })
    await expect(lib.files.list(input({ sort: 'name', order: 'desc', cursor: nextCursor }))).rejects.toMatchObject({ code: 'INVALID_INPUT' })
    await expect(lib.files.list(input({ cursor: 'not-a-cursor' }))).rejects.toMatchObject({ code: 'INVALID_INPUT' })
    const forged = Buffer.from(JSON.stringify(['files:added:desc', 'DROP TABLE files', 1])).toString('base64url')
    await expect(lib.files.list(input({ cursor: forged }))).rejects.toMatchObject({ code: 'INVALID_INPUT' })
  })

  it('pages by default 100 at a time, newest first, and refuses more than 500 per page', async () => {
    const lib = await newLibrary()
    await insertFiles(lib, Array.from({ length: 101 }, (_, i) => ({ name: `f${i}`, addedAt: 1000 + i })))
    const first = await lib.files.list(input())
    expect(first.items).toHaveLength(100)
    expect(first.items[0]?.name).toBe('f100')
    const second = await lib.files.list(input({ cursor: first.nextCursor }))
    expect(second.items.map((f) => f.name)).toEqual(['f0'])
    expect(second.nextCursor).toBeNull()
    expect(listFilesInputSchema.safeParse({ limit: 501 }).success).toBe(false)
  })
})

describe('files:list filters', () => {
  async function fixture(lib: TestLibrary) {
    const day = 86_400_000
    const t0 = Date.UTC(2024, 0, 1)
    const [rome, beach, report, song, oldPhoto, trashed] = await insertFiles(lib, [
      { name: 'rome.jpg', kind: 'image', addedAt: t0 + 10 * day },
      { name: 'beach.jpg', kind: 'image', addedAt: t0 + 20 * day },
      { name: 'report.pdf', kind: 'document', addedAt: t0 + 15 * day },
      { name: 'song.mp3', kind: 'audio', addedAt: t0 + 12 * day },
      { name: 'old.jpg', kind: 'image', addedAt: t0 - 100 * day },
      { name: 'binned.jpg', kind: 'image', addedAt: t0 + 11 * day, trashedAt: Date.now() - day }, // within the retention period
    ])
    const trips = await lib.collections.create('Trips')
    const italy = await lib.collections.create('Italy', trips.id)
    await lib.collections.addFiles(trips.id, [beach!])
    await lib.collections.addFiles(italy.id, [rome!, trashed!, report!])
    await lib.tags.apply([rome!, beach!, song!, trashed!], { names: ['summer'] }, true)
    const summer = (await lib.tags.list())[0]!.id
    return { ids: { rome, beach, report, song, oldPhoto, trashed }, trips: trips.id, italy: italy.id, summer, t0, day }
  }
  const names = (page: { items: FileDto[] }) => page.items.map((f) => f.name).sort()

  it('combine kind, tag, collection (with or without sub-collections), dates and trash', async () => {
    const lib = await newLibrary()
    const f = await fixture(lib)
    expect(names(await lib.files.list(input()))).toEqual(['beach.jpg', 'old.jpg', 'report.pdf', 'rome.jpg', 'song.mp3'])
    expect(names(await lib.files.list(input({ kind: 'image' })))).toEqual(['beach.jpg', 'old.jpg', 'rome.jpg'])
    expect(names(await lib.files.list(input({ tagId: f.summer })))).toEqual(['beach.jpg', 'rome.jpg', 'song.mp3'])
    expect(names(await lib.files.list(input({ tagId: f.summer, kind: 'image' })))).toEqual(['beach.jpg', 'rome.jpg'])
    expect(names(await lib.files.list(input({ collectionId: f.trips })))).toEqual(['beach.jpg'])
    expect(names(await lib.files.list(input({ collectionId: f.trips, includeSubcollections: true })))).toEqual(['beach.jpg', 'report.pdf', 'rome.jpg'])
    expect(names(await lib.files.list(input({ collectionId: f.trips, includeSubcollections: true, tagId: f.summer })))).toEqual(['beach.jpg', 'rome.jpg'])
    expect(names(await lib.files.list(input({ addedFrom: f.t0, addedTo: f.t0 + 12 * f.day })))).toEqual(['rome.jpg', 'song.mp3'])
    expect(names(await lib.files.list(input({ addedFrom: f.t0, kind: 'image', sort: 'name' })))).toEqual(['beach.jpg', 'rome.jpg'])
    expect(names(await lib.files.list(input({ trashed: true })))).toEqual(['binned.jpg'])
    expect(names(await lib.files.list(input({ trashed: true, collectionId: f.italy, tagId: f.summer })))).toEqual(['binned.jpg'])
  })

  it('says NOT_FOUND for a tag or collection that does not exist', async () => {
    const lib = await newLibrary()
    await expect(lib.files.list(input({ tagId: 999 }))).rejects.toMatchObject({ code: 'NOT_FOUND' })
    await expect(lib.files.list(input({ collectionId: 999, includeSubcollections: true }))).rejects.toMatchObject({ code: 'NOT_FOUND' })
  })

  it('returns tags with each file, sorted by name', async () => {
    const lib = await newLibrary()
    const [id] = await insertFiles(lib, [{ name: 'x.jpg' }])
    await lib.tags.apply([id!], { names: ['zebra', 'Apple', 'mango'] }, true)
    const [file] = (await lib.files.list(input())).items
    expect(file?.tags.map((t) => t.name)).toEqual(['Apple', 'mango', 'zebra'])
  })
})

describe('files:list query plans', () => {
  /** Runs a listing with a logging connection and returns SQLite's plan of its main query. */
  async function planOf(lib: TestLibrary, partial: Partial<Record<keyof ListFilesInput, unknown>>): Promise<string[]> {
    const queries: CompiledQuery[] = []
    const { sqlite } = lib.library.connection
    // Not destroyed: destroying it would close the library's connection.
    const logged = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }), log: (e) => void queries.push(e.query) })
    await new FilesQueryService(logged).list(input(partial))
    const main = queries.find((q) => /ORDER BY/.test(q.sql) && /FROM files AS f/.test(q.sql) && !/file_tags AS ft JOIN tags/.test(q.sql))
    if (!main) throw new Error('listing query not found')
    const rows = sqlite.prepare(`EXPLAIN QUERY PLAN ${main.sql}`).all(...(main.parameters as unknown[])) as Array<{ detail: string }>
    return rows.map((r) => r.detail)
  }

  it('walk an index in sort order for every sort, with or without a kind filter, on any page', async () => {
    const lib = await newLibrary()
    await insertFiles(lib, tiedSpecs())
    const { nextCursor: added } = await lib.files.list(input({ limit: 3 }))
    for (const [sort, order] of SORTS) {
      for (const kind of [undefined, 'image']) {
        const first = await lib.files.list(input({ sort, order, kind, limit: 3 }))
        for (const cursor of [undefined, first.nextCursor ?? undefined]) {
          const plan = await planOf(lib, { sort, order, kind, limit: 3, cursor })
          const label = `${sort} ${order} kind=${kind} cursor=${Boolean(cursor)}: ${plan.join(' | ')}`
          expect(plan.join(' | '), label).toMatch(/USING (COVERING )?INDEX files_by_/)
          expect(plan.join(' | '), label).not.toMatch(/TEMP B-TREE/)
          if (cursor) expect(plan.join(' | '), label).toMatch(/(added_at|name|size)[<>]\?/)
        }
      }
    }
    expect(added).toEqual(expect.any(String))
  })
})

describe('files:get', () => {
  it('finds a file by id, by SHA-256 and by a unique prefix, with its sources and collection paths', async () => {
    const lib = await newLibrary()
    const folder = join(lib.scratch, 'Trips', '2024')
    await mkdir(folder, { recursive: true })
    await writeFile(join(folder, 'rome.txt'), 'Colosseum at dawn')
    await writeFile(join(lib.scratch, 'copy-of-rome.txt'), 'Colosseum at dawn')
    await lib.imports.start([join(lib.scratch, 'Trips')]).done
    await lib.imports.start([join(lib.scratch, 'copy-of-rome.txt')]).done
    const { items } = await lib.files.list(input())
    expect(items).toHaveLength(1)
    const file = items[0]!
    const detail = await lib.files.get({ sha256: file.sha256.slice(0, 8) })
    expect(detail).toMatchObject({ id: file.id, name: 'rome.txt', kind: 'text', stored: true, trashedAt: null })
    expect(detail.sources.map((s) => [s.kind, s.path, s.originalName, s.available])).toEqual([
      ['import', join(folder, 'rome.txt'), 'rome.txt', true],
      ['import', join(lib.scratch, 'copy-of-rome.txt'), 'copy-of-rome.txt', true],
    ])
    expect(detail.collections).toEqual([{ id: expect.any(Number), name: '2024', path: ['Trips', '2024'] }])
    expect(await lib.files.get({ id: file.id })).toEqual(detail)
    expect(await lib.files.get({ sha256: file.sha256 })).toEqual(detail)
  })

  it('says NOT_FOUND for an unknown id or hash, and INVALID_INPUT for an ambiguous prefix', async () => {
    const lib = await newLibrary()
    const db = lib.library.connection.db
    for (const sha of ['abcdef1'.padEnd(64, '0'), 'abcdef2'.padEnd(64, '0')]) {
      await db.insertInto('files').values({ sha256: sha, size: 1, mime: 'x/y', kind: 'other', ext: '', name: sha.slice(0, 7), added_at: 1, modified_at: null, trashed_at: null, preview_error: null }).execute()
    }
    await expect(lib.files.get({ id: 12345 })).rejects.toMatchObject({ code: 'NOT_FOUND' })
    await expect(lib.files.get({ sha256: '0123456' })).rejects.toMatchObject({ code: 'NOT_FOUND' })
    await expect(lib.files.get({ sha256: 'abcdef' })).rejects.toMatchObject({ code: 'INVALID_INPUT', message: expect.stringMatching(/give more characters/) })
    expect((await lib.files.get({ sha256: 'abcdef2' })).name).toBe('abcdef2')
  })
})
