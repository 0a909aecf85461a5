import { createHash, randomBytes } from 'node:crypto'
import { mkdir, readdir, readFile, stat, symlink, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { faultyFs } from '../support/faulty-fs'
import { useTestLibraries, type TestLibrary } from '../support/library'

const newLibrary = useTestLibraries()
const sha = (data: Buffer | string) => createHash('sha256').update(data).digest('hex')

async function write(lib: TestLibrary, rel: string, data: Buffer | string): Promise<string> {
  const path = join(lib.scratch, rel)
  await mkdir(join(path, '..'), { recursive: true })
  await writeFile(path, data)
  return path
}

const importPaths = (lib: TestLibrary, paths: string[], options = {}) => lib.imports.start(paths, options).done
const filesIn = async (lib: TestLibrary) => lib.library.connection.db.selectFrom('files').selectAll().orderBy('id').execute()
const objectFiles = async (lib: TestLibrary): Promise<string[]> => {
  const out: string[] = []
  for (const shard of await readdir(join(lib.root, 'objects'))) for (const f of await readdir(join(lib.root, 'objects', shard))) out.push(f)
  return out.sort()
}

describe('import', () => {
  it('stores a file by content: object named by its SHA-256, bytes identical, read-only, one row', async () => {
    const lib = await newLibrary()
    const data = randomBytes(300_000)
    const path = await write(lib, 'holiday.jpg.bin', data)
    const summary = await importPaths(lib, [path])
    expect(summary).toMatchObject({ stored: 1, duplicate: 0, rejected: 0, failed: 0 })
    const [file] = await filesIn(lib)
    expect(file).toMatchObject({ sha256: sha(data), size: data.length, name: 'holiday.jpg.bin', kind: 'other', stored: 1 })
    const object = join(lib.root, 'objects', sha(data).slice(0, 2), `${sha(data)}.bin`)
    expect((await readFile(object)).equals(data)).toBe(true)
    expect((await stat(object)).mode & 0o222).toBe(0)
    expect(await readdir(join(lib.root, 'tmp'))).toEqual([])
  })

  it('detects the type from the bytes, not the name', async () => {
    const lib = await newLibrary()
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360000000000500010d0a2db40000000049454e44ae426082', 'hex')
    const disguised = await write(lib, 'report.txt', png)
    const notes = await write(lib, 'notes.md', '# Shopping\n- bread\n- café au lait\n')
    await importPaths(lib, [disguised, notes])
    const files = await filesIn(lib)
    expect(files.find((f) => f.name === 'report.txt')).toMatchObject({ mime: 'image/png', kind: 'image', ext: 'png' })
    expect(files.find((f) => f.name === 'notes.md')).toMatchObject({ mime: 'text/markdown', kind: 'text', ext: 'md' })
  })

  it('keeps one entry for the same content with a source per place, and says since when', async () => {
    const lib = await newLibrary()
    const a = await write(lib, 'a/photo.raw', 'same bytes')
    const b = await write(lib, 'b/copy of photo.raw', 'same bytes')
    const first = await importPaths(lib, [a])
    const second = await importPaths(lib, [b])
    expect(first.stored).toBe(1)
    expect(second).toMatchObject({ stored: 0, duplicate: 1 })
    expect(second.files[0]?.reasonMessage).toMatch(/^Already in the library since \d{4}-\d\d-\d\dT.* as "photo.raw"\.$/)
    expect(await filesIn(lib)).toHaveLength(1)
    const sources = await lib.library.connection.db.selectFrom('file_sources').select(['path', 'kind']).orderBy('id').execute()
    expect(sources).toEqual([{ path: a, kind: 'import' }, { path: b, kind: 'import' }])
    expect(await objectFiles(lib)).toHaveLength(1)
  })

  it('ends two concurrent imports of the same bytes as one entry with two sources, no error', async () => {
    const lib = await newLibrary()
    const data = randomBytes(2_000_000)
    const a = await write(lib, 'x/one.bin', data)
    const b = await write(lib, 'y/two.bin', data)
    const [s1, s2] = await Promise.all([importPaths(lib, [a]), importPaths(lib, [b])])
    expect(s1.stored + s2.stored).toBe(1)
    expect(s1.duplicate + s2.duplicate).toBe(1)
    expect(s1.failed + s2.failed).toBe(0)
    expect(await filesIn(lib)).toHaveLength(1)
    expect(await lib.library.connection.db.selectFrom('file_sources').selectAll().execute()).toHaveLength(2)
    expect(await objectFiles(lib)).toEqual([`${sha(data)}.bin`])
  })

  it('restores content from the trash when it is imported again, and says so', async () => {
    const lib = await newLibrary()
    const path = await write(lib, 'doc.txt', 'hello trash')
    await importPaths(lib, [path])
    await lib.library.connection.db.updateTable('files').set({ trashed_at: Date.now() }).execute()
    const again = await importPaths(lib, [path])
    expect(again.duplicate).toBe(1)
    expect(again.files[0]?.reasonMessage).toMatch(/in the trash: restored it/)
    expect((await filesIn(lib))[0]?.trashed_at).toBeNull()
  })

  it('mirrors a dropped folder as nested collections and skips system files', async () => {
    const lib = await newLibrary()
    await write(lib, 'Photos/2024/Rome/a.txt', 'a')
    await write(lib, 'Photos/2024/b.txt', 'b')
    await write(lib, 'Photos/.DS_Store', 'junk')
    const summary = await importPaths(lib, [join(lib.scratch, 'Photos')])
    expect(summary).toMatchObject({ stored: 2, rejected: 1 })
    const { db } = lib.library.connection
    const collections = await db.selectFrom('collections').select(['id', 'name', 'parent_id']).orderBy('id').execute()
    expect(collections.map((c) => c.name)).toEqual(['Photos', '2024', 'Rome'])
    expect(collections[1]?.parent_id).toBe(collections[0]?.id)
    expect(collections[2]?.parent_id).toBe(collections[1]?.id)
    const rome = await db.selectFrom('collection_members').innerJoin('files', 'files.id', 'collection_members.file_id').select('files.name').where('collection_id', '=', collections[2]!.id).execute()
    expect(rome.map((r) => r.name)).toEqual(['a.txt'])
  })

  it('never follows links out of the dropped folder, and survives a link loop', async () => {
    const lib = await newLibrary()
    await write(lib, 'outside/secret.txt', 'not for the library')
    await write(lib, 'dropped/inside.txt', 'fine')
    await symlink(join(lib.scratch, 'outside'), join(lib.scratch, 'dropped', 'escape'))
    await symlink(join(lib.scratch, 'dropped'), join(lib.scratch, 'dropped', 'loop'))
    const summary = await importPaths(lib, [join(lib.scratch, 'dropped')])
    expect(summary.stored).toBe(1)
    expect((await filesIn(lib)).map((f) => f.name)).toEqual(['inside.txt'])
    expect(summary.files.find((f) => f.name === 'escape')).toMatchObject({ outcome: 'rejected', reasonCode: 'FORBIDDEN' })
  })

  it('rejects a file over the size limit with TOO_LARGE and keeps nothing', async () => {
    const lib = await newLibrary()
    lib.ingest.maxFileBytes = 1000
    const path = await write(lib, 'big.bin', randomBytes(5000))
    const summary = await importPaths(lib, [path])
    expect(summary.files[0]).toMatchObject({ outcome: 'rejected', reasonCode: 'TOO_LARGE' })
    expect(await filesIn(lib)).toHaveLength(0)
    expect(await readdir(join(lib.root, 'tmp'))).toEqual([])
    const history = await lib.library.connection.db.selectFrom('import_records').selectAll().execute()
    expect(history).toMatchObject([{ outcome: 'rejected', reason_code: 'TOO_LARGE', original_path: path }])
  })

  it.each([
    ['ENOSPC while writing', { op: 'write', errno: 'ENOSPC', when: (p: string) => p.endsWith('.part') } as const, 'NO_SPACE'],
    ['EACCES reading the source', { op: 'open', errno: 'EACCES', when: (p: string) => p.includes('sources') } as const, 'PERMISSION_DENIED'],
    ['EIO at the rename', { op: 'rename', errno: 'EIO' } as const, 'INTERNAL'],
  ])('fails cleanly on %s: clear code, nothing kept, in the history', async (_name, rule, code) => {
    const lib = await newLibrary({ fs: faultyFs([rule]) })
    const path = await write(lib, 'victim.txt', 'precious words')
    const summary = await importPaths(lib, [path])
    expect(summary.files[0]).toMatchObject({ outcome: 'failed', reasonCode: code })
    expect(await filesIn(lib)).toHaveLength(0)
    expect(await objectFiles(lib)).toEqual([])
    expect(await readdir(join(lib.root, 'tmp'))).toEqual([])
    expect(await readFile(path, 'utf8')).toBe('precious words')
    const [record] = await lib.library.connection.db.selectFrom('import_records').selectAll().execute()
    expect(record).toMatchObject({ outcome: 'failed', reason_code: code })
  })

  it('falls back to copy-and-verify when the rename crosses filesystems (EXDEV)', async () => {
    const lib = await newLibrary({ fs: faultyFs([{ op: 'rename', errno: 'EXDEV', nth: 1 }]) })
    const data = randomBytes(100_000)
    const path = await write(lib, 'far.bin', data)
    expect((await importPaths(lib, [path])).stored).toBe(1)
    expect(await objectFiles(lib)).toEqual([`${sha(data)}.bin`])
    expect((await readFile(join(lib.root, 'objects', sha(data).slice(0, 2), `${sha(data)}.bin`))).equals(data)).toBe(true)
    expect(await readdir(join(lib.root, 'tmp'))).toEqual([])
  })

  it('refuses a source that changes while it is read (SOURCE_CHANGED), keeping nothing', async () => {
    let path = ''
    const fs = faultyFs([])
    const lib = await newLibrary({ fs })
    path = await write(lib, 'growing.log', 'first line\n')
    const originalStat = fs.stat
    fs.stat = (async (p: string, ...rest: unknown[]) => {
      const s = await (originalStat as (...a: unknown[]) => Promise<import('node:fs').Stats>)(p, ...rest)
      return p === path ? Object.assign(s, { size: s.size + 10 }) : s
    }) as typeof fs.stat
    const summary = await importPaths(lib, [path])
    expect(summary.files[0]).toMatchObject({ outcome: 'failed', reasonCode: 'SOURCE_CHANGED' })
    expect(await filesIn(lib)).toHaveLength(0)
    expect(await readdir(join(lib.root, 'tmp'))).toEqual([])
  })
})
