import { access, mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { listFilesInputSchema, searchFilesInputSchema } from '../../src-preload/contract/files'
import { writeLibrarySettings } from '../../src-main/core/library/library-settings'
import { faultyFs } from '../support/faulty-fs'
import { useTestLibraries, type TestLibrary } from '../support/library'

const newLibrary = useTestLibraries()
const DAY = 86_400_000
const exists = (path: string) => access(path).then(() => true, () => false)
const listNames = async (lib: TestLibrary, trashed: boolean) =>
  (await lib.files.list(listFilesInputSchema.parse({ trashed, sort: 'name' }))).items.map((f) => f.name)
const found = async (lib: TestLibrary, query: string, trashed = false) =>
  (await lib.search.search(searchFilesInputSchema.parse({ query, trashed }))).hits.map((h) => h.file.name)

/** Imports real files (each its own content) and returns their ids and object paths by name. */
async function importFiles(lib: TestLibrary, files: Record<string, string>) {
  await mkdir(lib.scratch, { recursive: true })
  const paths = []
  for (const [name, text] of Object.entries(files)) {
    paths.push(join(lib.scratch, name))
    await writeFile(join(lib.scratch, name), text)
  }
  const summary = await lib.imports.start(paths).done
  const out: Record<string, { id: number; sha256: string; object: string }> = {}
  for (const f of summary.files) {
    const row = await lib.library.connection.db.selectFrom('files').select(['id', 'sha256', 'ext']).where('id', '=', f.fileId!).executeTakeFirstOrThrow()
    out[f.name] = { id: row.id, sha256: row.sha256, object: lib.store.absolutePath(row.sha256, row.ext) }
  }
  return out
}

const rowCounts = async (lib: TestLibrary, fileId: number) => {
  const db = lib.library.connection.db
  const count = async (table: 'files' | 'file_sources' | 'file_tags' | 'collection_members', column: 'id' | 'file_id') =>
    Number((await db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).where(column, '=', fileId).executeTakeFirstOrThrow()).n)
  const fts = lib.library.connection.sqlite.prepare('SELECT count(*) FROM files_fts WHERE rowid = ?').pluck().get(BigInt(fileId))
  return { files: await count('files', 'id'), sources: await count('file_sources', 'file_id'), tags: await count('file_tags', 'file_id'), members: await count('collection_members', 'file_id'), fts }
}

describe('trash', () => {
  it('moves files to the trash and back, keeping their tags and collections', async () => {
    const lib = await newLibrary()
    const f = await importFiles(lib, { 'a.txt': 'alpha', 'b.txt': 'beta' })
    await lib.tags.apply([f['a.txt']!.id], { names: ['keep'] }, true)
    expect(await lib.trash.trash([f['a.txt']!.id])).toEqual({ trashed: 1 })
    expect(await lib.trash.trash([f['a.txt']!.id])).toEqual({ trashed: 0 })
    expect(await listNames(lib, false)).toEqual(['b.txt'])
    expect(await listNames(lib, true)).toEqual(['a.txt'])
    expect((await lib.files.dto(f['a.txt']!.id)).trashedAt).toEqual(expect.any(Number))
    expect(await lib.trash.restore([f['a.txt']!.id, f['b.txt']!.id])).toEqual({ restored: 1 })
    expect(await listNames(lib, false)).toEqual(['a.txt', 'b.txt'])
    expect((await lib.files.dto(f['a.txt']!.id)).tags.map((t) => t.name)).toEqual(['keep'])
    await expect(lib.trash.trash([777])).rejects.toMatchObject({ code: 'NOT_FOUND' })
  })

  it('purges rows (file, sources, tags, memberships, search entry) and then the object, leaving other files alone', async () => {
    const lib = await newLibrary()
    const f = await importFiles(lib, { 'gone.txt': 'delete me for good', 'stays.txt': 'keep me' })
    const gone = f['gone.txt']!
    await lib.tags.apply([gone.id], { names: ['doomed'] }, true)
    const album = await lib.collections.create('Album')
    await lib.collections.addFiles(album.id, [gone.id])
    expect(await rowCounts(lib, gone.id)).toEqual({ files: 1, sources: 1, tags: 1, members: 1, fts: 1 })
    expect(await exists(gone.object)).toBe(true)

    await lib.trash.trash([gone.id])
    expect(await found(lib, 'delete', true)).toEqual(['gone.txt'])
    const result = await lib.trash.empty()
    expect(result).toMatchObject({ purged: 1, bytes: 'delete me for good'.length, objectsRemoved: 1, objectErrors: 0, fileIds: [gone.id] })
    expect(await rowCounts(lib, gone.id)).toEqual({ files: 0, sources: 0, tags: 0, members: 0, fts: 0 })
    expect(await exists(gone.object)).toBe(false)
    expect(await exists(f['stays.txt']!.object)).toBe(true)
    expect(await found(lib, 'delete', true)).toEqual([])
    const history = await lib.library.connection.db.selectFrom('import_records').select(['original_name', 'file_id']).orderBy('original_name').execute()
    expect(history).toEqual([{ original_name: 'gone.txt', file_id: null }, { original_name: 'stays.txt', file_id: f['stays.txt']!.id }])
    expect((await lib.tags.list())[0]).toMatchObject({ name: 'doomed', usage: 0 })
  })

  it('does not delete an object whose content came back before the purge (same bytes imported again)', async () => {
    const lib = await newLibrary()
    const f = await importFiles(lib, { 'photo.raw': 'the same bytes' })
    await lib.trash.trash([f['photo.raw']!.id])
    await writeFile(join(lib.scratch, 'copy.raw'), 'the same bytes')
    const again = await lib.imports.start([join(lib.scratch, 'copy.raw')]).done
    expect(again.files[0]?.reasonMessage).toMatch(/restored it/)
    expect(await lib.trash.empty()).toMatchObject({ purged: 0, objectsRemoved: 0 })
    expect(await exists(f['photo.raw']!.object)).toBe(true)
    expect(await listNames(lib, false)).toEqual(['photo.raw'])
  })

  it('waits for an import of the same content in progress, and then re-checks before deleting', async () => {
    const lib = await newLibrary()
    const f = await importFiles(lib, { 'x.bin': 'racing bytes' })
    const { id, sha256, object } = f['x.bin']!
    await lib.trash.trash([id])
    let purge: Promise<unknown> | undefined
    // Hold the content lock as the import pipeline does while it commits, and restore the file meanwhile.
    await lib.ingest.locks.run(sha256, async () => {
      purge = lib.trash.empty()
      await new Promise((r) => setTimeout(r, 50))
      await lib.library.connection.db.updateTable('files').set({ trashed_at: null }).where('id', '=', id).execute()
    })
    expect(await purge).toMatchObject({ purged: 0, objectsRemoved: 0 })
    expect(await exists(object)).toBe(true)
    expect(await rowCounts(lib, id)).toMatchObject({ files: 1, fts: 1 })
  })

  it('deletes the rows first: when the object cannot be deleted, the rows are gone and the object waits for the sweep', async () => {
    const fs = faultyFs([{ op: 'unlink', errno: 'EIO', when: (p) => p.includes(`${join('objects', '')}`) }])
    const lib = await newLibrary({ fs })
    const f = await importFiles(lib, { 'stuck.txt': 'cannot unlink me' })
    await lib.trash.trash([f['stuck.txt']!.id])
    expect(await lib.trash.empty()).toMatchObject({ purged: 1, objectsRemoved: 0, objectErrors: 1 })
    expect(await rowCounts(lib, f['stuck.txt']!.id)).toMatchObject({ files: 0, fts: 0 })
    expect(await exists(f['stuck.txt']!.object)).toBe(true)
  })

  it('deletes chosen trashed files for good, refusing files not in the trash without deleting anything', async () => {
    const lib = await newLibrary()
    const f = await importFiles(lib, { 'one.txt': 'first', 'two.txt': 'second', 'three.txt': 'third' })
    await lib.trash.trash([f['one.txt']!.id, f['two.txt']!.id])
    await expect(lib.trash.purgeFiles([f['one.txt']!.id, f['three.txt']!.id])).rejects.toMatchObject({
      code: 'INVALID_INPUT', message: expect.stringMatching(/"three.txt" is not in it.*Nothing was deleted/),
    })
    await expect(lib.trash.purgeFiles([f['one.txt']!.id, 4040])).rejects.toMatchObject({ code: 'NOT_FOUND' })
    expect(await exists(f['one.txt']!.object)).toBe(true)
    expect(await lib.trash.purgeFiles([f['one.txt']!.id])).toMatchObject({ purged: 1, objectsRemoved: 1, fileIds: [f['one.txt']!.id] })
    expect(await rowCounts(lib, f['one.txt']!.id)).toEqual({ files: 0, sources: 0, tags: 0, members: 0, fts: 0 })
    expect(await exists(f['one.txt']!.object)).toBe(false)
    expect(await exists(f['two.txt']!.object)).toBe(true)
    expect(await listNames(lib, true)).toEqual(['two.txt'])
  })

  it('purges only what outlived the retention setting (purgeExpired), or an age given to empty()', async () => {
    const lib = await newLibrary()
    // Opening a library purges expired trash in the background: let that pass first.
    await lib.integrity.startupReport
    await lib.trash.purgeExpired()
    const f = await importFiles(lib, { 'old.txt': 'old', 'recent.txt': 'recent', 'live.txt': 'live' })
    const db = lib.library.connection.db
    const now = Date.now()
    await db.updateTable('files').set({ trashed_at: now - 40 * DAY }).where('id', '=', f['old.txt']!.id).execute()
    await db.updateTable('files').set({ trashed_at: now - 10 * DAY }).where('id', '=', f['recent.txt']!.id).execute()
    expect(await lib.trash.purgeExpired()).toMatchObject({ purged: 1, fileIds: [f['old.txt']!.id] })
    expect(await exists(f['old.txt']!.object)).toBe(false)
    expect(await exists(f['recent.txt']!.object)).toBe(true)
    await writeLibrarySettings(db, { trashRetentionDays: 7 })
    expect(await lib.trash.purgeExpired()).toMatchObject({ purged: 1, fileIds: [f['recent.txt']!.id] })
    expect(await listNames(lib, false)).toEqual(['live.txt'])
    expect(await exists(f['live.txt']!.object)).toBe(true)
    expect(await lib.trash.empty(0)).toMatchObject({ purged: 0 })
  })
})

describe('notes', () => {
  it('sets and clears a note, searchable at once, and refuses more than 100,000 characters', async () => {
    const lib = await newLibrary()
    const f = await importFiles(lib, { 'scan.txt': 'receipt' })
    await lib.notes.set(f['scan.txt']!.id, 'Warranty until March, ask for the blue form')
    expect((await lib.files.dto(f['scan.txt']!.id)).note).toBe('Warranty until March, ask for the blue form')
    expect(await found(lib, 'warranty')).toEqual(['scan.txt'])
    expect(await found(lib, 'receipt')).toEqual(['scan.txt'])
    await lib.notes.set(f['scan.txt']!.id, '')
    expect(await found(lib, 'warranty')).toEqual([])
    expect(await found(lib, 'receipt')).toEqual(['scan.txt'])
    await expect(lib.notes.set(f['scan.txt']!.id, 'x'.repeat(100_001))).rejects.toMatchObject({ code: 'INVALID_INPUT' })
    await expect(lib.notes.set(31337, 'hello')).rejects.toMatchObject({ code: 'NOT_FOUND' })
  })
})
