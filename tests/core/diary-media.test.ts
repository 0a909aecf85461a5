import BetterSqlite3 from 'better-sqlite3'
import { randomBytes } from 'node:crypto'
import { mkdir, readdir, readFile, utimes, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { Readable } from 'node:stream'
import sharp from 'sharp'
import { describe, expect, it } from 'vitest'
import { faultyFs } from '../support/faulty-fs'
import { png } from '../support/images'
import { useDiaryApps, type DiaryApp } from '../support/diary'

const PASS = 'correct horse battery'

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = []
  for await (const chunk of stream) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks)
}

/** A minimal WebM as the app's voice recorder makes it: an EBML header and an Opus audio track. */
function voiceWebm(): Buffer {
  const docType = Buffer.concat([Buffer.from([0x42, 0x82, 0x84]), Buffer.from('webm')])
  const header = Buffer.concat([Buffer.from([0x1a, 0x45, 0xdf, 0xa3, 0x80 | docType.length]), docType])
  const track = Buffer.concat([Buffer.from([0x18, 0x53, 0x80, 0x67, 0x01, 0, 0, 0, 0, 0, 0, 0x20, 0x86, 0x86]), Buffer.from('A_OPUS')])
  return Buffer.concat([header, track, randomBytes(3000)])
}

async function entryWithDiary(d: DiaryApp) {
  await d.ok('diary:setup', { passphrase: PASS })
  return d.ok('diary:save', { date: '2025-08-01', title: 'Trip', body: 'Pictures' })
}

async function upload(d: DiaryApp, name: string, bytes: Buffer): Promise<string> {
  const { uploadId } = await d.ok('uploads:begin', { name, size: bytes.length })
  await d.ok('uploads:append', { uploadId, offset: 0, dataBase64: bytes.toString('base64') })
  return uploadId
}

describe('diary media', () => {
  const open = useDiaryApps()

  it('encrypts a photo by path with a sealed thumbnail, and serves both decrypted by id with ranges', async () => {
    const d = await open()
    const entry = await entryWithDiary(d)
    await mkdir(d.scratch, { recursive: true })
    const photo = await png(1200, 800)
    await writeFile(join(d.scratch, 'lake.png'), photo)

    const { media } = await d.ok('diary:attach', { entryId: entry.id, paths: [join(d.scratch, 'lake.png')] })
    expect(media).toEqual([expect.objectContaining({ name: 'lake.png', kind: 'photo', mime: 'image/png', size: photo.length, width: 1200, height: 800, hasThumb: true })])
    const id = media[0]!.id
    expect((await d.ok('diary:get', { id: entry.id })).media.map((m) => m.id)).toEqual([id])
    expect((await d.ok('diary:list', {})).entries[0]).toMatchObject({ mediaCount: 1, thumbMediaId: id })
    // Two encrypted files (original and thumbnail), neither holding the photo's bytes.
    const files = await readdir(join(d.root, 'vault', 'objects'))
    expect(files.filter((f) => f.endsWith('.tve'))).toHaveLength(2)

    const whole = await d.app.api.content.resolve({ path: `/diary/${id}` })
    expect(whole).toMatchObject({ status: 200, headers: { 'Content-Type': 'image/png', 'Cache-Control': 'no-store', 'Content-Length': String(photo.length) } })
    expect('stream' in whole && (await readAll(whole.stream())).equals(photo)).toBe(true)
    const part = await d.app.api.content.resolve({ path: `/diary/${id}`, range: 'bytes=10000-10015' })
    expect(part).toMatchObject({ status: 206, headers: { 'Content-Range': `bytes 10000-10015/${photo.length}` } })
    expect('stream' in part && (await readAll(part.stream())).equals(photo.subarray(10000, 10016))).toBe(true)
    const thumb = await d.app.api.content.resolve({ path: `/diary-thumb/${id}` })
    expect(thumb).toMatchObject({ status: 200, headers: { 'Content-Type': 'image/webp' } })
    const thumbInfo = await sharp('stream' in thumb ? await readAll(thumb.stream()) : Buffer.alloc(0)).metadata()
    expect([thumbInfo.format, thumbInfo.width, thumbInfo.height]).toEqual(['webp', 512, 341])

    await d.ok('diary:lock', {})
    expect(await d.app.api.content.resolve({ path: `/diary/${id}` })).toMatchObject({ status: 423 })
    expect(await d.app.api.content.resolve({ path: `/diary-thumb/${id}` })).toMatchObject({ status: 423 })
    expect(await d.app.api.content.resolve({ path: `/diary/../../trove.db` })).toMatchObject({ status: 404 })
  })

  it('takes uploads (a voice note) straight from the staging file, which is gone afterwards, with no import record', async () => {
    const d = await open()
    const entry = await entryWithDiary(d)
    const voice = voiceWebm()
    const uploadId = await upload(d, 'Voice note.webm', voice)
    const { media } = await d.ok('diary:attach', { entryId: entry.id, uploadIds: [uploadId] })
    expect(media).toEqual([expect.objectContaining({ name: 'Voice note.webm', kind: 'audio', mime: 'audio/webm', size: voice.length, hasThumb: false })])
    expect(await readdir(join(d.root, 'uploads'))).toEqual([])
    expect(await d.call('uploads:status', { uploadId })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
    const db = new BetterSqlite3(join(d.root, 'trove.db'), { readonly: true })
    try {
      expect(db.prepare('select count(*) from import_records').pluck().get()).toBe(0)
      expect(db.prepare('select count(*) from uploads').pluck().get()).toBe(0)
    } finally {
      db.close()
    }
    const served = await d.app.api.content.resolve({ path: `/diary/${media[0]!.id}` })
    expect('stream' in served && (await readAll(served.stream())).equals(voice)).toBe(true)
  })

  it('refuses what is not a photo, video or sound, keeps nothing of it, and attaches all or nothing', async () => {
    const d = await open()
    const entry = await entryWithDiary(d)
    await mkdir(d.scratch, { recursive: true })
    await writeFile(join(d.scratch, 'good.png'), await png(64, 64))
    await writeFile(join(d.scratch, 'notes.txt'), 'just text, not media')
    const refused = await d.call('diary:attach', { entryId: entry.id, paths: [join(d.scratch, 'good.png'), join(d.scratch, 'notes.txt')] })
    expect(refused).toMatchObject({ ok: false, error: { code: 'UNSUPPORTED_TYPE' } })
    expect(!refused.ok && refused.error.message).toContain('notes.txt')
    expect((await d.ok('diary:get', { id: entry.id })).media).toEqual([])
    expect((await readdir(join(d.root, 'vault', 'objects'))).filter((f) => !f.startsWith('.'))).toEqual([])

    const uploadId = await upload(d, 'paste.bin', randomBytes(500))
    expect(await d.call('diary:attach', { entryId: entry.id, uploadIds: [uploadId] })).toMatchObject({ ok: false, error: { code: 'UNSUPPORTED_TYPE' } })
    expect(await readdir(join(d.root, 'uploads'))).toEqual([])
  })

  it('names the damaged item when its encrypted file was changed, and verify reports it', async () => {
    const d = await open()
    const entry = await entryWithDiary(d)
    await mkdir(d.scratch, { recursive: true })
    const big = Buffer.concat([await png(300, 200), randomBytes(300_000)])
    await writeFile(join(d.scratch, 'harbour.png'), big)
    await writeFile(join(d.scratch, 'other.png'), await png(50, 50, 3))
    const { media } = await d.ok('diary:attach', { entryId: entry.id, paths: [join(d.scratch, 'harbour.png'), join(d.scratch, 'other.png')] })
    const [harbour, other] = media
    const services = d.app.libraries.require().diary
    const { objectName } = (await services.media.find(harbour!.id)).meta
    const path = join(d.root, 'vault', 'objects', objectName)
    const bytes = await readFile(path)
    bytes[150_000]! ^= 0x01 // inside the third 64 KiB chunk
    await writeFile(path, bytes)

    const { file } = await services.media.openOriginal(harbour!.id)
    await expect(readAll(file.createReadStream())).rejects.toMatchObject({ code: 'CORRUPT', message: expect.stringContaining('harbour.png') })
    // The start of the file still decrypts alone (ranges do not need the damaged chunk).
    expect((await readAll(file.createReadStream({ start: 0, end: 99 }))).equals(big.subarray(0, 100))).toBe(true)
    const report = await d.ok('diary:verify', {})
    expect(report).toMatchObject({ entries: 1, media: 2 })
    expect(report.problems).toEqual([expect.objectContaining({ kind: 'media', id: harbour!.id, entryId: entry.id })])
    expect(report.problems[0]!.message).toMatch(/harbour\.png.*2025-08-01 "Trip"/)
    expect(other).toBeDefined()
  })

  it('detaches an item: row and encrypted files gone', async () => {
    const d = await open()
    const entry = await entryWithDiary(d)
    await mkdir(d.scratch, { recursive: true })
    await writeFile(join(d.scratch, 'a.png'), await png(64, 64))
    const { media } = await d.ok('diary:attach', { entryId: entry.id, paths: [join(d.scratch, 'a.png')] })
    expect(await d.ok('diary:detach', { mediaId: media[0]!.id })).toEqual({ entryId: entry.id })
    expect((await readdir(join(d.root, 'vault', 'objects'))).filter((f) => f.endsWith('.tve'))).toEqual([])
    expect(await d.app.api.content.resolve({ path: `/diary/${media[0]!.id}` })).toMatchObject({ status: 404 })
  })

  it('says NO_SPACE when the disk fills during encryption, and leaves neither a row nor a file behind', async () => {
    // Writes into vault/objects: one.png (2) and its thumbnail (1) pass, two.bin's first fails.
    const d = await open({ fs: faultyFs([{ op: 'write', errno: 'ENOSPC', when: (p) => p.includes('/vault/objects/'), nth: 4 }]) })
    const entry = await entryWithDiary(d)
    await mkdir(d.scratch, { recursive: true })
    await writeFile(join(d.scratch, 'one.png'), await png(64, 64))
    await writeFile(join(d.scratch, 'two.bin'), Buffer.concat([Buffer.from('000000186674797069736f6d0000020069736f6d69736f32', 'hex'), randomBytes(2_000_000)]))
    const result = await d.call('diary:attach', { entryId: entry.id, paths: [join(d.scratch, 'one.png'), join(d.scratch, 'two.bin')] })
    expect(result).toMatchObject({ ok: false, error: { code: 'NO_SPACE' } })
    expect((await d.ok('diary:get', { id: entry.id })).media).toEqual([])
    expect(await readdir(join(d.root, 'vault', 'objects'))).toEqual([])
  })

  it('sweeps what a crash left in vault/objects at the next opening, after a grace period', async () => {
    const d = await open()
    const entry = await entryWithDiary(d)
    await mkdir(d.scratch, { recursive: true })
    await writeFile(join(d.scratch, 'kept.png'), await png(64, 64))
    await d.ok('diary:attach', { entryId: entry.id, paths: [join(d.scratch, 'kept.png')] })
    const dir = join(d.root, 'vault', 'objects')
    const kept = (await readdir(dir)).sort()
    const old = new Date(d.clock.now() - 2 * 60 * 60 * 1000)
    const strays = [`${'a'.repeat(32)}.tve`, `.${'b'.repeat(32)}.tve.0123456789ab.tmp`]
    for (const name of strays) {
      await writeFile(join(dir, name), randomBytes(100))
      await utimes(join(dir, name), old, old)
    }
    for (const name of [...kept, 'notes.txt']) await utimes(join(dir, name), old, old).catch(() => writeFile(join(dir, name), 'not ours').then(() => utimes(join(dir, name), old, old)))
    const fresh = `${'c'.repeat(32)}.tve`
    await writeFile(join(dir, fresh), randomBytes(100))
    await d.app.libraries.open(d.root, { remember: false })
    expect(await d.app.libraries.require().diary.swept).toBe(2)
    expect((await readdir(dir)).sort()).toEqual([...kept, fresh, 'notes.txt'].sort())
  })

  it('a file a killed run left (last written before this opening) is swept at once, without waiting for the grace period', async () => {
    const d = await open()
    await entryWithDiary(d)
    const dir = join(d.root, 'vault', 'objects')
    await mkdir(dir, { recursive: true })
    // A minute before the reopening: the run that wrote them was killed; no row names them.
    const minuteAgo = new Date(d.clock.now() - 60_000)
    const left = [`${'d'.repeat(32)}.tve`, `.${'e'.repeat(32)}.tve.0123456789ab.tmp`]
    for (const name of left) {
      await writeFile(join(dir, name), randomBytes(100))
      await utimes(join(dir, name), minuteAgo, minuteAgo)
    }
    await d.app.libraries.open(d.root, { remember: false })
    expect(await d.app.libraries.require().diary.swept).toBe(2)
    expect(await readdir(dir)).toEqual([])
  })

  it('refuses media details moved to another entry or pointed at another file (CORRUPT), keeping the rest', async () => {
    const d = await open()
    const a = await entryWithDiary(d)
    const b = await d.ok('diary:save', { date: '2025-08-02', title: 'Other', body: '' })
    await mkdir(d.scratch, { recursive: true })
    await writeFile(join(d.scratch, 'a.png'), await png(64, 64, 1))
    await writeFile(join(d.scratch, 'b.png'), await png(64, 64, 2))
    const [moved] = (await d.ok('diary:attach', { entryId: a.id, paths: [join(d.scratch, 'a.png')] })).media
    const [repointed] = (await d.ok('diary:attach', { entryId: b.id, paths: [join(d.scratch, 'b.png')] })).media
    await d.ok('diary:lock', {})
    const db = new BetterSqlite3(join(d.root, 'trove.db'))
    try {
      db.prepare('update diary_media set entry_id = ? where id = ?').run(b.id, moved!.id)
      db.prepare('update diary_media set thumb_name = null where id = ?').run(repointed!.id)
    } finally {
      db.close()
    }
    await d.ok('diary:unlock', { passphrase: PASS })
    expect((await d.ok('diary:get', { id: b.id })).media).toEqual([])
    expect(await d.app.api.content.resolve({ path: `/diary/${moved!.id}` })).toMatchObject({ status: 404 })
    const report = await d.ok('diary:verify', {})
    expect(report.problems.map((p) => p.id).sort()).toEqual([moved!.id, repointed!.id].sort())
  })
})
