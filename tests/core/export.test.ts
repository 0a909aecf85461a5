import { createHash } from 'node:crypto'
import { mkdir, readdir, readFile, stat, utimes, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { systemClock } from '../../src-main/core/common/clock'
import { silentLogger } from '../../src-main/core/common/logger'
import { startExport, type ExportReport } from '../../src-main/core/export/export.service'
import type { ExportItem, ExportSource } from '../../src-main/core/export/export-source'
import { librarySource, type LibrarySelection } from '../../src-main/core/export/library-sources'
import { useTestLibraries, type TestLibrary } from '../support/library'
import { useTempDirs } from '../support/temp-dir'

const newLibrary = useTestLibraries()
const tempDir = useTempDirs()
const sha = (bytes: Buffer | string) => createHash('sha256').update(bytes).digest('hex')

async function exportTo(lib: TestLibrary, dest: string, selection: LibrarySelection): Promise<ExportReport> {
  const source = await librarySource({ db: lib.library.connection.db, fs: lib.ingest.fs, store: lib.store }, selection)
  const { done } = await startExport({ fs: lib.ingest.fs, jobs: lib.jobs, clock: systemClock, logger: silentLogger, libraryRoot: lib.root, appVersion: '0.0.0-test' }, source, dest)
  return done
}

/** Every file below `dir` by relative path, with its bytes' hash. */
async function tree(dir: string, prefix = ''): Promise<Record<string, string>> {
  const out: Record<string, string> = {}
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const rel = prefix ? `${prefix}/${entry.name}` : entry.name
    if (entry.isDirectory()) Object.assign(out, await tree(join(dir, entry.name), rel))
    else out[rel] = sha(await readFile(join(dir, entry.name)))
  }
  return out
}

/** Imports files written under scratch/<folder>, with these paths and contents; their ids by path. */
async function importFiles(lib: TestLibrary, files: Record<string, string>, folder = 'in'): Promise<Record<string, number>> {
  const dir = join(lib.scratch, folder)
  await mkdir(dir, { recursive: true })
  const paths: string[] = []
  for (const [name, content] of Object.entries(files)) {
    const path = join(dir, name)
    await mkdir(join(path, '..'), { recursive: true })
    await writeFile(path, content)
    await utimes(path, new Date('2020-05-06T07:08:09Z'), new Date('2020-05-06T07:08:09Z'))
    paths.push(path)
  }
  const summary = await lib.imports.start(paths, { keepFolders: false }).done
  return Object.fromEntries(summary.files.map((f) => [f.path.slice(dir.length + 1), f.fileId!]))
}

describe('export', () => {
  it('writes a collection as folders with real names, clashes numbered, and a sidecar with tags, notes, sources and collections', async () => {
    const lib = await newLibrary()
    const ids = await importFiles(lib, { 'a/photo.txt': 'first photo', 'b/photo.txt': 'second photo', 'b/PHOTO.TXT': 'third photo', 'notes.md': '# notes' })
    // A name that is unsafe on some systems, as it could reach the library through a watched folder on Linux.
    await lib.library.connection.db.updateTable('files').set({ name: 'what?: "yes".md' }).where('id', '=', ids['notes.md']!).execute()
    const top = await lib.collections.create('Trips')
    const sub = await lib.collections.create('2024', top.id)
    await lib.collections.addFiles(top.id, [ids['notes.md']!])
    const photos = [ids['a/photo.txt']!, ids['b/photo.txt']!, ids['b/PHOTO.TXT']!]
    await lib.collections.addFiles(sub.id, photos)
    await lib.tags.apply([ids['notes.md']!], { names: ['Travel'] }, true)
    await lib.notes.set(ids['notes.md']!, 'remember the ferry')

    const dest = join(await tempDir(), 'out')
    const report = await exportTo(lib, dest, { kind: 'collection', id: top.id })
    expect(report).toMatchObject({ folder: dest, exported: 4, skipped: [], complete: true })
    const files = await tree(dest)
    // Names that differ only in case clash too (they would on macOS and Windows); each keeps its own case.
    const paths = Object.keys(files).sort()
    expect(paths.map((p) => p.toLowerCase()).sort()).toEqual(['2024/photo (2).txt', '2024/photo (3).txt', '2024/photo.txt', 'trove-export.json', 'what__ _yes_.md'])
    expect(new Set(paths.filter((p) => p.startsWith('2024/')).map((p) => files[p]))).toEqual(new Set(['first photo', 'second photo', 'third photo'].map(sha)))
    expect(files['what__ _yes_.md']).toBe(sha('# notes'))
    expect((await stat(join(dest, paths.find((p) => p.startsWith('2024/'))!))).mtime.toISOString()).toBe('2020-05-06T07:08:09.000Z')

    const sidecar = JSON.parse(await readFile(join(dest, 'trove-export.json'), 'utf8'))
    expect(sidecar).toMatchObject({ format: 'trove-export', version: 1, source: { kind: 'collection', collection: 'Trips' }, complete: true, skipped: [] })
    const note = sidecar.files.find((f: { path: string }) => f.path === 'what__ _yes_.md')
    expect(note).toMatchObject({
      sha256: sha('# notes'), name: 'what?: "yes".md', originalNames: ['notes.md'], tags: ['Travel'], note: 'remember the ferry', collections: ['Trips'],
      sources: [{ kind: 'import', originalName: 'notes.md', folder: null, path: join(lib.scratch, 'in', 'notes.md') }],
      modifiedAt: '2020-05-06T07:08:09.000Z',
    })
    for (const f of sidecar.files as { path: string; sha256: string }[]) expect(files[f.path]).toBe(f.sha256)
  })

  it('never writes into a folder that holds something: a fresh subfolder each time, nothing overwritten', async () => {
    const lib = await newLibrary()
    const ids = await importFiles(lib, { 'x.txt': 'x bytes' })
    await lib.tags.apply([ids['x.txt']!], { names: ['Work'] }, true)
    const tag = (await lib.tags.list())[0]!
    const dest = await tempDir()
    await writeFile(join(dest, 'x.txt'), 'mine, keep me')
    await mkdir(join(dest, 'Work'))
    const first = await exportTo(lib, dest, { kind: 'tag', id: tag.id })
    const second = await exportTo(lib, dest, { kind: 'tag', id: tag.id })
    expect([first.folder, second.folder]).toEqual([join(dest, 'Work (2)'), join(dest, 'Work (3)')])
    expect(await readFile(join(dest, 'x.txt'), 'utf8')).toBe('mine, keep me')
    expect(await readdir(join(dest, 'Work'))).toEqual([])
    expect(await readFile(join(second.folder, 'x.txt'), 'utf8')).toBe('x bytes')
  })

  it('skips a file whose stored copy is missing or damaged, says so, and exports the rest', async () => {
    const lib = await newLibrary()
    const ids = await importFiles(lib, { 'ok.txt': 'fine', 'gone.txt': 'gone soon', 'bad.txt': 'will rot' })
    const rows = await lib.library.connection.db.selectFrom('files').select(['id', 'sha256', 'ext']).execute()
    const byId = new Map(rows.map((r) => [r.id, r]))
    const { rm, chmod } = await import('node:fs/promises')
    const gone = byId.get(ids['gone.txt']!)!
    await rm(lib.store.absolutePath(gone.sha256, gone.ext))
    const bad = byId.get(ids['bad.txt']!)!
    await chmod(lib.store.absolutePath(bad.sha256, bad.ext), 0o644)
    await writeFile(lib.store.absolutePath(bad.sha256, bad.ext), 'rotten!!')
    const dest = join(await tempDir(), 'out')
    const report = await exportTo(lib, dest, { kind: 'files', fileIds: Object.values(ids) })
    expect(report.exported).toBe(1)
    expect(report.skipped.map((s) => [s.name, s.code]).sort()).toEqual([['bad.txt', 'CORRUPT'], ['gone.txt', 'NOT_FOUND']])
    expect(Object.keys(await tree(dest)).sort()).toEqual(['ok.txt', 'trove-export.json'])
    const sidecar = JSON.parse(await readFile(join(dest, 'trove-export.json'), 'utf8'))
    expect(sidecar.files.map((f: { path: string }) => f.path)).toEqual(['ok.txt'])
    expect(sidecar.skipped).toHaveLength(2)
  })

  it('refuses a destination inside the library and an unknown collection, before writing anything', async () => {
    const lib = await newLibrary()
    await importFiles(lib, { 'x.txt': 'x' })
    await expect(exportTo(lib, join(lib.root, 'export'), { kind: 'files', fileIds: [1] })).rejects.toMatchObject({ code: 'FORBIDDEN' })
    await expect(exportTo(lib, await tempDir(), { kind: 'collection', id: 99 })).rejects.toMatchObject({ code: 'NOT_FOUND' })
    await expect(exportTo(lib, await tempDir(), { kind: 'files', fileIds: [1, 42] })).rejects.toMatchObject({ code: 'NOT_FOUND' })
  })

  it('stops when cancelled: the sidecar says the export is not complete', async () => {
    const lib = await newLibrary()
    const files: Record<string, string> = {}
    for (let i = 0; i < 300; i++) files[`f${i}.txt`] = `file number ${i}`
    const ids = await importFiles(lib, files)
    const dest = join(await tempDir(), 'out')
    const source = await librarySource({ db: lib.library.connection.db, fs: lib.ingest.fs, store: lib.store }, { kind: 'files', fileIds: Object.values(ids) })
    const { jobId, done } = await startExport({ fs: lib.ingest.fs, jobs: lib.jobs, clock: systemClock, logger: silentLogger, libraryRoot: lib.root, appVersion: 't' }, source, dest)
    lib.jobs.cancel(jobId)
    const report = await done
    expect(report.complete).toBe(false)
    expect(lib.jobs.get(jobId)?.state).toBe('cancelled')
    const sidecar = JSON.parse(await readFile(join(dest, 'trove-export.json'), 'utf8'))
    expect(sidecar.complete).toBe(false)
    expect(Object.keys(await tree(dest))).toHaveLength(sidecar.files.length + 1)
  })

  it('copies files indexed in place from their watched folder, and skips one whose watched copy changed', async () => {
    const lib = await newLibrary()
    const folder = join(await tempDir(), 'watched')
    await mkdir(folder, { recursive: true })
    await writeFile(join(folder, 'kept.txt'), 'indexed in place')
    await writeFile(join(folder, 'edited.txt'), 'before the edit')
    const watched = await lib.sync.add({ path: folder, mode: 'index' })
    await lib.sync.scan(watched.id)
    const rows = await lib.library.connection.db.selectFrom('files').select(['id', 'name', 'storage']).execute()
    expect(rows.map((r) => r.storage)).toEqual(['in_place', 'in_place'])
    await writeFile(join(folder, 'edited.txt'), 'after the edit, not what the library knows')
    const dest = join(await tempDir(), 'out')
    const report = await exportTo(lib, dest, { kind: 'files', fileIds: rows.map((r) => r.id) })
    expect(report.exported).toBe(1)
    expect(report.skipped.map((s) => [s.name, s.code])).toEqual([['edited.txt', 'UNAVAILABLE']])
    expect(await readFile(join(dest, 'kept.txt'), 'utf8')).toBe('indexed in place')
    const sidecar = JSON.parse(await readFile(join(dest, 'trove-export.json'), 'utf8'))
    expect(sidecar.files[0]).toMatchObject({ path: 'kept.txt', sources: [{ kind: 'watch', folder, path: 'kept.txt' }] })
  })

  it('skips a file whose bytes stop coming part way (a drive unplugged while reading) and exports the rest', async () => {
    const lib = await newLibrary()
    const dest = join(await tempDir(), 'out')
    const { Readable } = await import('node:stream')
    const item = (name: string, fail: boolean): ExportItem => ({
      folder: [], name, sha256: null, modifiedAt: Date.now(), record: null,
      open: async () =>
        Readable.from((async function* () {
          yield Buffer.from('first chunk ')
          if (fail) throw Object.assign(new Error('EIO: i/o error, read'), { code: 'EIO' })
          yield Buffer.from('second chunk')
        })()),
    })
    const source: ExportSource = {
      kind: 'test', label: 'test', description: { kind: 'test' }, count: async () => 2,
      items: async function* () {
        yield item('broken.bin', true)
        yield item('whole.bin', false)
      },
    }
    const { done } = await startExport({ fs: lib.ingest.fs, jobs: lib.jobs, clock: systemClock, logger: silentLogger, libraryRoot: lib.root, appVersion: 't' }, source, dest)
    const report = await done
    expect(report).toMatchObject({ exported: 1, complete: true, skipped: [{ name: 'broken.bin', code: 'UNAVAILABLE' }] })
    expect(report.skipped[0]!.message).toContain('EIO')
    expect((await readdir(dest)).sort()).toEqual(['trove-export.json', 'whole.bin'])
    expect(await readFile(join(dest, 'whole.bin'), 'utf8')).toBe('first chunk second chunk')
  })
})
