import { createHash, randomBytes, randomUUID } from 'node:crypto'
import { appendFile, mkdir, readdir, readFile, rm, stat, truncate, utimes, writeFile } from 'node:fs/promises'
import { join, sep } from 'node:path'
import { describe, expect, it } from 'vitest'
import { UPLOAD_CHUNK_BYTES, UPLOAD_EXPIRY_MS } from '../../src-preload/contract/uploads'
import { decodeChunkBase64 } from '../../src-main/core/uploads/chunk-encoding'
import { UploadService } from '../../src-main/core/uploads/upload.service'
import { realFs, type FsSeam } from '../../src-main/core/common/fs-seam'
import { faultyFs } from '../support/faulty-fs'
import { useTestLibraries, type TestLibrary } from '../support/library'

const newLibrary = useTestLibraries()
const MiB = UPLOAD_CHUNK_BYTES
const sha = (data: Buffer) => createHash('sha256').update(data).digest('hex')
const db = (lib: TestLibrary) => lib.library.connection.db
const staged = (lib: TestLibrary, id: string) => join(lib.root, 'uploads', `${id}.part`)
const objectPath = (lib: TestLibrary, hash: string, ext = 'bin') => join(lib.root, 'objects', hash.slice(0, 2), `${hash}.${ext}`)
/** The stored object of `hash`, found through its row (the extension comes from the type). */
async function storedBytes(lib: TestLibrary, hash: string): Promise<Buffer> {
  const row = await db(lib).selectFrom('files').select('ext').where('sha256', '=', hash).executeTakeFirstOrThrow()
  return readFile(objectPath(lib, hash, row.ext))
}
const rows = (lib: TestLibrary) => db(lib).selectFrom('uploads').selectAll().execute()
const history = (lib: TestLibrary) => db(lib).selectFrom('import_records').selectAll().orderBy('id').execute()
const files = (lib: TestLibrary) => db(lib).selectFrom('files').selectAll().execute()

/** Sends `data[from..]` in chunks of `size`, in order. */
async function sendFrom(uploads: UploadService, id: string, data: Buffer, from = 0, size = MiB): Promise<void> {
  for (let offset = from; offset < data.length; offset += size) {
    const progress = await uploads.append(id, offset, data.subarray(offset, Math.min(offset + size, data.length)))
    expect(progress.received).toBe(Math.min(offset + size, data.length))
  }
}

async function uploadAll(lib: TestLibrary, name: string, data: Buffer) {
  const { uploadId } = await lib.uploads.begin({ name, size: data.length })
  await sendFrom(lib.uploads, uploadId, data)
  return lib.uploads.finish(uploadId)
}

describe('uploads', () => {
  it('round-trips a multi-chunk upload byte for byte into the library', async () => {
    const lib = await newLibrary()
    const data = randomBytes(3.5 * MiB)
    const begun = await lib.uploads.begin({ name: 'drop.bin', size: data.length })
    expect(begun).toMatchObject({ chunkSize: MiB, received: 0, size: data.length, name: 'drop.bin' })
    expect((await stat(staged(lib, begun.uploadId))).size).toBe(0)
    await sendFrom(lib.uploads, begun.uploadId, data)
    expect((await lib.uploads.status(begun.uploadId)).received).toBe(data.length)

    const outcome = await lib.uploads.finish(begun.uploadId)
    expect(outcome).toMatchObject({ outcome: 'stored', sha256: sha(data), name: 'drop.bin', size: data.length, retryable: false, batchId: begun.batchId })
    expect((await readFile(objectPath(lib, sha(data)))).equals(data)).toBe(true)
    expect(await files(lib)).toMatchObject([{ id: outcome.fileId, sha256: sha(data), size: data.length, stored: 1 }])
    expect(await db(lib).selectFrom('file_sources').select(['kind', 'path', 'original_name']).execute()).toEqual([{ kind: 'upload', path: 'drop.bin', original_name: 'drop.bin' }])
    expect(await rows(lib)).toEqual([])
    expect(await readdir(join(lib.root, 'uploads'))).toEqual([])
    expect(await readdir(join(lib.root, 'tmp'))).toEqual([])
    expect(await history(lib)).toMatchObject([{ batch_id: begun.batchId, outcome: 'stored', sha256: sha(data), original_name: 'drop.bin', original_path: null }])
  })

  it('resumes after a restart from the offset status() reports', async () => {
    let lib = await newLibrary()
    const data = randomBytes(3 * MiB + 123)
    const { uploadId } = await lib.uploads.begin({ name: 'film.mov', size: data.length })
    await sendFrom(lib.uploads, uploadId, data.subarray(0, 2 * MiB))
    lib = await lib.reopen()
    const status = await lib.uploads.status(uploadId)
    expect(status).toMatchObject({ uploadId, received: 2 * MiB, size: data.length, name: 'film.mov' })
    await sendFrom(lib.uploads, uploadId, data, status.received)
    const outcome = await lib.uploads.finish(uploadId)
    expect(outcome.outcome).toBe('stored')
    expect((await storedBytes(lib, sha(data))).equals(data)).toBe(true)
  })

  it('refuses out-of-order, duplicated, oversized, overflowing, misaddressed and late chunks, corrupting nothing', async () => {
    const lib = await newLibrary()
    const data = randomBytes(2.5 * MiB)
    const a = await lib.uploads.begin({ name: 'a.bin', size: data.length })
    const b = await lib.uploads.begin({ name: 'b.bin', size: 10 })
    await lib.uploads.append(a.uploadId, 0, data.subarray(0, MiB))

    const expectAt = { code: 'INVALID_INPUT', details: { expectedOffset: MiB } }
    await expect(lib.uploads.append(a.uploadId, 2 * MiB, data.subarray(2 * MiB))).rejects.toMatchObject(expectAt)
    await expect(lib.uploads.append(a.uploadId, 0, data.subarray(0, MiB))).rejects.toMatchObject(expectAt)
    await expect(lib.uploads.append(a.uploadId, 0, data.subarray(0, MiB))).rejects.toThrow(/expects the chunk at offset 1048576, not 0/)
    await expect(lib.uploads.append(a.uploadId, MiB, randomBytes(MiB + 1))).rejects.toMatchObject({ code: 'TOO_LARGE' })
    await expect(lib.uploads.append(b.uploadId, 0, randomBytes(11))).rejects.toMatchObject({ code: 'INVALID_INPUT', details: { expectedOffset: 0, size: 10 } })
    // A's next chunk sent to B: B is at 0, so it is refused and B stays empty.
    await expect(lib.uploads.append(b.uploadId, MiB, data.subarray(MiB, 2 * MiB))).rejects.toMatchObject({ code: 'INVALID_INPUT', details: { expectedOffset: 0 } })
    await expect(lib.uploads.append(randomUUID(), 0, Buffer.from('x'))).rejects.toMatchObject({ code: 'NOT_FOUND' })
    await expect(lib.uploads.append('../../trove.db', 0, Buffer.from('x'))).rejects.toMatchObject({ code: 'NOT_FOUND' })

    expect((await lib.uploads.status(a.uploadId)).received).toBe(MiB)
    expect((await readFile(staged(lib, a.uploadId))).equals(data.subarray(0, MiB))).toBe(true)
    expect((await lib.uploads.status(b.uploadId)).received).toBe(0)
    expect((await stat(staged(lib, b.uploadId))).size).toBe(0)

    await sendFrom(lib.uploads, a.uploadId, data, MiB)
    expect((await lib.uploads.finish(a.uploadId)).outcome).toBe('stored')
    expect((await readFile(objectPath(lib, sha(data)))).equals(data)).toBe(true)
    await expect(lib.uploads.append(a.uploadId, data.length, Buffer.from('late'))).rejects.toMatchObject({ code: 'NOT_FOUND' })
    await expect(lib.uploads.status(a.uploadId)).rejects.toMatchObject({ code: 'NOT_FOUND' })
    await expect(lib.uploads.finish(a.uploadId)).rejects.toMatchObject({ code: 'NOT_FOUND' })
    expect(await files(lib)).toHaveLength(1)
  })

  it('takes one of two racing chunks for the same offset and refuses the other', async () => {
    const lib = await newLibrary()
    const { uploadId } = await lib.uploads.begin({ name: 'race.bin' })
    const one = randomBytes(1000)
    const two = randomBytes(1000)
    const results = await Promise.allSettled([lib.uploads.append(uploadId, 0, one), lib.uploads.append(uploadId, 0, two)])
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected'])
    const winner = results[0]!.status === 'fulfilled' ? one : two
    expect((await readFile(staged(lib, uploadId))).equals(winner)).toBe(true)
  })

  it('ends an upload of content already in the library as a duplicate of the one entry, saying since when', async () => {
    const lib = await newLibrary()
    const data = randomBytes(1.2 * MiB)
    const path = join(lib.scratch, 'original.bin')
    await mkdir(lib.scratch, { recursive: true })
    await writeFile(path, data)
    await lib.imports.start([path]).done
    const [entry] = await files(lib)

    const outcome = await uploadAll(lib, 'pasted copy.bin', data)
    expect(outcome).toMatchObject({ outcome: 'duplicate', reasonCode: 'ALREADY_EXISTS', fileId: entry!.id, sha256: sha(data), existingSince: entry!.added_at, retryable: false })
    expect(outcome.reasonMessage).toMatch(/^Already in the library since \d{4}-\d\d-\d\dT.* as "original.bin"\.$/)
    expect(await files(lib)).toHaveLength(1)
    expect(await readdir(join(lib.root, 'objects', sha(data).slice(0, 2)))).toEqual([`${sha(data)}.bin`])
    const sources = await db(lib).selectFrom('file_sources').select(['kind', 'path']).orderBy('id').execute()
    expect(sources).toEqual([{ kind: 'import', path }, { kind: 'upload', path: 'pasted copy.bin' }])
    expect(await rows(lib)).toEqual([])
    expect(await readdir(join(lib.root, 'uploads'))).toEqual([])
  })

  it('refuses to finish when the bytes received differ from the size declared, storing nothing', async () => {
    const lib = await newLibrary()
    const data = randomBytes(1000)
    const { uploadId } = await lib.uploads.begin({ name: 'short.bin', size: 1000 })
    await lib.uploads.append(uploadId, 0, data.subarray(0, 600))
    await expect(lib.uploads.finish(uploadId)).rejects.toMatchObject({ code: 'INVALID_INPUT', details: { expectedOffset: 600, size: 1000 } })
    expect(await files(lib)).toEqual([])
    expect(await history(lib)).toEqual([])
    expect(await readdir(join(lib.root, 'objects'))).toEqual([])
    // Still resumable: the rest, then finish.
    await lib.uploads.append(uploadId, 600, data.subarray(600))
    expect((await lib.uploads.finish(uploadId)).outcome).toBe('stored')
  })

  it('sweeps uploads with no chunk for 24 hours, stray staging files and rows without bytes', async () => {
    const lib = await newLibrary()
    const clock = { t: Date.now(), now() { return this.t } }
    const uploads = new UploadService({ ...lib.ingest, clock }, join(lib.root, 'uploads'))
    const stale = await uploads.begin({ name: 'forgotten.bin' })
    await uploads.append(stale.uploadId, 0, randomBytes(5000))
    clock.t += UPLOAD_EXPIRY_MS - 60_000
    const fresh = await uploads.begin({ name: 'active.bin' })
    await uploads.append(fresh.uploadId, 0, randomBytes(10))
    // a staging file with no row, a stray entry, and a row whose bytes are gone
    // (file ages are judged by the service's clock, so they are set against it)
    clock.t += 120_000
    const orphan = join(lib.root, 'uploads', `${randomUUID()}.part`)
    const stray = join(lib.root, 'uploads', 'notes.txt')
    const youngOrphan = join(lib.root, 'uploads', `${randomUUID()}.part`)
    for (const [p, age] of [[orphan, 2 * 3600_000], [stray, 2 * 3600_000], [youngOrphan, 60_000]] as const) {
      await writeFile(p, 'left behind')
      await utimes(p, new Date(clock.t - age), new Date(clock.t - age))
    }
    const ghost = await uploads.begin({ name: 'ghost.bin' })
    await rm(staged(lib, ghost.uploadId))

    expect(await uploads.sweepExpired()).toEqual({ expired: 1, orphanFiles: 2, orphanRows: 1 })
    expect((await rows(lib)).map((r) => r.id)).toEqual([fresh.uploadId])
    expect((await readdir(join(lib.root, 'uploads'))).sort()).toEqual([`${fresh.uploadId}.part`, youngOrphan.split(sep).pop()].sort())
    await expect(uploads.append(stale.uploadId, 5000, Buffer.from('x'))).rejects.toMatchObject({ code: 'NOT_FOUND' })
    expect(await history(lib)).toMatchObject([{ original_name: 'forgotten.bin', outcome: 'failed', reason_code: 'CANCELLED', size: 5000 }])

    // Past its expiry but not yet swept: refused, and swept on the spot.
    clock.t += UPLOAD_EXPIRY_MS
    await expect(uploads.status(fresh.uploadId)).rejects.toMatchObject({ code: 'NOT_FOUND', message: expect.stringMatching(/expired/) })
    expect(await rows(lib)).toEqual([])
  })

  it('never makes a sweep (or a new upload) wait behind a long finish', async () => {
    let release = () => {}
    const gate = new Promise<void>((resolve) => (release = resolve))
    const gated: FsSeam = {
      ...realFs,
      open: (async (path: string, ...rest: unknown[]) => {
        if (String(path).includes(`${sep}uploads${sep}`) && rest[0] === 'r') await gate
        return (realFs.open as (...a: unknown[]) => Promise<unknown>)(path, ...rest)
      }) as FsSeam['open'],
    }
    const lib = await newLibrary({ fs: gated })
    const data = randomBytes(5000)
    const { uploadId } = await lib.uploads.begin({ name: 'slow.bin', size: data.length })
    await lib.uploads.append(uploadId, 0, data)
    let finished = false
    const finishing = lib.uploads.finish(uploadId).then((outcome) => ((finished = true), outcome))
    await new Promise((resolve) => setTimeout(resolve, 20))
    expect(await lib.uploads.sweepExpired()).toEqual({ expired: 0, orphanFiles: 0, orphanRows: 0 })
    const next = await lib.uploads.begin({ name: 'next.bin' })
    expect(finished).toBe(false)
    release()
    expect((await finishing).outcome).toBe('stored')
    expect((await rows(lib)).map((r) => r.id)).toEqual([next.uploadId])
  })

  it('sweeps expired uploads when the library opens', async () => {
    let lib = await newLibrary()
    const { uploadId } = await lib.uploads.begin({ name: 'old.bin' })
    await lib.uploads.append(uploadId, 0, randomBytes(100))
    await db(lib).updateTable('uploads').set({ expires_at: Date.now() - 1 }).execute()
    lib = await lib.reopen()
    expect(await rows(lib)).toEqual([])
    expect(await readdir(join(lib.root, 'uploads'))).toEqual([])
  })

  it('survives a crash between writing a chunk and acknowledging it: unacknowledged bytes are dropped, the upload resumes', async () => {
    let lib = await newLibrary()
    const data = randomBytes(3 * MiB)
    const { uploadId } = await lib.uploads.begin({ name: 'crash.bin', size: data.length })
    await sendFrom(lib.uploads, uploadId, data.subarray(0, 2 * MiB))
    // The next chunk reached the disk, then the process died before the row was updated;
    // make the stray bytes differ from the real ones so a wrong resume would show.
    await appendFile(staged(lib, uploadId), randomBytes(0.7 * MiB))
    lib = await lib.reopen()
    expect((await lib.uploads.status(uploadId)).received).toBe(2 * MiB)
    expect((await stat(staged(lib, uploadId))).size).toBe(2 * MiB)
    await sendFrom(lib.uploads, uploadId, data, 2 * MiB)
    expect((await lib.uploads.finish(uploadId)).sha256).toBe(sha(data))
    expect((await readFile(objectPath(lib, sha(data)))).equals(data)).toBe(true)
  })

  it('trusts the file when it holds fewer bytes than the row says, so no hole is ever stored', async () => {
    let lib = await newLibrary()
    const data = randomBytes(2 * MiB)
    const { uploadId } = await lib.uploads.begin({ name: 'lost-tail.bin', size: data.length })
    await sendFrom(lib.uploads, uploadId, data)
    await truncate(staged(lib, uploadId), 1.5 * MiB)
    lib = await lib.reopen()
    expect((await lib.uploads.status(uploadId)).received).toBe(1.5 * MiB)
    await expect(lib.uploads.append(uploadId, 2 * MiB, Buffer.from('x'))).rejects.toMatchObject({ details: { expectedOffset: 1.5 * MiB } })
    await sendFrom(lib.uploads, uploadId, data, 1.5 * MiB)
    expect((await lib.uploads.finish(uploadId)).sha256).toBe(sha(data))
  })

  // The 2nd chunk fails: for fsync that is the 3rd call on the staging file (begin syncs the
  // empty file), for writes the 2nd. An unexpected errno (EIO) goes up as is; the dispatcher
  // answers it as INTERNAL with a log id.
  it.each([
    ['the fsync fails (EIO)', { op: 'sync', errno: 'EIO', nth: 3 } as const, 'EIO'],
    ['the disk is full (ENOSPC)', { op: 'write', errno: 'ENOSPC', nth: 2 } as const, 'NO_SPACE'],
  ])('leaves the upload consistent and resumable when %s during a chunk', async (_name, rule, code) => {
    const fs = faultyFs([{ ...rule, when: (p) => p.includes(`${sep}uploads${sep}`) && p.endsWith('.part') }])
    const lib = await newLibrary({ fs })
    const data = randomBytes(2 * MiB)
    const { uploadId } = await lib.uploads.begin({ name: 'flaky.bin', size: data.length })
    await lib.uploads.append(uploadId, 0, data.subarray(0, MiB))
    await expect(lib.uploads.append(uploadId, MiB, data.subarray(MiB))).rejects.toMatchObject({ code })
    expect((await lib.uploads.status(uploadId)).received).toBe(MiB)
    expect((await stat(staged(lib, uploadId))).size).toBe(MiB)
    await lib.uploads.append(uploadId, MiB, data.subarray(MiB))
    expect((await lib.uploads.finish(uploadId)).sha256).toBe(sha(data))
  })

  it('records every finished upload in the import history: stored, duplicate, rejected, failed', async () => {
    const fs = faultyFs([{ op: 'write', errno: 'ENOSPC', when: (p) => p.includes(`${sep}library${sep}tmp${sep}`), nth: 1 }])
    const lib = await newLibrary({ fs })
    // failed (no space while importing): the bytes are kept, finish can be retried
    const data = randomBytes(4000)
    const { uploadId } = await lib.uploads.begin({ name: 'retry.txt.bin', size: data.length })
    await lib.uploads.append(uploadId, 0, data)
    expect(await lib.uploads.finish(uploadId)).toMatchObject({ outcome: 'failed', reasonCode: 'NO_SPACE', retryable: true })
    expect((await lib.uploads.status(uploadId)).received).toBe(data.length)
    expect(await lib.uploads.finish(uploadId)).toMatchObject({ outcome: 'stored', retryable: false })
    // duplicate
    expect((await uploadAll(lib, 'again.bin', data)).outcome).toBe('duplicate')
    // rejected: the limit went down after the bytes arrived
    const big = await lib.uploads.begin({ name: 'big.bin', size: 5000 })
    await lib.uploads.append(big.uploadId, 0, randomBytes(5000))
    lib.ingest.maxFileBytes = 1000
    expect(await lib.uploads.finish(big.uploadId)).toMatchObject({ outcome: 'rejected', reasonCode: 'TOO_LARGE', retryable: false })
    await expect(lib.uploads.status(big.uploadId)).rejects.toMatchObject({ code: 'NOT_FOUND' })
    // rejected at begin (declared too large) and while appending (undeclared size)
    await expect(lib.uploads.begin({ name: 'huge.iso', size: 2000 })).rejects.toMatchObject({ code: 'TOO_LARGE' })
    const growing = await lib.uploads.begin({ name: 'stream.bin' })
    await lib.uploads.append(growing.uploadId, 0, randomBytes(800))
    await expect(lib.uploads.append(growing.uploadId, 800, randomBytes(800))).rejects.toMatchObject({ code: 'TOO_LARGE' })
    await expect(lib.uploads.status(growing.uploadId)).rejects.toMatchObject({ code: 'NOT_FOUND' })

    const records = (await history(lib)).map((r) => [r.original_name, r.outcome, r.reason_code])
    expect(records).toEqual([
      ['retry.txt.bin', 'failed', 'NO_SPACE'],
      ['retry.txt.bin', 'stored', null],
      ['again.bin', 'duplicate', 'ALREADY_EXISTS'],
      ['big.bin', 'rejected', 'TOO_LARGE'],
      ['huge.iso', 'rejected', 'TOO_LARGE'],
      ['stream.bin', 'rejected', 'TOO_LARGE'],
    ])
    expect(await files(lib)).toHaveLength(1)
    expect(await rows(lib)).toEqual([])
    expect(await readdir(join(lib.root, 'uploads'))).toEqual([])
    expect(await readdir(join(lib.root, 'tmp'))).toEqual([])
  })

  it('aborts an upload: bytes and row gone, recorded as cancelled, idempotent', async () => {
    const lib = await newLibrary()
    const { uploadId } = await lib.uploads.begin({ name: 'changed my mind.bin' })
    await lib.uploads.append(uploadId, 0, randomBytes(2000))
    expect(await lib.uploads.abort(uploadId)).toEqual({ aborted: true })
    expect(await lib.uploads.abort(uploadId)).toEqual({ aborted: false })
    await expect(lib.uploads.append(uploadId, 2000, Buffer.from('x'))).rejects.toMatchObject({ code: 'NOT_FOUND' })
    expect(await rows(lib)).toEqual([])
    expect(await readdir(join(lib.root, 'uploads'))).toEqual([])
    expect(await history(lib)).toMatchObject([{ outcome: 'failed', reason_code: 'CANCELLED', size: 2000 }])
  })

  it('keeps staging out of tmp/, which every start-up empties', async () => {
    let lib = await newLibrary()
    const { uploadId } = await lib.uploads.begin({ name: 'kept.bin' })
    await lib.uploads.append(uploadId, 0, Buffer.from('acknowledged'))
    expect(await readdir(join(lib.root, 'tmp'))).toEqual([])
    lib = await lib.reopen()
    expect(await readFile(staged(lib, uploadId), 'utf8')).toBe('acknowledged')
  })
})

describe('chunk decoding (JSON transports)', () => {
  it('decodes padded standard base64 and refuses anything else', () => {
    const bytes = randomBytes(1001)
    expect(Buffer.from(decodeChunkBase64(bytes.toString('base64'))).equals(bytes)).toBe(true)
    expect(decodeChunkBase64('')).toHaveLength(0)
    for (const bad of ['abc', 'ab=c', 'a b=', '-_-_', 'YQ==YQ==', 'YWJj\n']) {
      expect(() => decodeChunkBase64(bad), bad).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }))
    }
    expect(() => decodeChunkBase64(randomBytes(MiB + 3).toString('base64'))).toThrow(expect.objectContaining({ code: 'TOO_LARGE' }))
    expect(decodeChunkBase64(randomBytes(MiB).toString('base64'))).toHaveLength(MiB)
  })
})
