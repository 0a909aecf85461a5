import { chmod, mkdir, readdir, stat, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { realFs } from '../../src-main/core/common/fs-seam'
import { prepareLibraryFolder } from '../../src-main/core/library/library-folder'
import { openLibrary } from '../../src-main/core/library/open-library'
import { silentLogger } from '../../src-main/core/common/logger'
import { faultyFs } from '../support/faulty-fs'
import { useTempDirs } from '../support/temp-dir'

const tempDir = useTempDirs()
const isRoot = process.getuid?.() === 0

describe('library folder validation', () => {
  it('creates a missing folder (and its parents) with the library layout', async () => {
    const root = join(await tempDir(), 'deep', 'new', 'Trove')
    const prepared = await prepareLibraryFolder(realFs, root)
    expect(prepared.created).toBe(true)
    expect(prepared.freeBytes).toBeGreaterThan(0)
    for (const folder of ['objects', 'thumbs', 'vault', join('vault', 'objects'), 'tmp', 'uploads']) {
      expect((await stat(join(root, folder))).isDirectory()).toBe(true)
    }
    // the write probe leaves nothing behind
    expect((await readdir(root)).sort()).toEqual(['objects', 'thumbs', 'tmp', 'uploads', 'vault'])
  })

  it('refuses a file where the folder should be, and leaves the file alone', async () => {
    const file = join(await tempDir(), 'notes.txt')
    await writeFile(file, 'my notes')
    await expect(prepareLibraryFolder(realFs, file)).rejects.toMatchObject({
      code: 'NOT_A_FOLDER',
      message: `${file} is a file, not a folder. Choose a folder for the library.`,
    })
    expect((await stat(file)).size).toBe('my notes'.length)
  })

  it('refuses a folder under a file with NOT_A_FOLDER', async () => {
    const file = join(await tempDir(), 'notes.txt')
    await writeFile(file, 'x')
    await expect(prepareLibraryFolder(realFs, join(file, 'Trove'))).rejects.toMatchObject({ code: 'NOT_A_FOLDER' })
  })

  it('refuses an unwritable folder with PERMISSION_DENIED naming the folder (fs seam)', async () => {
    const root = await tempDir()
    const fs = faultyFs([{ op: 'open', errno: 'EACCES', when: (p) => p.includes('.trove-probe-') }])
    const error = await prepareLibraryFolder(fs, root).catch((e: unknown) => e)
    expect(error).toMatchObject({ code: 'PERMISSION_DENIED', message: `Trove is not allowed to write in the library folder ${root} (EACCES).` })
  })

  it.skipIf(isRoot)('refuses a read-only folder with PERMISSION_DENIED (real permissions; root ignores them)', async () => {
    const root = await tempDir()
    await chmod(root, 0o555)
    try {
      await expect(prepareLibraryFolder(realFs, root)).rejects.toMatchObject({ code: 'PERMISSION_DENIED' })
    } finally {
      await chmod(root, 0o755)
    }
  })

  it('says the disk is full when the probe cannot be written (ENOSPC), leaving no probe file', async () => {
    const root = await tempDir()
    const fs = faultyFs([{ op: 'write', errno: 'ENOSPC', when: (p) => p.includes('.trove-probe-') }])
    await expect(prepareLibraryFolder(fs, root)).rejects.toMatchObject({ code: 'NO_SPACE' })
    expect(await readdir(root)).toEqual([])
  })

  it('refuses a folder inside another library (its objects/, or any folder below it) with INSIDE_LIBRARY, creating nothing', async () => {
    const other = join(await tempDir(), 'Other Trove')
    const library = await openLibrary(realFs, other, silentLogger)
    await library.close()
    const before = (await readdir(join(other, 'objects'))).sort()
    for (const inside of [join(other, 'objects'), join(other, 'objects', 'ab', 'New Trove'), join(other, 'Albums', 'Trove')]) {
      const err = await prepareLibraryFolder(realFs, inside).catch((e: unknown) => e)
      expect(err).toMatchObject({ code: 'INSIDE_LIBRARY', details: { library: other } })
      expect((err as Error).message).toBe(`${inside} is inside the Trove library at ${other}. Choose a folder outside that library.`)
    }
    expect((await readdir(join(other, 'objects'))).sort()).toEqual(before)
    expect((await readdir(other)).includes('Albums')).toBe(false)
    // The library itself and a folder beside it are fine.
    expect((await prepareLibraryFolder(realFs, other)).created).toBe(false)
    expect((await prepareLibraryFolder(realFs, join(other, '..', 'Beside'))).created).toBe(true)
  })

  it('refuses a relative path', async () => {
    await expect(prepareLibraryFolder(realFs, 'relative/Trove')).rejects.toMatchObject({ code: 'INVALID_INPUT' })
  })

  it('empties tmp/ left over from an interrupted import, and nothing else', async () => {
    const root = await tempDir()
    await mkdir(join(root, 'tmp', 'upload-1'), { recursive: true })
    await writeFile(join(root, 'tmp', 'half-written.part'), 'partial')
    await mkdir(join(root, 'objects', 'ab'), { recursive: true })
    await writeFile(join(root, 'objects', 'ab', 'keep.bin'), 'object')
    const prepared = await prepareLibraryFolder(realFs, root)
    expect(prepared.tmpEntriesRemoved).toBe(2)
    expect(await readdir(join(root, 'tmp'))).toEqual([])
    expect(await readdir(join(root, 'objects', 'ab'))).toEqual(['keep.bin'])
  })
})

describe('opening a library', () => {
  it('opens a new folder at the latest schema and reopens it', async () => {
    const root = join(await tempDir(), 'Trove')
    const first = await openLibrary(realFs, root, silentLogger)
    const id = first.connection.sqlite.prepare("select value from library_meta where key='library_id'").pluck().get()
    await first.close()
    const again = await openLibrary(realFs, root, silentLogger)
    try {
      expect(again.schemaVersion).toBeGreaterThanOrEqual(1)
      expect(again.connection.sqlite.prepare("select value from library_meta where key='library_id'").pluck().get()).toBe(id)
    } finally {
      await again.close()
    }
  })

  it('refuses a damaged database with CORRUPT and does not overwrite it', async () => {
    const root = await tempDir()
    const garbage = Buffer.alloc(8192, 7)
    await writeFile(join(root, 'trove.db'), garbage)
    await expect(openLibrary(realFs, root, silentLogger)).rejects.toMatchObject({
      code: 'CORRUPT',
      message: expect.stringContaining('trove.db is not a readable Trove database'),
    })
    const after = await import('node:fs/promises').then((f) => f.readFile(join(root, 'trove.db')))
    expect(after.equals(garbage)).toBe(true)
  })
})
