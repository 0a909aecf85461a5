import Database from 'better-sqlite3'
import { existsSync } from 'node:fs'
import { copyFile, mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import sharp from 'sharp'
import { describe, expect, it } from 'vitest'
import { audioMaker } from '../../src-main/core/media/makers/audio'
import { heicMaker } from '../../src-main/core/media/makers/heic'
import { videoMaker } from '../../src-main/core/media/makers/video'
import { thumbAbsolutePath } from '../../src-main/core/media/thumbnail'
import { blackThenPatternMp4, geotaggedJpeg, HEIC_FIXTURE, PHOTO_PLACE, SONG_TAGS, soundOnlyWebm, taggedMp3WithCover, truncatedCopy } from '../support/media-fixtures'
import { useTestLibraries, type TestLibrary } from '../support/library'

const newLibrary = useTestLibraries()

const importPaths = (lib: TestLibrary, paths: string[]) => lib.imports.start(paths, { keepFolders: false }).done
const rowsByName = async (lib: TestLibrary) => {
  const rows = await lib.library.connection.db.selectFrom('files').selectAll().execute()
  return new Map(rows.map((r) => [r.name, r]))
}
const factsOf = (row: { metadata_json: string }) => JSON.parse(row.metadata_json) as Record<string, unknown>
const meanOf = async (path: string) => (await sharp(path).greyscale().stats()).channels[0]!

async function readRow(database: string) {
  const sqlite = new Database(database, { readonly: true })
  try {
    return sqlite.prepare('SELECT preview_state, preview_attempts FROM files').get()
  } finally {
    sqlite.close()
  }
}

async function mediaSet(lib: TestLibrary): Promise<string[]> {
  const dir = lib.scratch
  await mkdir(dir, { recursive: true })
  const clip = await blackThenPatternMp4(dir)
  const photo = join(dir, 'geotagged.jpg')
  await writeFile(photo, await geotaggedJpeg())
  const heic = join(dir, 'iphone.heic')
  await copyFile(HEIC_FIXTURE, heic)
  const empty = join(dir, 'empty.jpg')
  await writeFile(empty, Buffer.alloc(0))
  return [clip, await truncatedCopy(clip, dir, 'cut-off.mp4'), await taggedMp3WithCover(dir), photo, heic, empty, await soundOnlyWebm(dir)]
}

describe('previews of every media kind', () => {
  it('gives a video, a song, a voice note, a HEIC and a geotagged photo their thumbnail and facts; a cut-off video and an empty photo fail with a reason', async () => {
    const lib = await newLibrary()
    const paths = await mediaSet(lib)
    expect((await importPaths(lib, paths)).stored).toBe(paths.length)
    await lib.previews.idle()
    const rows = await rowsByName(lib)
    const thumb = (name: string) => thumbAbsolutePath(lib.library.layout, rows.get(name)!.sha256)

    const clip = rows.get('clip.mp4')!
    expect(clip).toMatchObject({ kind: 'video', preview_state: 'done', preview_error: null })
    expect(factsOf(clip)).toMatchObject({ width: 320, height: 240, videoCodec: 'h264', takenAt: '2023-03-04T05:06:07.000Z' })
    expect(factsOf(clip).durationSeconds).toBeCloseTo(4, 0)
    // The first second is black: the poster comes from a later moment that shows the pattern.
    expect(await sharp(thumb('clip.mp4')).metadata()).toMatchObject({ format: 'webp', width: 256, height: 192 })
    const poster = await meanOf(thumb('clip.mp4'))
    expect(poster.mean).toBeGreaterThan(40)
    expect(poster.stdev).toBeGreaterThan(20)

    expect(rows.get('cut-off.mp4')).toMatchObject({ kind: 'video', preview_state: 'failed' })
    expect(rows.get('cut-off.mp4')!.preview_error).toMatch(/^The file is damaged or incomplete \(.+\)\.$/)
    expect(rows.get('cut-off.mp4')!.preview_error).not.toContain(lib.root)

    const song = rows.get('song.mp3')!
    expect(song).toMatchObject({ kind: 'audio', preview_state: 'done' })
    expect(factsOf(song)).toMatchObject({ ...SONG_TAGS, audioCodec: expect.stringMatching(/MPEG.*Layer 3|mp3/i) })
    expect(factsOf(song).durationSeconds).toBeCloseTo(2, 0)
    // The cover (orange) is the thumbnail.
    const cover = await sharp(thumb('song.mp3')).removeAlpha().raw().toBuffer({ resolveWithObject: true })
    expect(cover.info.width).toBe(64)
    expect([...cover.data.subarray(0, 3)].map((c) => Math.round(c / 20))).toEqual([13, 7, 0])

    const heic = rows.get('iphone.heic')!
    expect(heic).toMatchObject({ kind: 'image', mime: 'image/heic', preview_state: 'done' })
    expect(factsOf(heic)).toMatchObject({ width: 64, height: 48, format: 'heif' })
    const heicThumb = await sharp(thumb('iphone.heic')).removeAlpha().raw().toBuffer({ resolveWithObject: true })
    expect(heicThumb.info).toMatchObject({ width: 64, height: 48 })
    const px = (x: number, y: number) => [...heicThumb.data.subarray((y * 64 + x) * 3, (y * 64 + x) * 3 + 3)]
    expect(px(10, 24)[0]).toBeGreaterThan(150) // red half
    expect(px(54, 24)[2]).toBeGreaterThan(150) // blue half

    const photo = rows.get('geotagged.jpg')!
    expect(photo.preview_state).toBe('done')
    expect(factsOf(photo)).toEqual({
      width: 400, height: 600, orientation: 6, format: 'jpeg', takenAt: '2022-05-06T07:08:09', camera: 'Acme Snap 9',
      gps: { latitude: PHOTO_PLACE.latitude, longitude: PHOTO_PLACE.longitude, altitude: PHOTO_PLACE.altitude },
    })
    expect(await sharp(thumb('geotagged.jpg')).metadata()).toMatchObject({ width: 171, height: 256 })

    expect(rows.get('empty.jpg')).toMatchObject({ kind: 'image', preview_state: 'failed', preview_error: 'The file is empty.' })

    // A recording in a video container: its facts, no poster (the thumbnail is the kind's icon).
    const voice = rows.get('voice-note.webm')!
    expect(voice).toMatchObject({ kind: 'video', preview_state: 'done' })
    expect(factsOf(voice)).toMatchObject({ audioCodec: 'opus' })
    expect(factsOf(voice).durationSeconds).toBeCloseTo(1, 0)
    expect(existsSync(thumb('voice-note.webm'))).toBe(false)

    const status = await lib.previews.status()
    expect(status.counts).toMatchObject({ pending: 0, done: 5, failed: 2 })
    expect(status.failures.map((f) => f.name).sort()).toEqual(['cut-off.mp4', 'empty.jpg'])
  })

  it('each maker refuses damaged input with a sentence, not a stack', async () => {
    const lib = await newLibrary()
    await mkdir(lib.scratch, { recursive: true })
    const junk = join(lib.scratch, 'junk.bin')
    await writeFile(junk, Buffer.alloc(5000, 7))
    const input = { path: junk, size: 5000, signal: new AbortController().signal }
    await expect(videoMaker.make({ ...input, mime: 'video/mp4' })).rejects.toMatchObject({ name: 'PreviewError', failure: 'corrupt' })
    await expect(audioMaker.make({ ...input, mime: 'audio/mpeg' })).rejects.toMatchObject({ name: 'PreviewError' })
    await expect(heicMaker.make({ ...input, mime: 'image/heic' })).rejects.toMatchObject({ name: 'PreviewError', failure: 'corrupt' })
  })

  it('closing mid-video kills ffmpeg at once, keeps the file pending, and the next open makes it', async () => {
    const lib = await newLibrary()
    await mkdir(lib.scratch, { recursive: true })
    const clip = await blackThenPatternMp4(lib.scratch)
    const controller = new AbortController()
    const started = Date.now()
    const making = videoMaker.make({ path: clip, mime: 'video/mp4', size: 1, signal: controller.signal })
    setTimeout(() => controller.abort(), 20)
    await expect(making).rejects.toMatchObject({ name: 'PreviewError', message: 'Stopped because the library is closing.' })
    expect(Date.now() - started).toBeLessThan(2000)

    await importPaths(lib, [clip])
    await lib.close()
    const atClose = await readRow(lib.library.layout.database)
    expect(atClose).toEqual({ preview_state: 'pending', preview_attempts: 0 })
    const reopened = await lib.reopen()
    await reopened.previews.idle()
    const row = (await rowsByName(reopened)).get('clip.mp4')!
    expect(row).toMatchObject({ preview_state: 'done', preview_attempts: 0 })
  })
})
