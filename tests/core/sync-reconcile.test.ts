import { createHash } from 'node:crypto'
import { mkdir, readdir, readFile, rename, rm, stat, symlink, unlink, utimes, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { realFs } from '../../src-main/core/common/fs-seam'
import { faultyFs } from '../support/faulty-fs'
import { useTestLibraries, type TestLibrary } from '../support/library'
import { eventually, put, syncRows, useSyncManagers } from '../support/sync'

const newLibrary = useTestLibraries()
const newSync = useSyncManagers()
const sha = (data: string | Buffer) => createHash('sha256').update(data).digest('hex')

async function watched(lib: TestLibrary, files: Record<string, string>, name = 'Photos'): Promise<string> {
  const root = join(lib.scratch, name)
  await mkdir(root, { recursive: true })
  for (const [rel, data] of Object.entries(files)) await put(root, rel, data)
  return root
}

async function objectCount(lib: TestLibrary): Promise<number> {
  let n = 0
  for (const shard of await readdir(join(lib.root, 'objects'))) n += (await readdir(join(lib.root, 'objects', shard))).length
  return n
}

describe('reconciling a watched folder', () => {
  it('indexes in place: one entry per content, a watch source per place, nothing copied, searchable', async () => {
    const lib = await newLibrary()
    const root = await watched(lib, { 'a.txt': 'alpha notes', 'trip/b.txt': 'alpha notes', 'trip/c.md': '# Rome\n' })
    const sync = newSync(lib)
    const folder = await sync.add({ path: root })
    const [op] = await sync.scan(folder.id)
    expect(op).toMatchObject({ type: 'manual', status: 'completed', filesScanned: 3, filesAdded: 3, filesUpdated: 0, filesRemoved: 0, filesHashed: 3, errors: [] })
    const rows = syncRows(lib)
    expect(rows.files()).toEqual([
      expect.objectContaining({ sha256: sha('alpha notes'), name: 'a.txt', storage: 'in_place', trashed_at: null, kind: 'text' }),
      expect.objectContaining({ sha256: sha('# Rome\n'), name: 'c.md', storage: 'in_place' }),
    ])
    expect(rows.sources()).toEqual([
      { file_id: 1, kind: 'watch', path: 'a.txt', folder_id: folder.id, available: 1 },
      { file_id: 1, kind: 'watch', path: 'trip/b.txt', folder_id: folder.id, available: 1 },
      { file_id: 2, kind: 'watch', path: 'trip/c.md', folder_id: folder.id, available: 1 },
    ])
    expect(await objectCount(lib)).toBe(0)
    const hits = lib.library.connection.sqlite.prepare("SELECT rowid FROM files_fts WHERE files_fts MATCH 'rome'").pluck().all()
    expect(hits).toEqual([2])
    expect((await sync.list())[0]).toMatchObject({ id: folder.id, status: 'idle', counts: { files: 3, entries: 2, bytes: 29 } })
  })

  it('rescans an unchanged tree by looking only: no file is opened', async () => {
    const lib = await newLibrary()
    const root = await watched(lib, Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`d${i % 5}/f${i}.txt`, `file ${i}`])))
    const fs = faultyFs([{ op: 'open', errno: 'EIO', nth: -1, when: (p) => p.startsWith(root) }])
    const sync = newSync(lib, { fs })
    const folder = await sync.add({ path: root })
    await sync.scan(folder.id)
    const opensBefore = fs.calls.get('0') ?? 0
    expect(opensBefore).toBe(50)
    const [again] = await sync.scan(folder.id)
    expect(again).toMatchObject({ status: 'completed', filesScanned: 50, filesAdded: 0, filesUpdated: 0, filesRemoved: 0, filesHashed: 0, bytesHashed: 0 })
    expect(fs.calls.get('0')).toBe(opensBefore)
    // Nor is a record rewritten: the folders' listings were unchanged, the rows stay as the first scan wrote them.
    const generations = new Set(syncRows(lib).records().map((r) => r.scan_generation))
    expect([...generations]).toEqual([1])
    expect(lib.library.connection.sqlite.prepare('SELECT scan_generation FROM watched_folders').pluck().get()).toBe(2)
  })

  it('follows changes, deletions and moves: same entry when moved, old content to the trash when changed or gone, back when it returns', async () => {
    const lib = await newLibrary()
    const root = await watched(lib, { 'keep.txt': 'keep', 'edit.txt': 'v1', 'gone.txt': 'bye', 'a/move.txt': 'travels' })
    const sync = newSync(lib)
    const folder = await sync.add({ path: root })
    await sync.scan(folder.id)
    const rows = syncRows(lib)
    const idOf = (data: string) => rows.files().find((f) => f.sha256 === sha(data))!.id
    const moving = idOf('travels')
    const gone = idOf('bye')
    lib.library.connection.sqlite.prepare("INSERT INTO tags (name, created_at) VALUES ('farewell', 1)").run()
    lib.library.connection.sqlite.prepare('INSERT INTO file_tags (file_id, tag_id) VALUES (?, 1)').run(gone)

    await writeFile(join(root, 'edit.txt'), 'version two')
    await unlink(join(root, 'gone.txt'))
    await mkdir(join(root, 'b'))
    await rename(join(root, 'a/move.txt'), join(root, 'b/moved.txt'))
    const [op] = await sync.scan(folder.id)
    expect(op).toMatchObject({ filesAdded: 0, filesUpdated: 2, filesRemoved: 1, filesHashed: 2 })

    expect(rows.paths()).toEqual(['b/moved.txt', 'edit.txt', 'keep.txt'])
    expect(idOf('travels')).toBe(moving)
    expect(rows.files().find((f) => f.id === moving)!.trashed_at).toBeNull()
    expect(rows.files().find((f) => f.sha256 === sha('v1'))!.trashed_at).not.toBeNull()
    expect(rows.files().find((f) => f.id === gone)!.trashed_at).not.toBeNull()
    expect(rows.files().find((f) => f.sha256 === sha('version two'))).toMatchObject({ storage: 'in_place', trashed_at: null })
    expect(rows.records().find((r) => r.rel_path === 'edit.txt')!.sha256).toBe(sha('version two'))

    // The content comes back: the same entry leaves the trash, with its tag.
    await put(root, 'again/bye.txt', 'bye')
    const [back] = await sync.scan(folder.id)
    expect(back).toMatchObject({ filesAdded: 1, filesRemoved: 0 })
    expect(rows.files().find((f) => f.id === gone)!.trashed_at).toBeNull()
    expect(lib.library.connection.sqlite.prepare('SELECT tag_id FROM file_tags WHERE file_id = ?').pluck().all(gone)).toEqual([1])
  })

  it('leaves out hidden, temporary, backup and system files, the user patterns, and the library folder inside it', async () => {
    const lib = await newLibrary()
    // The library lives at <base>/library and the scratch at <base>/sources: watch <base> itself.
    const base = join(lib.root, '..')
    await put(base, 'sources/keep.txt', 'kept')
    for (const name of ['.hidden', '.git/config', 'notes.txt~', 'x.tmp', 'y.TEMP', '.DS_Store', 'Thumbs.db', 'desktop.ini', 'raw/big.raw', 'shots/a.RAW', 'cache/deep/c.txt', 'dl.crdownload']) {
      await put(base, `sources/${name}`, name)
    }
    const sync = newSync(lib)
    const folder = await sync.add({ path: base, ignore: ['*.raw', 'cache/', '/sources/shots'] })
    const [op] = await sync.scan(folder.id)
    expect(op!.errors).toEqual([])
    expect(syncRows(lib).paths()).toEqual(['sources/keep.txt'])
    expect(syncRows(lib).records().every((r) => !r.rel_path.startsWith('library'))).toBe(true)
  })

  it('does not follow symbolic links: no loop, nothing from outside the folder', async () => {
    const lib = await newLibrary()
    const root = await watched(lib, { 'in/a.txt': 'inside' })
    const outside = await watched(lib, { 'secret.txt': 'outside' }, 'Elsewhere')
    await symlink('..', join(root, 'in', 'loop'))
    await symlink(outside, join(root, 'out'))
    await symlink(join(outside, 'secret.txt'), join(root, 'secret-link.txt'))
    const sync = newSync(lib)
    const folder = await sync.add({ path: root })
    const [op] = await sync.scan(folder.id)
    expect(op).toMatchObject({ status: 'completed', filesScanned: 1 })
    expect(syncRows(lib).paths()).toEqual(['in/a.txt'])
  })

  it('keeps what was recorded under a folder it cannot read, and says so', async () => {
    const lib = await newLibrary()
    const root = await watched(lib, { 'open/a.txt': 'a', 'locked/b.txt': 'b' })
    const sync = newSync(lib)
    const folder = await sync.add({ path: root })
    await sync.scan(folder.id)
    await stop(sync)
    const locked = newSync(lib, { fs: faultyFs([{ op: 'readdir', errno: 'EACCES', when: (p) => p.endsWith('locked') }]) })
    const [op] = await locked.scan(folder.id)
    expect(op).toMatchObject({ status: 'completed', filesRemoved: 0 })
    expect(op!.errors).toEqual([{ path: 'locked', code: 'EACCES', message: expect.stringContaining('could not be read') }])
    expect(syncRows(lib).paths()).toEqual(['locked/b.txt', 'open/a.txt'])
    expect(syncRows(lib).files().every((f) => f.trashed_at === null)).toBe(true)
  })

  it('goes on when a file vanishes between the walk and its read', async () => {
    const lib = await newLibrary()
    const root = await watched(lib, { 'a.txt': 'a', 'b.txt': 'b', 'c.txt': 'c' })
    const sync = newSync(lib, { fs: faultyFs([{ op: 'open', errno: 'ENOENT', when: (p) => p.endsWith('b.txt') }]) })
    const folder = await sync.add({ path: root })
    const [op] = await sync.scan(folder.id)
    expect(op).toMatchObject({ status: 'completed', filesAdded: 2, filesHashed: 2 })
    expect(op!.errors).toEqual([{ path: 'b.txt', code: 'ENOENT', message: 'The file vanished before it could be read.' }])
    expect(syncRows(lib).paths()).toEqual(['a.txt', 'c.txt'])
  })

  it('treats a missing root as offline: nothing retired, sources unavailable, and back when it returns', async () => {
    const lib = await newLibrary()
    const root = await watched(lib, { 'a.txt': 'a', 'sub/b.txt': 'b' })
    const sync = newSync(lib)
    const folder = await sync.add({ path: root })
    await sync.scan(folder.id)
    await rename(root, `${root}-away`)
    const [offline] = await sync.scan(folder.id)
    expect(offline).toMatchObject({ status: 'failed', filesRemoved: 0, error: expect.stringContaining('is not there') })
    const rows = syncRows(lib)
    expect(rows.sources().map((s) => s.available)).toEqual([0, 0])
    expect(rows.files().every((f) => f.trashed_at === null)).toBe(true)
    expect((await sync.list())[0]).toMatchObject({ status: 'offline' })

    await rename(`${root}-away`, root)
    const [back] = await sync.scan(folder.id)
    expect(back).toMatchObject({ status: 'completed', filesAdded: 0, filesRemoved: 0, filesHashed: 0 })
    expect(rows.sources().map((s) => s.available)).toEqual([1, 1])
    expect((await sync.list())[0]).toMatchObject({ status: 'idle', lastError: null })
  })

  it('reads only in folders whose listing changed, and a record changed meanwhile is never hidden by an old listing', async () => {
    const lib = await newLibrary()
    const files = Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`d${i % 3}/f${i}.txt`, `file ${i}`]))
    const root = await watched(lib, files)
    const path = join(root, 'd1/f1.txt')
    await utimes(path, 1_700_000_000, 1_700_000_000) // a whole second: put back exactly below
    const sync = newSync(lib)
    const folder = await sync.add({ path: root })
    await sync.scan(folder.id)
    const before = await stat(path)
    await writeFile(join(root, 'd2/f2.txt'), 'file 2, edited')
    const [edited] = await sync.scan(folder.id)
    expect(edited).toMatchObject({ filesScanned: 30, filesUpdated: 1, filesHashed: 1 })
    // A change applied behind the scan's back (as the watcher does), then the disk put back as it was, same mtime.
    const sqlite = lib.library.connection.sqlite
    sqlite.prepare("UPDATE file_records SET size = size + 1, mtime_ms = mtime_ms + 1000 WHERE rel_path = 'd1/f1.txt'").run()
    await utimes(path, 1_700_000_000, 1_700_000_000)
    const [again] = await sync.scan(folder.id)
    expect(again).toMatchObject({ filesScanned: 30, filesHashed: 1, filesAdded: 0, filesRemoved: 0 })
    const record = sqlite.prepare("SELECT size, mtime_ms FROM file_records WHERE rel_path = 'd1/f1.txt'").get()
    expect(record).toEqual({ size: before.size, mtime_ms: before.mtimeMs })
    const [quiet] = await sync.scan(folder.id)
    expect(quiet).toMatchObject({ filesScanned: 30, filesHashed: 0 })
  })

  it('retires records a finished scan did not see, even after an interrupted one', async () => {
    const lib = await newLibrary()
    const root = await watched(lib, { 'a.txt': 'a' })
    const sync = newSync(lib)
    const folder = await sync.add({ path: root })
    await sync.scan(folder.id)
    const sqlite = lib.library.connection.sqlite
    // As if an interrupted scan had stamped a record for a file deleted since: it carries the newest generation.
    const gen = sqlite.prepare('SELECT scan_generation FROM watched_folders').pluck().get() as number
    sqlite.prepare('UPDATE watched_folders SET scan_generation = ?').run(gen + 1)
    sqlite
      .prepare("INSERT INTO file_records (folder_id, rel_path, path_key, size, mtime_ms, sha256, file_id, scan_generation, last_scanned) VALUES (?, 'ghost.txt', 'ghost.txt', 1, 1, NULL, NULL, ?, 1)")
      .run(folder.id, gen + 1)
    const [op] = await sync.scan(folder.id)
    expect(op).toMatchObject({ filesRemoved: 1 })
    expect(syncRows(lib).records().map((r) => [r.rel_path, r.scan_generation])).toEqual([['a.txt', gen]])
  })

  it('a cancelled scan stops soon, retires nothing, and says so', async () => {
    const lib = await newLibrary()
    const root = await watched(lib, { 'old.txt': 'old' })
    const sync = newSync(lib)
    const folder = await sync.add({ path: root })
    await sync.scan(folder.id)
    await unlink(join(root, 'old.txt'))
    for (let i = 0; i < 40; i++) await put(root, `new/${i}.txt`, `new ${i}`)
    await sync.stop()
    const slowFs = { ...realFs, open: (async (...args: Parameters<typeof realFs.open>) => {
      await new Promise((r) => setTimeout(r, 100))
      return realFs.open(...args)
    }) as typeof realFs.open }
    const slow = newSync(lib, { fs: slowFs })
    const scanning = slow.scan(folder.id)
    const job = await eventually(() => lib.jobs.list().find((j) => j.kind === 'sync' && j.state === 'running' && j.itemsDone > 0), 10_000, 'the scan job')
    lib.jobs.cancel(job.id)
    const [op] = await scanning
    expect(op).toMatchObject({ status: 'failed', filesRemoved: 0, error: expect.stringContaining('Cancelled') })
    expect(op!.filesHashed).toBeLessThan(40)
    expect(lib.jobs.get(job.id)).toMatchObject({ state: 'cancelled' })
    expect(syncRows(lib).paths()).toContain('old.txt')
    const [full] = await slow.scan(folder.id)
    expect(full).toMatchObject({ status: 'completed', filesRemoved: 1 })
    expect(syncRows(lib).paths()).toHaveLength(40)
  })

  it('removing a folder while it is being scanned stops the scan', async () => {
    const lib = await newLibrary()
    const root = await watched(lib, Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`f${i}.txt`, `file ${i}`])))
    const slowFs = { ...realFs, open: (async (...args: Parameters<typeof realFs.open>) => {
      await new Promise((r) => setTimeout(r, 100))
      return realFs.open(...args)
    }) as typeof realFs.open }
    const sync = newSync(lib, { fs: slowFs })
    const folder = await sync.add({ path: root })
    const scanning = sync.scan(folder.id)
    await eventually(() => lib.jobs.list().find((j) => j.kind === 'sync' && j.state === 'running' && j.itemsDone > 0), 10_000, 'the scan job')
    const started = Date.now()
    expect(await sync.remove(folder.id, false)).toMatchObject({ removed: true })
    expect(Date.now() - started).toBeLessThan(3000)
    const [op] = await scanning
    expect(op).toMatchObject({ status: 'failed', folderId: null, error: expect.stringContaining('Cancelled') })
    expect(syncRows(lib).records()).toEqual([])
    expect(syncRows(lib).sources()).toEqual([])
  })

  it('makes no phantom changes for a case-only rename or a name in another Unicode form', async () => {
    const lib = await newLibrary()
    const nfd = 'Cafe\u0301.txt'
    const root = await watched(lib, { 'Photo.JPG': 'pixels', [nfd]: 'coffee' })
    const sync = newSync(lib)
    const folder = await sync.add({ path: root })
    await sync.scan(folder.id)
    const rows = syncRows(lib)
    expect(rows.records().map((r) => [r.rel_path, r.disk_path])).toEqual([
      ['Café.txt'.normalize('NFC'), nfd],
      ['Photo.JPG', null],
    ])
    const [same] = await sync.scan(folder.id)
    expect(same).toMatchObject({ filesAdded: 0, filesUpdated: 0, filesRemoved: 0, filesHashed: 0 })

    // The same name in NFC on disk now: the record only learns its spelling.
    await rename(join(root, nfd), join(root, 'Café.txt'.normalize('NFC')))
    const [respelled] = await sync.scan(folder.id)
    expect(respelled).toMatchObject({ filesAdded: 0, filesUpdated: 0, filesRemoved: 0, filesHashed: 0 })
    expect(rows.records()[0]!.disk_path).toBeNull()

    // Case-sensitive filesystem (this one): a case-only rename is a move of the same entry.
    const photo = rows.files().find((f) => f.name === 'Photo.JPG')!.id
    await rename(join(root, 'Photo.JPG'), join(root, 'photo.jpg'))
    const [moved] = await sync.scan(folder.id)
    expect(moved).toMatchObject({ filesAdded: 0, filesRemoved: 0, filesUpdated: 1 })
    expect(rows.files().find((f) => f.id === photo)!.trashed_at).toBeNull()

    // Compared case-folded (as on a case-insensitive filesystem): no read, same record, new spelling.
    lib.library.connection.sqlite.prepare('UPDATE watched_folders SET case_sensitive = 0').run()
    lib.library.connection.sqlite.prepare('UPDATE file_records SET path_key = lower(rel_path)').run()
    await rename(join(root, 'photo.jpg'), join(root, 'PHOTO.jpg'))
    const [folded] = await sync.scan(folder.id)
    expect(folded).toMatchObject({ filesAdded: 0, filesRemoved: 0, filesUpdated: 1, filesHashed: 0 })
    expect(rows.paths()).toEqual(['Café.txt'.normalize('NFC'), 'PHOTO.jpg'])
    expect(rows.files().filter((f) => f.trashed_at !== null)).toEqual([])
  })

  it('learns a folder respelled in another Unicode form without reading its files, even when the files kept their names', async () => {
    const lib = await newLibrary()
    const nfd = 'Cafe\u0301'
    const root = await watched(lib, { [`${nfd}/menu.txt`]: 'espresso', [`${nfd}/hours.txt`]: 'open' })
    const sync = newSync(lib)
    const folder = await sync.add({ path: root })
    await sync.scan(folder.id)
    const rows = syncRows(lib)
    expect(rows.records().map((r) => r.disk_path)).toEqual([`${nfd}/hours.txt`, `${nfd}/menu.txt`])
    await rename(join(root, nfd), join(root, nfd.normalize('NFC')))
    const [respelled] = await sync.scan(folder.id)
    expect(respelled).toMatchObject({ filesAdded: 0, filesUpdated: 0, filesRemoved: 0, filesHashed: 0 })
    expect(rows.records().map((r) => [r.rel_path, r.disk_path])).toEqual([['Café/hours.txt', null], ['Café/menu.txt', null]])
  })

  it('in import mode copies into the store through the import pipeline and keeps the originals', async () => {
    const lib = await newLibrary()
    const root = await watched(lib, { 'doc.txt': 'imported words', 'dup.txt': 'imported words' })
    const sync = newSync(lib)
    const folder = await sync.add({ path: root, mode: 'import' })
    const [op] = await sync.scan(folder.id)
    expect(op).toMatchObject({ status: 'completed', filesAdded: 2 })
    const rows = syncRows(lib)
    expect(rows.files()).toEqual([expect.objectContaining({ sha256: sha('imported words'), storage: 'object', stored: 1 })])
    expect(rows.sources()).toEqual([
      { file_id: 1, kind: 'watch', path: 'doc.txt', folder_id: folder.id, available: 1 },
      { file_id: 1, kind: 'watch', path: 'dup.txt', folder_id: folder.id, available: 1 },
    ])
    expect(await readFile(join(lib.root, 'objects', sha('imported words').slice(0, 2), `${sha('imported words')}.txt`), 'utf8')).toBe('imported words')
    expect(await readFile(join(root, 'doc.txt'), 'utf8')).toBe('imported words')
    const outcomes = lib.library.connection.sqlite.prepare('SELECT outcome FROM import_records ORDER BY id').pluck().all()
    expect(outcomes.sort()).toEqual(['duplicate', 'stored'])
    // Gone from the folder: the source goes, the stored entry stays.
    await unlink(join(root, 'doc.txt'))
    await unlink(join(root, 'dup.txt'))
    await sync.scan(folder.id)
    expect(rows.files()[0]!.trashed_at).toBeNull()
    expect(rows.sources()).toEqual([])
  })

  it('an in-place entry imported later becomes a stored object', async () => {
    const lib = await newLibrary()
    const root = await watched(lib, { 'a.txt': 'shared bytes' })
    const sync = newSync(lib)
    await sync.scan((await sync.add({ path: root })).id)
    const dropped = await put(lib.scratch, 'drop/a-copy.txt', 'shared bytes')
    const summary = await lib.imports.start([dropped], { keepFolders: false }).done
    expect(summary).toMatchObject({ duplicate: 1 })
    expect(syncRows(lib).files()).toEqual([expect.objectContaining({ storage: 'object', stored: 1 })])
    expect(await objectCount(lib)).toBe(1)
  })

  it('removing a folder retires its sources, and trashes what had no other home unless entries are kept', async () => {
    const lib = await newLibrary()
    const one = await watched(lib, { 'only-here.txt': 'solo', 'both.txt': 'shared' }, 'One')
    const two = await watched(lib, { 'also.txt': 'shared' }, 'Two')
    const sync = newSync(lib)
    const a = await sync.add({ path: one })
    const b = await sync.add({ path: two })
    await sync.scan()
    // The same bytes in two folders: one entry, a source in each.
    const shared = syncRows(lib).files().filter((f) => f.sha256 === sha('shared'))
    expect(shared).toHaveLength(1)
    expect(syncRows(lib).sources().filter((s) => s.file_id === shared[0]!.id).map((s) => [s.folder_id, s.path])).toEqual([[b.id, 'also.txt'], [a.id, 'both.txt']])
    expect(await sync.remove(a.id, false)).toEqual({ removed: true, sourcesRetired: 2, trashed: 1 })
    const rows = syncRows(lib)
    expect(rows.files().find((f) => f.sha256 === sha('solo'))!.trashed_at).not.toBeNull()
    expect(rows.files().find((f) => f.sha256 === sha('shared'))!.trashed_at).toBeNull()
    expect(rows.sources()).toEqual([expect.objectContaining({ path: 'also.txt', folder_id: b.id })])
    expect(await sync.remove(b.id, true)).toEqual({ removed: true, sourcesRetired: 1, trashed: 0 })
    expect(rows.files().find((f) => f.sha256 === sha('shared'))!.trashed_at).toBeNull()
    expect(rows.records()).toEqual([])
    expect((await sync.history(undefined, 10)).map((o) => o.folderId)).toEqual([null, null])
  })

  it('refuses folders that are missing, files, inside the library, or overlapping a watched one', async () => {
    const lib = await newLibrary()
    const root = await watched(lib, { 'sub/a.txt': 'a' })
    const sync = newSync(lib)
    await expect(sync.add({ path: join(root, 'nope') })).rejects.toMatchObject({ code: 'NOT_FOUND' })
    await expect(sync.add({ path: join(root, 'sub/a.txt') })).rejects.toMatchObject({ code: 'NOT_A_FOLDER' })
    await expect(sync.add({ path: join(lib.root, 'objects') })).rejects.toMatchObject({ code: 'INVALID_INPUT' })
    await sync.add({ path: root })
    await expect(sync.add({ path: root })).rejects.toMatchObject({ code: 'ALREADY_EXISTS' })
    await expect(sync.add({ path: join(root, 'sub') })).rejects.toMatchObject({ code: 'ALREADY_EXISTS' })
    await expect(sync.add({ path: lib.scratch })).rejects.toMatchObject({ code: 'ALREADY_EXISTS' })
    await rm(root, { recursive: true })
    expect((await stat(lib.scratch)).isDirectory()).toBe(true)
  })
})

async function stop(sync: { stop(): Promise<void> }): Promise<void> {
  await sync.stop()
}
