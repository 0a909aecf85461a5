import { randomBytes } from 'node:crypto'
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { Readable } from 'node:stream'
import { describe, expect, it } from 'vitest'
import { png } from '../support/images'
import { useDiaryApps } from '../support/diary'

const PASS = 'correct horse battery'

/** Every file under `dir`, recursively (the database, its -wal and -shm, tmp/, thumbs/, vault/…). */
async function allFiles(dir: string): Promise<string[]> {
  const out: string[] = []
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) out.push(...(await allFiles(path)))
    else if (entry.isFile()) out.push(path)
  }
  return out
}

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = []
  for await (const chunk of stream) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks)
}

/** 32-byte pieces of some plaintext, taken from its start, middle and end. */
const slices = (what: string, bytes: Buffer) =>
  [0, Math.floor(bytes.length / 2), bytes.length - 32].map((at) => ({ what: `${what} @${at}`, bytes: bytes.subarray(at, at + 32) }))

describe('nothing of the diary is readable on disk', () => {
  const open = useDiaryApps()

  it('finds no title, body, tag, media name, media byte or thumbnail byte anywhere in the library folder or the log', async () => {
    const d = await open()
    await d.ok('diary:setup', { passphrase: PASS })
    const titleMarker = `Title-${randomBytes(8).toString('hex')}`
    const bodyMarker = `body-${randomBytes(8).toString('hex')}`
    const tagMarker = `tag${randomBytes(6).toString('hex')}`
    const nameMarker = `photo-${randomBytes(6).toString('hex')}`
    const entry = await d.ok('diary:save', { date: '2025-09-09', title: `My ${titleMarker}`, body: `Dear diary, ${bodyMarker} and more.`, tags: [tagMarker] })
    await d.ok('diary:save', { id: entry.id, date: '2025-09-09', title: `My ${titleMarker} (edited)`, body: `Dear diary, ${bodyMarker} again.`, tags: [tagMarker] })

    await mkdir(d.scratch, { recursive: true })
    const photo = await png(900, 600, 7)
    await writeFile(join(d.scratch, `${nameMarker}.png`), photo)
    const video = Buffer.concat([Buffer.from('000000186674797069736f6d0000020069736f6d69736f32', 'hex'), randomBytes(200_000)]) // an MP4 brand box, then bytes
    await writeFile(join(d.scratch, 'clip.mp4'), video)
    const voice = Buffer.concat([Buffer.from('1a45dfa3874282847765626d', 'hex'), Buffer.from('1853806701000000000000208686', 'hex'), Buffer.from('A_OPUS'), randomBytes(50_000)])
    // As the renderer does: the upload begins under a neutral name; the real one goes, sealed, with attach.
    const voiceName = `voice-${randomBytes(6).toString('hex')}`
    const { uploadId } = await d.ok('uploads:begin', { name: 'diary-upload', size: voice.length })
    await d.ok('uploads:append', { uploadId, offset: 0, dataBase64: voice.toString('base64') })
    // A client that named the upload anyway: its name is blanked before the row goes (gone after a checkpoint).
    const careless = `careless-${randomBytes(6).toString('hex')}`
    const second = await d.ok('uploads:begin', { name: `${careless}.webm`, size: voice.length })
    await d.ok('uploads:append', { uploadId: second.uploadId, offset: 0, dataBase64: voice.toString('base64') })

    const byPath = await d.ok('diary:attach', { entryId: entry.id, paths: [join(d.scratch, `${nameMarker}.png`), join(d.scratch, 'clip.mp4')] })
    const byUpload = await d.ok('diary:attach', { entryId: entry.id, uploadIds: [uploadId, second.uploadId], names: [`${voiceName}.webm`, `${careless}.webm`] })
    expect([...byPath.media, ...byUpload.media].map((m) => `${m.kind} ${m.name}`)).toEqual([
      `photo ${nameMarker}.png`, 'video clip.mp4', `audio ${voiceName}.webm`, `audio ${careless}.webm`,
    ])
    const thumb = await d.app.api.content.resolve({ path: `/diary-thumb/${byPath.media[0]!.id}` })
    const thumbBytes = 'stream' in thumb ? await readAll(thumb.stream()) : Buffer.alloc(0)
    expect(thumbBytes.length).toBeGreaterThan(100)
    expect((await d.ok('diary:search', { query: bodyMarker })).hits).toHaveLength(1)
    await d.ok('diary:verify', {})

    const markers = [
      { what: 'title', bytes: Buffer.from(titleMarker) },
      { what: 'body', bytes: Buffer.from(bodyMarker) },
      { what: 'tag', bytes: Buffer.from(tagMarker) },
      { what: 'media name', bytes: Buffer.from(nameMarker) },
      { what: 'voice note name', bytes: Buffer.from(voiceName) },
      ...slices('photo', photo),
      ...slices('video', video),
      ...slices('voice note', voice),
      ...slices('thumbnail', thumbBytes),
    ]
    const scan = async () => {
      const found: string[] = []
      const files = await allFiles(d.root)
      for (const file of files) {
        const bytes = await readFile(file)
        for (const marker of markers) if (bytes.includes(marker.bytes)) found.push(`${marker.what} in ${file.slice(d.root.length)}`)
      }
      for (const marker of markers) if (d.logs.some((line) => line.includes(marker.bytes.toString('latin1')))) found.push(`${marker.what} in the log`)
      return { found, files: files.map((f) => f.slice(d.root.length)) }
    }

    // While unlocked and open (the -wal holds the latest pages), then locked, then closed.
    const unlocked = await scan()
    expect(unlocked.files).toEqual(expect.arrayContaining(['/trove.db', '/trove.db-wal', '/vault/keyfile.json']))
    expect(unlocked.found).toEqual([])
    await d.ok('diary:lock', {})
    expect((await scan()).found).toEqual([])
    await d.app.libraries.close()
    markers.push({ what: 'name given to uploads:begin', bytes: Buffer.from(careless) })
    expect((await scan()).found).toEqual([])
  })

  it('would notice plaintext: the same scan finds a marker written in the clear', async () => {
    const d = await open()
    const marker = `plain-${randomBytes(8).toString('hex')}`
    await mkdir(join(d.root, 'tmp'), { recursive: true })
    await writeFile(join(d.root, 'tmp', 'leak.txt'), `xx${marker}xx`)
    const hits = []
    for (const file of await allFiles(d.root)) if ((await readFile(file)).includes(Buffer.from(marker))) hits.push(file)
    expect(hits).toHaveLength(1)
  })
})
