import Database from 'better-sqlite3'
import { mkdir, readdir, readFile, stat, unlink, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import sharp from 'sharp'
import { describe, expect, it } from 'vitest'
import type { Job } from '../../src-main/core/jobs/job-registry'
import type { PreviewChange } from '../../src-main/core/media/preview-queue'
import { realFs } from '../../src-main/core/common/fs-seam'
import { systemClock } from '../../src-main/core/common/clock'
import { silentLogger } from '../../src-main/core/common/logger'
import { PreviewQueue } from '../../src-main/core/media/preview-queue'
import { thumbAbsolutePath } from '../../src-main/core/media/thumbnail'
import { imageMaker } from '../../src-main/core/media/makers/image'
import { corruptJpeg, noisyJpeg, orientedJpeg, png } from '../support/images'
import { useTestLibraries, type TestLibrary } from '../support/library'

const newLibrary = useTestLibraries()
/** Bytes of no known type (kind 'other'): no maker takes them. */
const NOT_PREVIEWABLE = Buffer.from([0, 1, 2, 3, 0, 250, 251, 0, 9, 9, 0, 0])

async function write(lib: TestLibrary, name: string, data: Buffer | string): Promise<string> {
  const path = join(lib.scratch, name)
  await mkdir(lib.scratch, { recursive: true })
  await writeFile(path, data)
  return path
}

const importPaths = (lib: TestLibrary, paths: string[]) => lib.imports.start(paths, { keepFolders: false }).done
const rowsByName = async (lib: TestLibrary) => {
  const rows = await lib.library.connection.db.selectFrom('files').selectAll().execute()
  return new Map(rows.map((r) => [r.name, r]))
}
const metadataOf = (row: { metadata_json: string }) => JSON.parse(row.metadata_json) as Record<string, unknown>

describe('previews', () => {
  it('makes a WebP thumbnail of at most 256 px with the EXIF orientation applied, and records the metadata', async () => {
    const lib = await newLibrary()
    const paths = [
      await write(lib, 'rotated.jpg', await orientedJpeg()),
      await write(lib, 'drawing.png', await png(400, 300)),
      await write(lib, 'data.bin', NOT_PREVIEWABLE),
    ]
    expect((await importPaths(lib, paths)).stored).toBe(3)
    await lib.previews.idle()

    const rows = await rowsByName(lib)
    const jpeg = rows.get('rotated.jpg')!
    expect(jpeg).toMatchObject({ preview_state: 'done', preview_error: null })
    // Stored 3000×2000 with orientation 6: displayed (and recorded) as 2000×3000.
    expect(metadataOf(jpeg)).toEqual({ width: 2000, height: 3000, orientation: 6, takenAt: '2021-07-04T10:20:30+02:00', format: 'jpeg', camera: 'Trove test camera' })
    const thumb = thumbAbsolutePath(lib.library.layout, jpeg.sha256)
    expect(thumb).toBe(join(lib.root, 'thumbs', jpeg.sha256.slice(0, 2), `${jpeg.sha256}.webp`))
    const info = await sharp(thumb).metadata()
    expect(info).toMatchObject({ format: 'webp', width: 171, height: 256 })
    expect(info.orientation).toBeUndefined()
    // Left half red, right half blue, turned a quarter clockwise: red on top, blue below.
    const { data, info: raw } = await sharp(thumb).removeAlpha().raw().toBuffer({ resolveWithObject: true })
    const pixel = (x: number, y: number) => [...data.subarray((y * raw.width + x) * 3, (y * raw.width + x) * 3 + 3)]
    expect(pixel(85, 40)[0]).toBeGreaterThan(200)
    expect(pixel(85, 40)[2]).toBeLessThan(60)
    expect(pixel(85, 215)[2]).toBeGreaterThan(200)
    expect(pixel(85, 215)[0]).toBeLessThan(60)

    const drawing = rows.get('drawing.png')!
    expect(drawing.preview_state).toBe('done')
    expect(metadataOf(drawing)).toEqual({ width: 400, height: 300, orientation: 1, format: 'png' })
    expect(await sharp(thumbAbsolutePath(lib.library.layout, drawing.sha256)).metadata()).toMatchObject({ format: 'webp', width: 256, height: 192, hasAlpha: true })

    expect(rows.get('data.bin')).toMatchObject({ kind: 'other', preview_state: 'none', metadata_json: '{}' })
    expect(await readdir(join(lib.root, 'thumbs'))).toHaveLength(2)
    expect(await readdir(join(lib.root, 'tmp'))).toEqual([])
  })

  it('never enlarges a small image', async () => {
    const lib = await newLibrary()
    await importPaths(lib, [await write(lib, 'tiny.png', await png(40, 20))])
    await lib.previews.idle()
    const [row] = [...(await rowsByName(lib)).values()]
    expect(await sharp(thumbAbsolutePath(lib.library.layout, row!.sha256)).metadata()).toMatchObject({ width: 40, height: 20 })
  })

  it('fails damaged, empty and missing images with a reason each, while the others finish', async () => {
    const lib = await newLibrary()
    const paths = [
      await write(lib, 'corrupt.jpg', await corruptJpeg()),
      await write(lib, 'empty.jpg', Buffer.alloc(0)),
      await write(lib, 'fine.png', await png(300, 300, 1)),
      await write(lib, 'gone.png', await png(200, 100, 2)),
      await write(lib, 'data.bin', NOT_PREVIEWABLE),
    ]
    expect((await importPaths(lib, paths)).stored).toBe(5)
    await lib.previews.idle()
    let rows = await rowsByName(lib)
    expect(rows.get('corrupt.jpg')).toMatchObject({ kind: 'image', preview_state: 'failed' })
    expect(rows.get('corrupt.jpg')!.preview_error).toMatch(/^The image is damaged or incomplete \(.+\)\.$/)
    expect(rows.get('fine.png')).toMatchObject({ preview_state: 'done', preview_error: null })
    expect(rows.get('data.bin')).toMatchObject({ preview_state: 'none' })
    // A zero-byte file has no magic bytes: named as a photo, it stays a photo whose preview fails.
    expect(rows.get('empty.jpg')).toMatchObject({ kind: 'image', mime: 'image/jpeg', preview_state: 'failed', preview_error: 'The file is empty.' })

    // An image whose object has gone missing from the library folder.
    const gone = rows.get('gone.png')!
    await unlink(lib.store.absolutePath(gone.sha256, gone.ext))
    await lib.previews.retry(gone.id)
    lib.previews.poke()
    await lib.previews.idle()

    rows = await rowsByName(lib)
        expect(rows.get('gone.png')).toMatchObject({ preview_state: 'failed', preview_error: 'The original is missing from the library folder, so no preview can be made.' })
    expect(rows.get('fine.png')!.preview_state).toBe('done')

    const status = await lib.previews.status()
    expect(status.counts).toEqual({ pending: 0, done: 1, failed: 3, none: 1 })
    expect(status.failures.map((f) => f.name).sort()).toEqual(['corrupt.jpg', 'empty.jpg', 'gone.png'])
    expect(status.failures.every((f) => f.reason.length > 10)).toBe(true)
    expect(await readdir(join(lib.root, 'tmp'))).toEqual([])
  })

  it('the image maker says why for a file that is not an image', async () => {
    const lib = await newLibrary()
    const text = await write(lib, 'text.bin', 'plain words, not pixels')
    const input = { path: text, mime: 'image/png', size: 23, signal: new AbortController().signal }
    await expect(imageMaker.make(input)).rejects.toMatchObject({ failure: 'unsupported' })
    await expect(imageMaker.make({ ...input, path: join(lib.scratch, 'nope.jpg') })).rejects.toMatchObject({ failure: 'missing' })
  })

  it('retry and regenerate set files back to pending and make them again', async () => {
    const lib = await newLibrary()
    await importPaths(lib, [await write(lib, 'a.png', await png(100, 100, 3)), await write(lib, 'b.png', await png(120, 80, 4)), await write(lib, 'c.bin', NOT_PREVIEWABLE)])
    await lib.previews.idle()
    const rows = await rowsByName(lib)
    const a = rows.get('a.png')!
    const changes: PreviewChange[] = []
    lib.previews.onChange((c) => changes.push(c))

    const thumb = thumbAbsolutePath(lib.library.layout, a.sha256)
    const before = (await stat(thumb)).mtimeMs
    await new Promise((r) => setTimeout(r, 20))
    expect(await lib.previews.retry(a.id)).toEqual({ state: 'pending' })
    await lib.previews.idle()
    expect(changes).toEqual([
      { fileId: a.id, sha256: a.sha256, state: 'pending' },
      { fileId: a.id, sha256: a.sha256, state: 'done' },
    ])
    expect((await stat(thumb)).mtimeMs).toBeGreaterThan(before)

    await expect(lib.previews.retry(rows.get('c.bin')!.id)).rejects.toMatchObject({ code: 'UNSUPPORTED_TYPE' })
    await expect(lib.previews.retry(999_999)).rejects.toMatchObject({ code: 'NOT_FOUND' })

    expect(await lib.previews.regenerateAll()).toEqual({ queued: 2 })
    await lib.previews.idle()
    const after = await rowsByName(lib)
    expect([...after.values()].map((r) => r.preview_state).sort()).toEqual(['done', 'done', 'none'])
  })

  it('reports its progress as a "Making previews" job and takes the newest files first', async () => {
    const lib = await newLibrary()
    const paths = []
    for (let i = 0; i < 5; i++) paths.push(await write(lib, `p${i}.png`, await png(300, 200, 10 + i)))
    await importPaths(lib, paths)
    await lib.previews.idle()
    // A queue of one worker over the same library, so the order is observable.
    await lib.previews.close()
    const { db } = lib.library.connection
    const queue = new PreviewQueue({ db, fs: realFs, store: lib.store, layout: lib.library.layout, jobs: lib.jobs, logger: silentLogger, clock: systemClock, concurrency: 1 })
    const jobs: Job[] = []
    lib.jobs.onChange((job) => job.kind === 'previews' && jobs.push(job))
    const order: number[] = []
    const progress: Array<Pick<Job, 'itemsDone' | 'itemsTotal' | 'state'>> = []
    queue.onChange((c) => {
      if (c.state !== 'done') return
      order.push(c.fileId)
      const job = lib.jobs.list().find((j) => j.kind === 'previews' && j.state === 'running')
      if (job) progress.push({ itemsDone: job.itemsDone, itemsTotal: job.itemsTotal, state: job.state })
    })
    expect(await queue.regenerateAll()).toEqual({ queued: 5 })
    await queue.idle()
    await queue.close()

    const ids = (await db.selectFrom('files').select('id').orderBy('id', 'desc').execute()).map((r) => r.id)
    expect(order).toEqual(ids)
    expect(jobs[0]).toMatchObject({ label: 'Making previews', state: 'running' })
    expect(jobs.at(-1)).toMatchObject({ state: 'completed', itemsDone: 5, itemsTotal: 5, summary: '5 previews made' })
    // Unthrottled snapshots as each file is recorded: done/total from the registry itself.
    expect(progress).toEqual([1, 2, 3, 4, 5].map((n) => ({ itemsDone: n, itemsTotal: 5, state: 'running' })))
  })

  it('stops cleanly when the library closes mid-queue, writes nothing after, and finishes at the next open', async () => {
    const lib = await newLibrary()
    // Enough work that closing on the first finished file leaves some pending on any machine.
    const count = Math.max(12, lib.previews.concurrency * 2 + 4)
    const paths = []
    for (let i = 0; i < count; i++) paths.push(await write(lib, `photo-${String(i).padStart(2, '0')}.jpg`, await noisyJpeg(1600, 1200, i)))
    await importPaths(lib, paths)
    await lib.previews.idle()
    const listThumbs = async () => {
      const out: string[] = []
      for (const shard of await readdir(join(lib.root, 'thumbs'))) {
        for (const name of await readdir(join(lib.root, 'thumbs', shard))) out.push(`${name} ${(await stat(join(lib.root, 'thumbs', shard, name))).mtimeMs}`)
      }
      return out.sort()
    }
    const readStates = () => {
      const sqlite = new Database(lib.library.layout.database, { readonly: true })
      try {
        const rows = sqlite.prepare('SELECT preview_state AS state, count(*) AS n FROM files GROUP BY preview_state').all() as Array<{ state: string; n: number }>
        return Object.fromEntries(rows.map((r) => [r.state, r.n]))
      } finally {
        sqlite.close()
      }
    }

    let closing: Promise<void> | null = null
    const closed = new Promise<void>((resolve) => {
      lib.previews.onChange((c) => {
        if (c.state === 'done' && !closing) closing = lib.close().then(resolve)
      })
    })
    expect(await lib.previews.regenerateAll()).toEqual({ queued: count })
    await closed

    const states = readStates()
    expect(states.done).toBeGreaterThanOrEqual(1)
    expect(states.pending).toBeGreaterThanOrEqual(1)
    expect(states.failed).toBeUndefined()
    const thumbsAtClose = await listThumbs()
    const tmpAtClose = await readdir(join(lib.root, 'tmp'))
    await new Promise((r) => setTimeout(r, 400))
    expect(await listThumbs()).toEqual(thumbsAtClose)
    expect(await readdir(join(lib.root, 'tmp'))).toEqual(tmpAtClose)
    expect(readStates()).toEqual(states)

    const reopened = await lib.reopen()
    await reopened.previews.idle()
    expect(readStates()).toEqual({ done: count })
  })

  it('makes the files the user is looking at first (previews:prioritise)', async () => {
    const lib = await newLibrary()
    const paths = []
    for (let i = 0; i < 8; i++) paths.push(await write(lib, `p-${i}.png`, await png(90 + i, 60, 30 + i)))
    await importPaths(lib, paths)
    await lib.previews.idle()
    const { db } = lib.library.connection
    await db.updateTable('files').set({ preview_state: 'pending' }).execute()
    const ids = (await db.selectFrom('files').select('id').orderBy('id').execute()).map((r) => r.id)
    // The two oldest: without a priority they would come last (newest first).
    const visible = ids.slice(0, Math.min(2, lib.previews.concurrency))
    const order: number[] = []
    lib.previews.onChange((c) => c.state === 'done' && order.push(c.fileId))
    expect(await lib.previews.prioritise([...visible, 999_999])).toEqual({ pending: visible.length })
    await lib.previews.idle()
    // (A later OCR pass may announce some files again: count each file once.)
    expect(new Set(order).size).toBe(8)
    expect(order.slice(0, visible.length).sort()).toEqual(visible)
    expect(await lib.previews.prioritise(ids)).toEqual({ pending: 0 })
  })

  it('fails a file whose preview was started three times without an outcome, and Retry gives it a fresh start', async () => {
    const lib = await newLibrary()
    await importPaths(lib, [await write(lib, 'crashy.png', await png(70, 70, 40))])
    await lib.previews.idle()
    const { db } = lib.library.connection
    // As the app leaves it when it dies three times while making this preview.
    await db.updateTable('files').set({ preview_state: 'pending', preview_attempts: 3 }).execute()
    lib.previews.poke()
    await lib.previews.idle()
    const row = await db.selectFrom('files').selectAll().executeTakeFirstOrThrow()
    expect(row).toMatchObject({ preview_state: 'failed', preview_attempts: 0 })
    expect(row.preview_error).toMatch(/started 3 times and never finished/)
    await lib.previews.retry(row.id)
    await lib.previews.idle()
    expect(await lib.previews.stateOf(row.id)).toEqual({ state: 'done', reason: null })
  })

  it('is poked by an import: a second import gets its previews without a call', async () => {
    const lib = await newLibrary()
    await importPaths(lib, [await write(lib, 'first.png', await png(50, 50, 20))])
    await lib.previews.idle()
    await importPaths(lib, [await write(lib, 'second.png', await png(60, 50, 21))])
    await lib.previews.idle()
    const rows = await rowsByName(lib)
    expect(rows.get('second.png')!.preview_state).toBe('done')
    const bytes = await readFile(thumbAbsolutePath(lib.library.layout, rows.get('second.png')!.sha256))
    expect(bytes.subarray(8, 12).toString('latin1')).toBe('WEBP')
  })
})
