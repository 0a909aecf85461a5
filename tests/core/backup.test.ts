import { chmod, mkdir, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { systemClock } from '../../src-main/core/common/clock'
import { realFs } from '../../src-main/core/common/fs-seam'
import { silentLogger } from '../../src-main/core/common/logger'
import { runBackup } from '../../src-main/core/backup/backup-run'
import { verifyBackup } from '../../src-main/core/backup/backup-verify'
import { restoreBackup } from '../../src-main/core/backup/restore-backup'
import { MANIFEST_FILE, PARTIAL_FILE } from '../../src-main/core/backup/backup-layout'
import { faultyFs } from '../support/faulty-fs'
import { useTestLibraries } from '../support/library'
import { useTempDirs } from '../support/temp-dir'
import { backupDeps, dumpLibraryRows, fillLibrary, importTree, sourceOf, treeHashes } from './backup-helpers'

const newLibrary = useTestLibraries()
const tempDir = useTempDirs()
const restoreDeps = { fs: realFs, clock: systemClock, logger: silentLogger }
const exists = (path: string) => stat(path).then(() => true, () => false)

describe('backup and restore', { timeout: 60_000 }, () => {
  it('round trip: backup, wipe the library, restore: the same rows, byte-identical objects, the vault ciphertext as it was', async () => {
    const lib = await newLibrary()
    await fillLibrary(lib)
    const dest = join(await tempDir(), 'backup')
    const report = await runBackup(backupDeps(), sourceOf(lib), dest)
    expect(report).toMatchObject({ resumed: false, incremental: false, objectsCopied: 5, objectsSkipped: 0, problems: [] })
    expect(report.manifest).toMatchObject({ complete: true, counts: { files: 5, objects: 5, tags: 2, collections: 3 }, vaultFiles: 3 })
    expect(await exists(join(dest, PARTIAL_FILE))).toBe(false)
    expect(await exists(join(dest, 'thumbs'))).toBe(false)

    const rowsBefore = dumpLibraryRows(lib.library.layout.database)
    const objectsBefore = await treeHashes(lib.library.layout.objects)
    const vaultBefore = await treeHashes(lib.library.layout.vault)
    await lib.close()
    await rm(lib.root, { recursive: true, force: true })

    const restored = join(await tempDir(), 'restored')
    const result = await restoreBackup(restoreDeps, dest, restored)
    expect(result).toMatchObject({ ok: true, files: 5, tags: 2, collections: 3, objectsVerified: 5, vaultFiles: 3, problems: [], missingEntries: 0 })
    // Thumbnails are not in a backup: restore queues the made previews again, and nothing else changes.
    const previewsQueued = (rowsBefore.files as Array<{ preview_state: string }>).map((f) => (f.preview_state === 'done' ? { ...f, preview_state: 'pending' } : f))
    expect(previewsQueued.filter((f) => f.preview_state === 'pending').length).toBeGreaterThan(0)
    expect(dumpLibraryRows(join(restored, 'trove.db'))).toEqual({ ...rowsBefore, files: previewsQueued })
    expect(await treeHashes(join(restored, 'objects'))).toEqual(objectsBefore)
    expect(await treeHashes(join(restored, 'vault'))).toEqual(vaultBefore)
    // Every object's name is still its hash, and the note came back.
    for (const [path, sha] of Object.entries(objectsBefore)) expect(path.split('/')[1]!.startsWith(sha)).toBe(true)
    expect(JSON.stringify(dumpLibraryRows(join(restored, 'trove.db')).files)).toContain('January only; see the bank statement.')
  })

  it('an incremental backup copies only the new objects', async () => {
    const lib = await newLibrary()
    await fillLibrary(lib)
    const dest = join(await tempDir(), 'backup')
    await runBackup(backupDeps(), sourceOf(lib), dest)
    const unchanged = await runBackup(backupDeps(), sourceOf(lib), dest)
    expect(unchanged).toMatchObject({ incremental: true, objectsCopied: 0, objectsSkipped: 5, bytesCopied: 0 })

    await importTree(lib, { 'new-1.txt': 'first new file', 'new-2.txt': 'second new file', 'again.csv': 'month,amount\njanuary,1200\n' }, 'later')
    // Count the objects actually written into the backup: each one is a rename out of its staging folder.
    const counting = faultyFs([{ op: 'rename', errno: 'NONE', when: (p) => p.startsWith(join(dest, 'tmp')), nth: -1 }])
    const second = await runBackup(backupDeps(counting), sourceOf(lib), dest)
    expect(second).toMatchObject({ objectsCopied: 2, objectsSkipped: 5, problems: [] })
    expect(counting.calls.get('0')).toBe(2 + 1) // two objects and the database copy
    expect(second.manifest.counts.files).toBe(7)
  })

  it('an interrupted backup is seen as incomplete (verify and restore refuse it), then resumed, keeping what was copied', async () => {
    const lib = await newLibrary()
    await fillLibrary(lib)
    const dest = join(await tempDir(), 'backup')
    // The disk fills up while the third object is being copied.
    const failing = faultyFs([{ op: 'open', errno: 'ENOSPC', when: (p) => p.startsWith(join(dest, 'tmp')) && p.endsWith('.part') && !p.endsWith('.db.part'), nth: 3 }])
    await expect(runBackup(backupDeps(failing), sourceOf(lib), dest)).rejects.toMatchObject({ code: 'NO_SPACE' })
    expect(await exists(join(dest, PARTIAL_FILE))).toBe(true)
    expect(await exists(join(dest, MANIFEST_FILE))).toBe(false)
    // A killed run would also leave a half-written copy in the staging folder.
    await writeFile(join(dest, 'tmp', 'leftover.part'), 'half')
    await expect(verifyBackup(realFs, dest)).rejects.toMatchObject({ code: 'BACKUP_INCOMPLETE' })
    await expect(restoreBackup(restoreDeps, dest, join(await tempDir(), 'r'))).rejects.toMatchObject({ code: 'BACKUP_INCOMPLETE' })

    // Objects already renamed into the backup were read back first: they are kept, not copied again.
    const keptCount = Object.keys(await treeHashes(join(dest, 'objects'))).length
    expect(keptCount).toBeGreaterThanOrEqual(2)
    expect(keptCount).toBeLessThan(5)
    // Copies are fsynced together at the end, so a power cut could leave a name whose bytes never
    // reached the disk: one kept object gets the right size and the wrong bytes.
    const [keptPath] = Object.keys(await treeHashes(join(dest, 'objects')))
    const victim = join(dest, 'objects', keptPath!)
    const bytes = await readFile(victim)
    await chmod(victim, 0o644)
    await writeFile(victim, Buffer.alloc(bytes.length))
    const resumed = await runBackup(backupDeps(), sourceOf(lib), dest)
    expect(resumed).toMatchObject({ resumed: true, objectsSkipped: keptCount - 1, objectsCopied: 5 - keptCount + 1, problems: [] })
    expect(await exists(join(dest, PARTIAL_FILE))).toBe(false)
    expect(await exists(join(dest, 'tmp'))).toBe(false)
    expect((await verifyBackup(realFs, dest)).ok).toBe(true)
  })

  it('a backup being brought up to date is incomplete until its new manifest is written', async () => {
    const lib = await newLibrary()
    await fillLibrary(lib)
    const dest = join(await tempDir(), 'backup')
    await runBackup(backupDeps(), sourceOf(lib), dest)
    await importTree(lib, { 'more.txt': 'more' }, 'later')
    const failing = faultyFs([{ op: 'open', errno: 'EIO', when: (p) => p.endsWith('.part') && !p.endsWith('.db.part') && p.startsWith(join(dest, 'tmp')) }])
    await expect(runBackup(backupDeps(failing), sourceOf(lib), dest)).rejects.toBeTruthy()
    expect(await exists(join(dest, MANIFEST_FILE))).toBe(false)
    await expect(restoreBackup(restoreDeps, dest, join(await tempDir(), 'r'))).rejects.toMatchObject({ code: 'BACKUP_INCOMPLETE' })
  })

  it('verify finds a damaged object and a replaced database; the next backup copies a truncated object again', async () => {
    const lib = await newLibrary()
    await fillLibrary(lib)
    const dest = join(await tempDir(), 'backup')
    await runBackup(backupDeps(), sourceOf(lib), dest)
    expect(await verifyBackup(realFs, dest)).toMatchObject({ ok: true, objectsChecked: 5, problems: [] })

    const shard = (await readdir(join(dest, 'objects'))).sort()[0]!
    const name = (await readdir(join(dest, 'objects', shard)))[0]!
    const victim = join(dest, 'objects', shard, name)
    const bytes = await readFile(victim)
    await chmod(victim, 0o644)
    const flipped = Buffer.from(bytes)
    flipped[0] = (flipped[0] ?? 0) ^ 0xff
    await writeFile(victim, bytes.length ? flipped : 'x')
    const damaged = await verifyBackup(realFs, dest)
    expect(damaged.ok).toBe(false)
    expect(damaged.problems).toEqual([expect.objectContaining({ kind: 'corrupt', sha256: name.slice(0, 64), path: join('objects', shard, name) })])

    await writeFile(victim, bytes.subarray(0, Math.max(0, bytes.length - 1)))
    if (bytes.length > 0) {
      const repaired = await runBackup(backupDeps(), sourceOf(lib), dest)
      expect(repaired.objectsCopied).toBe(1)
      expect((await verifyBackup(realFs, dest)).ok).toBe(true)
    }

    const db = await readFile(join(dest, 'trove.db'))
    db[db.length - 1] = (db[db.length - 1] ?? 0) ^ 0x01
    await writeFile(join(dest, 'trove.db'), db)
    const replaced = await verifyBackup(realFs, dest)
    expect(replaced).toMatchObject({ ok: false, database: { sha256Matches: false } })
    await expect(restoreBackup(restoreDeps, dest, join(await tempDir(), 'r'))).rejects.toMatchObject({ code: 'CORRUPT' })
  })

  it('restore refuses a non-empty folder and a folder that is not a backup, and changes nothing', async () => {
    const lib = await newLibrary()
    await fillLibrary(lib)
    const dest = join(await tempDir(), 'backup')
    await runBackup(backupDeps(), sourceOf(lib), dest)
    const occupied = await tempDir()
    await writeFile(join(occupied, 'keep-me.txt'), 'mine')
    await expect(restoreBackup(restoreDeps, dest, occupied)).rejects.toMatchObject({ code: 'FOLDER_NOT_EMPTY' })
    expect(await readdir(occupied)).toEqual(['keep-me.txt'])
    await expect(restoreBackup(restoreDeps, occupied, join(await tempDir(), 'r'))).rejects.toMatchObject({ code: 'NOT_A_BACKUP' })
    // A backup never goes into a folder with other things in it, nor inside the library.
    await expect(runBackup(backupDeps(), sourceOf(lib), occupied)).rejects.toMatchObject({ code: 'FOLDER_NOT_EMPTY' })
    await expect(runBackup(backupDeps(), sourceOf(lib), join(lib.root, 'backups'))).rejects.toMatchObject({ code: 'INVALID_INPUT' })
    // Nor over the backup of another library (its database would be replaced).
    const other = await newLibrary()
    await importTree(other, { 'theirs.txt': 'another library' })
    await expect(runBackup(backupDeps(), sourceOf(other), dest)).rejects.toMatchObject({ code: 'FOLDER_NOT_EMPTY' })
    expect((await verifyBackup(realFs, dest)).manifest.counts.files).toBe(5)
  })

  it('a failed restore removes what it wrote', async () => {
    const lib = await newLibrary()
    await fillLibrary(lib)
    const dest = join(await tempDir(), 'backup')
    await runBackup(backupDeps(), sourceOf(lib), dest)
    const target = join(await tempDir(), 'restored')
    const failing = faultyFs([{ op: 'open', errno: 'ENOSPC', when: (p) => p.startsWith(join(target, 'tmp')), nth: 4 }])
    await expect(restoreBackup({ ...restoreDeps, fs: failing }, dest, target)).rejects.toMatchObject({ code: 'NO_SPACE' })
    expect(await exists(target)).toBe(false)
    await mkdir(target)
    expect((await restoreBackup(restoreDeps, dest, target)).ok).toBe(true)
  })
  it('a backup folder that cannot be created is refused with a typed error that names it, and nothing is written', async () => {
    const lib = await newLibrary()
    await fillLibrary(lib)
    const dest = join(await tempDir(), 'locked-drive', 'backup')
    const failing = faultyFs([{ op: 'mkdir', errno: 'EACCES', when: (p) => p.startsWith(dest) }])
    const err = await runBackup(backupDeps(failing), sourceOf(lib), dest).catch((e: unknown) => e)
    expect(err).toMatchObject({ code: 'PERMISSION_DENIED' })
    expect((err as Error).message).toContain('create the backup folder')
    expect((err as Error).message).toContain(dest)
    expect(await exists(dest)).toBe(false)
  })
})
