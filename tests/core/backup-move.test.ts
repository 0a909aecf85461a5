import { existsSync } from 'node:fs'
import { mkdir, mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import BetterSqlite3 from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { systemClock } from '../../src-main/core/common/clock'
import { realFs, type FsSeam } from '../../src-main/core/common/fs-seam'
import { silentLogger } from '../../src-main/core/common/logger'
import { JobRegistry } from '../../src-main/core/jobs/job-registry'
import { LibraryManager } from '../../src-main/core/library/library-manager'
import { deleteOldCopy, moveLibrary, type MoveDeps } from '../../src-main/core/library/move-library'
import { AppSettingsStore } from '../../src-main/core/settings/app-settings'
import { faultyFs } from '../support/faulty-fs'
import { useTempDirs } from '../support/temp-dir'
import { dumpLibraryRows, treeHashes } from './backup-helpers'

const tempDir = useTempDirs()
const exists = (path: string) => stat(path).then(() => true, () => false)

/** The app's own pieces: a library manager with remembered settings, and a library with files in it. */
async function setUp() {
  const base = await tempDir()
  const jobs = new JobRegistry(systemClock)
  const settings = new AppSettingsStore(realFs, join(base, 'config'), silentLogger)
  const libraries = new LibraryManager({ fs: realFs, logger: silentLogger, clock: systemClock, jobs, settings, sync: { autoStart: false } })
  const old = join(base, 'old-library')
  await libraries.open(old, { remember: true })
  const drop = join(base, 'drop')
  await mkdir(join(drop, 'Trips'), { recursive: true })
  for (let i = 0; i < 12; i++) await writeFile(join(drop, 'Trips', `note-${i}.txt`), `note number ${i}\n`.repeat(i * 100 + 1))
  await libraries.require().imports.start([drop]).done
  const tag = await libraries.require().tags.create('Italy')
  await libraries.require().tags.apply([1, 2], { tagIds: [tag.id] })
  await mkdir(join(old, 'vault', 'objects'), { recursive: true })
  await writeFile(join(old, 'vault', 'objects', 'e1.tve'), 'ciphertext, never opened')
  // Let the previews of the imported files settle: they write rows and thumbnails.
  await libraries.require().previews.idle()
  await writeFile(join(old, 'thumbs', 'preview.webp'), 'a thumbnail')
  const deps = (fs: FsSeam = realFs): MoveDeps => ({ fs, clock: systemClock, logger: silentLogger, jobs, libraries, settings })
  const signal = () => new AbortController().signal
  return { base, old, libraries, settings, deps, signal, drop }
}

/** What a person would check: the library lists its files and takes a new one. */
async function stillWorks(libraries: LibraryManager, root: string, scratch: string): Promise<void> {
  expect(libraries.current?.layout.root).toBe(root)
  const services = libraries.require()
  expect((await services.stats.stats()).live.count).toBeGreaterThanOrEqual(12)
  const file = join(scratch, `after-${Date.now()}.txt`)
  await writeFile(file, `written after at ${Date.now()}`)
  const summary = await services.imports.start([file]).done
  expect(summary.stored).toBe(1)
  await services.previews.idle()
  expect((await services.integrity.verify()).corrupt).toEqual([])
}

describe('moving the library', { timeout: 60_000 }, () => {
  it('copies, verifies and switches; the old folder stays until deleted explicitly', async () => {
    const { base, old, libraries, settings, deps, signal, drop } = await setUp()
    const rowsBefore = dumpLibraryRows(join(old, 'trove.db'))
    const objectsBefore = await treeHashes(join(old, 'objects'))
    const thumbsBefore = Object.keys(await treeHashes(join(old, 'thumbs'))).length
    const to = join(base, 'other-drive', 'Trove')
    const report = await moveLibrary(deps(), to, { signal: signal() })
    expect(report).toMatchObject({ from: old, to, objectsVerified: 12, problems: [], remembered: true, vaultFiles: 1, thumbsCopied: thumbsBefore })
    expect(libraries.current?.layout.root).toBe(to)
    expect((await settings.read()).libraryPath).toBe(to)
    expect(dumpLibraryRows(join(to, 'trove.db'))).toEqual(rowsBefore)
    expect(await treeHashes(join(to, 'objects'))).toEqual(objectsBefore)
    expect(await treeHashes(join(to, 'vault'))).toEqual(await treeHashes(join(old, 'vault')))
    // The old folder is untouched until asked.
    expect(await treeHashes(join(old, 'objects'))).toEqual(objectsBefore)
    await stillWorks(libraries, to, drop)

    // The database holds no path into the library folder: only watched folders are absolute (outside it).
    const db = new BetterSqlite3(join(to, 'trove.db'), { readonly: true })
    const tables = db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '%fts%'`).all() as Array<{ name: string }>
    for (const { name } of tables) expect(JSON.stringify(db.prepare(`SELECT * FROM ${name}`).all()), name).not.toContain(old)
    db.close()

    await expect(deleteOldCopy(realFs, libraries, to)).rejects.toMatchObject({ code: 'FORBIDDEN' })
    const stranger = join(base, 'someone-else')
    const otherManager = new LibraryManager({ fs: realFs, logger: silentLogger, clock: systemClock, jobs: new JobRegistry(systemClock), settings: new AppSettingsStore(realFs, join(base, 'c2'), silentLogger), sync: { autoStart: false } })
    await otherManager.open(stranger, { remember: false })
    await otherManager.close()
    await expect(deleteOldCopy(realFs, libraries, stranger)).rejects.toMatchObject({ code: 'FORBIDDEN' })
    expect(await exists(stranger)).toBe(true)
    expect(await deleteOldCopy(realFs, libraries, old)).toEqual({ deleted: old })
    expect(await exists(old)).toBe(false)
    await libraries.close()
  })

  it('no space midway through the copy: the old library stays open and working, the partial copy is removed', async () => {
    const { base, old, libraries, settings, deps, signal, drop } = await setUp()
    const to = join(base, 'small-drive', 'Trove')
    const failing = faultyFs([{ op: 'open', errno: 'ENOSPC', when: (p) => p.startsWith(join(to, 'tmp')) && !p.endsWith('.db.part'), nth: 6 }])
    await expect(moveLibrary(deps(failing), to, { signal: signal() })).rejects.toMatchObject({ code: 'NO_SPACE' })
    expect(await exists(to)).toBe(false)
    expect((await settings.read()).libraryPath).toBe(old)
    await stillWorks(libraries, old, drop)
    await libraries.close()
  })

  it('a destination folder that cannot be created is refused with a typed error; the old library stays open', async () => {
    const { base, old, libraries, settings, deps, signal, drop } = await setUp()
    const to = join(base, 'read-only-drive', 'Trove')
    const failing = faultyFs([{ op: 'mkdir', errno: 'EACCES', when: (p) => p.startsWith(to) }])
    const err = await moveLibrary(deps(failing), to, { signal: signal() }).catch((e: unknown) => e)
    expect(err).toMatchObject({ code: 'PERMISSION_DENIED' })
    expect((err as Error).message).toContain('create the new library folder')
    expect((err as Error).message).toContain(to)
    expect(await exists(to)).toBe(false)
    expect((await settings.read()).libraryPath).toBe(old)
    await stillWorks(libraries, old, drop)
    await libraries.close()
  })

  it('a failure after the library was closed for the catch-up reopens the old one; an existing empty folder is left empty', async () => {
    const { base, old, libraries, settings, deps, signal, drop } = await setUp()
    const to = join(base, 'empty-folder')
    await mkdir(to)
    // The second object read back in the verification pass (library closed by then) fails.
    const failing = faultyFs([{ op: 'open', errno: 'EIO', when: (p) => p.startsWith(join(to, 'objects')), nth: 2 }])
    await expect(moveLibrary(deps(failing), to, { signal: signal() })).rejects.toMatchObject({ code: 'EIO' })
    expect(await readdir(to)).toEqual([])
    expect((await settings.read()).libraryPath).toBe(old)
    await stillWorks(libraries, old, drop)
    await libraries.close()
  })

  it('moves across filesystems (tmpfs here) with every rename outside the new folder failing EXDEV', async () => {
    const { base, old, libraries, deps, signal, drop } = await setUp()
    const otherFs = existsSync('/dev/shm') && (await stat('/dev/shm')).dev !== (await stat(base)).dev ? await mkdtemp('/dev/shm/trove-move-') : null
    const to = join(otherFs ?? base, 'Trove')
    try {
      const crossDevice = faultyFs([{ op: 'rename', errno: 'EXDEV', when: (p) => !p.startsWith(to) }])
      const objectsBefore = await treeHashes(join(old, 'objects'))
      const report = await moveLibrary(deps(crossDevice), to, { signal: signal() })
      expect(report).toMatchObject({ to, objectsVerified: 12, problems: [] })
      expect(await treeHashes(join(to, 'objects'))).toEqual(objectsBefore)
      await stillWorks(libraries, to, drop)
      await libraries.close()
    } finally {
      if (otherFs) await rm(otherFs, { recursive: true, force: true })
    }
  })

  it('refuses a destination that is not empty, or inside the library', async () => {
    const { base, old, libraries, deps, signal } = await setUp()
    const occupied = join(base, 'occupied')
    await mkdir(occupied)
    await writeFile(join(occupied, 'mine.txt'), 'keep')
    await expect(moveLibrary(deps(), occupied, { signal: signal() })).rejects.toMatchObject({ code: 'FOLDER_NOT_EMPTY' })
    await expect(moveLibrary(deps(), join(old, 'inside'), { signal: signal() })).rejects.toMatchObject({ code: 'INVALID_INPUT' })
    expect(await readdir(occupied)).toEqual(['mine.txt'])
    expect(libraries.current?.layout.root).toBe(old)
    await libraries.close()
  })
})
