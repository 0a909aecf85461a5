import { createHash } from 'node:crypto'
import { appendFile, mkdir, open, rename, unlink, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { useTestLibraries, type TestLibrary } from '../support/library'
import type { SyncEvent } from '../../src-main/core/sync/sync-manager'
import { eventually, put, syncRows, useSyncManagers } from '../support/sync'

/**
 * Real chokidar events on real folders. Waits poll the database until the change appears
 * (at most ~10 s), so they hold on a loaded machine; each assertion still fails when the
 * change never comes or comes wrong.
 */
const newLibrary = useTestLibraries()
const newSync = useSyncManagers()
const sha = (data: string | Buffer) => createHash('sha256').update(data).digest('hex')
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

async function watching(lib: TestLibrary, files: Record<string, string> = {}, options: Parameters<ReturnType<typeof useSyncManagers>>[1] = {}) {
  const root = join(lib.scratch, 'Watched')
  await mkdir(root, { recursive: true })
  for (const [rel, data] of Object.entries(files)) await put(root, rel, data)
  const sync = newSync(lib, { start: true, rootCheckMs: 300, ...options })
  const folder = await sync.add({ path: root })
  // The first scan (the folder was just added) ends with the watcher running.
  await eventually(async () => (await sync.history(folder.id, 5)).some((o) => o.status === 'completed'), 10_000, 'the first scan')
  await eventually(async () => ['watching', 'polling'].includes((await sync.folder(folder.id)).status), 10_000, 'the watcher')
  return { root, sync, folder, rows: syncRows(lib) }
}

describe('watching a folder', () => {
  it('takes adds, changes, deletes, renames and moves between subfolders, each as a realtime operation', async () => {
    const lib = await newLibrary()
    const { root, sync, folder, rows } = await watching(lib, { 'a/old.txt': 'moving content' })
    const entry = rows.files()[0]!.id
    const events: SyncEvent[] = []
    sync.onChange((e) => events.push(e))

    await put(root, 'new.txt', 'fresh')
    await eventually(() => rows.paths().includes('new.txt'), 10_000, 'the add')
    await writeFile(join(root, 'new.txt'), 'fresher')
    await eventually(() => rows.records().find((r) => r.rel_path === 'new.txt')?.sha256 === sha('fresher'), 10_000, 'the change')
    expect(rows.files().find((f) => f.sha256 === sha('fresh'))!.trashed_at).not.toBeNull()

    await mkdir(join(root, 'b'))
    await rename(join(root, 'a/old.txt'), join(root, 'b/renamed.txt'))
    await eventually(() => rows.paths().includes('b/renamed.txt') && !rows.paths().includes('a/old.txt'), 10_000, 'the move')
    expect(rows.files().find((f) => f.id === entry)).toMatchObject({ trashed_at: null })
    expect(rows.files().filter((f) => f.sha256 === sha('moving content'))).toHaveLength(1)

    await unlink(join(root, 'new.txt'))
    await eventually(() => !rows.paths().includes('new.txt'), 10_000, 'the delete')
    expect(rows.files().find((f) => f.sha256 === sha('fresher'))!.trashed_at).not.toBeNull()

    const realtime = (await sync.history(folder.id, 50)).filter((o) => o.type === 'realtime')
    expect(realtime.length).toBeGreaterThanOrEqual(4)
    expect(realtime.reduce((n, o) => n + o.filesAdded, 0)).toBe(1)
    expect(realtime.reduce((n, o) => n + o.filesRemoved, 0)).toBe(1)
    expect(realtime.every((o) => o.status === 'completed')).toBe(true)
    // The renderer hears of each batch, with what changed.
    const changes = events.flatMap((e) => e.changes)
    expect(changes).toEqual(expect.arrayContaining([
      expect.objectContaining({ type: 'added', path: 'new.txt', newEntry: true }),
      expect.objectContaining({ type: 'moved', path: 'b/renamed.txt', from: 'a/old.txt', fileId: entry }),
      expect.objectContaining({ type: 'removed', path: 'new.txt', trashed: true }),
    ]))
    expect(events.every((e) => e.folder?.id === folder.id)).toBe(true)
  })

  it('stops when disabled, catches up when enabled again, and shows its scans as jobs', async () => {
    const lib = await newLibrary()
    const { root, sync, folder, rows } = await watching(lib, { 'a.txt': 'a' })
    expect(lib.jobs.list().filter((j) => j.kind === 'sync').map((j) => [j.label, j.state])).toEqual([['Scanning Watched', 'completed']])
    expect(await sync.setEnabled(folder.id, false)).toMatchObject({ enabled: false, status: 'disabled' })
    await put(root, 'while-off.txt', 'quiet')
    await sleep(1500)
    expect(rows.paths()).toEqual(['a.txt'])
    expect(await sync.setEnabled(folder.id, true)).toMatchObject({ enabled: true })
    await eventually(() => rows.paths().includes('while-off.txt'), 10_000, 'the catch-up scan')
    await eventually(async () => (await sync.folder(folder.id)).status === 'watching', 10_000, 'watching again')
    await put(root, 'after.txt', 'after')
    await eventually(() => rows.paths().includes('after.txt'), 10_000, 'an event after enabling')
  })

  it('scans again when the interval has passed', async () => {
    const lib = await newLibrary()
    let offset = 0
    const clock = { now: () => Date.now() + offset }
    const { root, sync, folder } = await watching(lib, {}, { clock, scheduleCheckMs: 100 })
    expect((await sync.folder(folder.id)).nextScanAt).toBeGreaterThan(Date.now() + 23 * 3_600_000)
    await sleep(300)
    expect((await sync.history(folder.id, 10)).map((o) => o.type)).toEqual(['manual'])
    offset = 24 * 3_600_000 + 1000
    await eventually(async () => (await sync.history(folder.id, 10)).some((o) => o.type === 'scheduled' && o.status === 'completed'), 10_000, 'the scheduled scan')
    expect(root).toBeTruthy()
  })

  it('takes an editor-style save (temp file renamed over) as one change of the same path', async () => {
    const lib = await newLibrary()
    const { root, rows } = await watching(lib, { 'essay.md': 'draft one' })
    await writeFile(join(root, '.essay.md.swp'), 'draft two')
    await writeFile(join(root, 'essay.md.tmp'), 'draft two')
    await rename(join(root, 'essay.md.tmp'), join(root, 'essay.md'))
    await eventually(() => rows.records().find((r) => r.rel_path === 'essay.md')?.sha256 === sha('draft two'), 10_000, 'the save')
    await sleep(800)
    expect(rows.paths()).toEqual(['essay.md'])
    expect(rows.files().filter((f) => f.trashed_at === null).map((f) => f.sha256)).toEqual([sha('draft two')])
  })

  it('takes a file that is still being written only once it is complete', async () => {
    const lib = await newLibrary()
    const { root, sync, folder, rows } = await watching(lib)
    const chunk = Buffer.alloc(256 * 1024, 7)
    const handle = await open(join(root, 'video.bin'), 'w')
    for (let i = 0; i < 15; i++) {
      await handle.write(chunk)
      await sleep(100)
    }
    await handle.close()
    const whole = Buffer.concat(Array.from({ length: 15 }, () => chunk))
    await eventually(() => rows.records().find((r) => r.rel_path === 'video.bin')?.sha256 === sha(whole), 10_000, 'the complete file')
    await sleep(800)
    expect(rows.files().map((f) => f.sha256)).toEqual([sha(whole)])
    const hashed = (await sync.history(folder.id, 50)).filter((o) => o.type === 'realtime').reduce((n, o) => n + o.filesHashed, 0)
    expect(hashed).toBe(1)
  })

  it('keeps up with a burst of 5,000 files', { timeout: 90_000 }, async () => {
    const lib = await newLibrary()
    const { root, rows } = await watching(lib)
    const started = Date.now()
    for (let d = 0; d < 50; d++) {
      await mkdir(join(root, `d${d}`))
      await Promise.all(Array.from({ length: 100 }, (_, i) => writeFile(join(root, `d${d}`, `f${i}.txt`), `burst ${d}/${i}`)))
    }
    await eventually(() => rows.records().length === 5000, 60_000, 'all 5,000 files')
    expect(new Set(rows.files().map((f) => f.sha256)).size).toBe(5000)
    expect(Date.now() - started).toBeLessThan(60_000)
  })

  it('applies the ignore rules to events too, and never reacts to the library folder inside it', async () => {
    const lib = await newLibrary()
    const base = join(lib.root, '..')
    const sync = newSync(lib, { start: true })
    const folder = await sync.add({ path: base, ignore: ['*.log'] })
    await eventually(async () => (await sync.folder(folder.id)).status === 'watching', 10_000, 'the watcher')
    await put(base, 'sources/x.log', 'log line')
    await put(base, 'sources/.secret', 'hidden')
    await put(base, 'sources/real.txt', 'real')
    // The library writes into itself while watched: an import of a file from the watched folder.
    await lib.imports.start([join(base, 'sources/real.txt')], { keepFolders: false }).done
    await eventually(() => syncRows(lib).paths().includes('sources/real.txt'), 10_000, 'the add')
    await sleep(1500)
    expect(syncRows(lib).paths()).toEqual(['sources/real.txt'])
    const realtime = (await sync.history(folder.id, 50)).filter((o) => o.type === 'realtime')
    expect(realtime.reduce((n, o) => n + o.filesScanned, 0)).toBe(1)
  })

  it('catches up at start with what changed while it was stopped', async () => {
    const lib = await newLibrary()
    const { root, sync, folder, rows } = await watching(lib, { 'stay.txt': 'stay', 'leave.txt': 'leave' })
    await sync.stop()
    await put(root, 'arrived.txt', 'arrived')
    await unlink(join(root, 'leave.txt'))
    const again = newSync(lib, { start: true })
    await eventually(async () => (await again.history(folder.id, 5)).find((o) => o.type === 'startup' && o.status === 'completed'), 10_000, 'the startup scan')
    const [startup] = await again.history(folder.id, 1)
    expect(startup).toMatchObject({ type: 'startup', filesAdded: 1, filesRemoved: 1 })
    expect(rows.paths()).toEqual(['arrived.txt', 'stay.txt'])
  })

  it('goes offline when the root is renamed away, retires nothing, and catches up when it is back', async () => {
    const lib = await newLibrary()
    const { root, sync, folder, rows } = await watching(lib, { 'a.txt': 'a', 'sub/b.txt': 'b' })
    await rename(root, `${root}-away`)
    await eventually(async () => (await sync.folder(folder.id)).status === 'offline', 10_000, 'offline')
    expect(rows.sources().map((s) => s.available)).toEqual([0, 0])
    expect(rows.paths()).toEqual(['a.txt', 'sub/b.txt'])
    expect(rows.files().every((f) => f.trashed_at === null)).toBe(true)
    await writeFile(join(`${root}-away`, 'c.txt'), 'c')
    await rename(`${root}-away`, root)
    await eventually(async () => (await sync.folder(folder.id)).status === 'watching', 10_000, 'watching again')
    await eventually(() => rows.paths().includes('c.txt'), 10_000, 'the catch-up')
    expect(rows.sources().map((s) => s.available)).toEqual([1, 1, 1])
    await put(root, 'd.txt', 'd')
    await eventually(() => rows.paths().includes('d.txt'), 10_000, 'events after the return')
  })

  it('polls when told to (network mounts), with the same results', async () => {
    const lib = await newLibrary()
    const { root, sync, folder, rows } = await watching(lib, {}, { forcePolling: true, pollingIntervalMs: 200 })
    expect(await sync.folder(folder.id)).toMatchObject({ status: 'polling', pollingReason: 'forced' })
    await put(root, 'sub/polled.txt', 'polled')
    await eventually(() => rows.paths().includes('sub/polled.txt'), 10_000, 'the polled add')
    await unlink(join(root, 'sub/polled.txt'))
    await eventually(() => rows.paths().length === 0, 10_000, 'the polled delete')
  })

  it('falls back to polling when the OS runs out of watches', async () => {
    const lib = await newLibrary()
    const { root, sync, folder, rows } = await watching(lib)
    const watcher = (sync as unknown as { ctx: { runtimes: Map<number, { watcher: { handleWatchError(e: unknown): void } }> } }).ctx.runtimes.get(folder.id)!.watcher
    watcher.handleWatchError(Object.assign(new Error('ENOSPC: System limit for number of file watchers reached'), { code: 'ENOSPC' }))
    await eventually(async () => (await sync.folder(folder.id)).pollingReason === 'ENOSPC', 10_000, 'the fallback')
    expect(await sync.folder(folder.id)).toMatchObject({ status: 'polling' })
    await appendFile(join(root, 'after.txt'), 'after the fallback')
    await eventually(() => rows.paths().includes('after.txt'), 10_000, 'an add seen by polling')
  })
})
