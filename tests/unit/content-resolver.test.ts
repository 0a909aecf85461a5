import { createHash } from 'node:crypto'
import { mkdir, rm, unlink, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { parseContentPath, parseRange, resolveContent, type ContentDeps } from '../../src-main/core/media/content-resolver'
import { thumbAbsolutePath } from '../../src-main/core/media/thumbnail'
import { png } from '../support/images'
import { useTestLibraries, type TestLibrary } from '../support/library'

const newLibrary = useTestLibraries()
const SHA = 'ab'.repeat(32)
const sha = (data: Buffer | string) => createHash('sha256').update(data).digest('hex')

describe('parseContentPath', () => {
  it('accepts exactly /original/<sha> and /thumb/<sha>', () => {
    expect(parseContentPath(`/original/${SHA}`)).toEqual({ kind: 'original', sha256: SHA })
    expect(parseContentPath(`/thumb/${SHA}`)).toEqual({ kind: 'thumb', sha256: SHA })
  })

  it.each([
    ['empty', ''],
    ['root', '/'],
    ['no hash', '/original/'],
    ['unknown kind', `/diary/${SHA}`],
    ['uppercase hex', `/original/${SHA.toUpperCase()}`],
    ['one hex short', `/original/${SHA.slice(1)}`],
    ['one hex long', `/original/${SHA}a`],
    ['not hex', `/original/${'g'.repeat(64)}`],
    ['trailing slash', `/original/${SHA}/`],
    ['extension', `/original/${SHA}.jpg`],
    ['query left on', `/original/${SHA}?x=1`],
    ['double slash', `//original/${SHA}`],
    ['parent segment', `/original/../thumb/${SHA}`],
    ['dot segments', `/thumb/./${SHA}`],
    ['encoded dots', `/original/%2e%2e/${SHA}`],
    ['encoded slash', `/original%2f${SHA}`],
    ['encoded hex', `/original/%61${SHA.slice(1)}`],
    ['traversal to a system file', '/original/../../../../etc/passwd'],
    ['absolute path', '/etc/passwd'],
    ['Windows drive', 'C:\\Windows\\win.ini'],
    ['Windows drive in the path', `/original/C:\\${SHA}`],
    ['UNC share', '\\\\server\\share\\file'],
    ['backslashes', `\\original\\${SHA}`],
    ['NUL byte', `/original/${SHA}\0`],
    ['NUL inside', `/original/\0${SHA.slice(1)}`],
    ['newline', `/original/${SHA}\n`],
    ['over-long', `/original/${SHA}${'a'.repeat(100_000)}`],
    ['unicode look-alike', `/original/${SHA.slice(0, 63)}\u0430`],
  ])('refuses %s', (_name, path) => {
    expect(parseContentPath(path)).toBeNull()
  })

  it('refuses non-strings and anything that is not the exact form (property)', () => {
    for (const value of [undefined, null, 42, {}, [`/original/${SHA}`]]) expect(parseContentPath(value)).toBeNull()
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (path) => {
        const parsed = parseContentPath(path)
        if (parsed) expect(path).toBe(`/${parsed.kind}/${parsed.sha256}`)
      }),
      { numRuns: 3000 },
    )
  })
})

describe('parseRange', () => {
  const size = 1000
  it.each([
    ['bytes=0-0', { kind: 'partial', start: 0, end: 0 }],
    ['bytes=0-999', { kind: 'partial', start: 0, end: 999 }],
    ['bytes=0-5000', { kind: 'partial', start: 0, end: 999 }],
    ['bytes=999-999', { kind: 'partial', start: 999, end: 999 }],
    ['bytes=999-', { kind: 'partial', start: 999, end: 999 }],
    ['bytes=100-', { kind: 'partial', start: 100, end: 999 }],
    ['bytes=-1', { kind: 'partial', start: 999, end: 999 }],
    ['bytes=-10', { kind: 'partial', start: 990, end: 999 }],
    ['bytes=-1000', { kind: 'partial', start: 0, end: 999 }],
    ['bytes=-99999999999999999999', { kind: 'partial', start: 0, end: 999 }],
    ['bytes=5-99999999999999999999', { kind: 'partial', start: 5, end: 999 }],
    ['BYTES = 1 - 2', { kind: 'partial', start: 1, end: 2 }],
    ['bytes=000010-000020', { kind: 'partial', start: 10, end: 20 }],
    ['bytes=1000-', { kind: 'unsatisfiable' }],
    ['bytes=1000-2000', { kind: 'unsatisfiable' }],
    ['bytes=99999999999999999999-', { kind: 'unsatisfiable' }],
    ['bytes=-0', { kind: 'unsatisfiable' }],
    // Ignored (the whole file is sent): malformed, another unit, several ranges, reversed.
    ['bytes=5-1', { kind: 'full' }],
    ['bytes=-', { kind: 'full' }],
    ['bytes=a-b', { kind: 'full' }],
    ['bytes=-5-10', { kind: 'full' }],
    ['bytes=1.5-2', { kind: 'full' }],
    ['bytes=0-1,5-6', { kind: 'full' }],
    ['items=0-1', { kind: 'full' }],
    ['bytes 0-1', { kind: 'full' }],
    ['', { kind: 'full' }],
    [`bytes=0-${'9'.repeat(300)}`, { kind: 'full' }],
    ['bytes=0-1\0', { kind: 'full' }],
  ])('%s of 1000 bytes → %o', (header, expected) => {
    expect(parseRange(header, size)).toEqual(expected)
  })

  it('treats every range of an empty file as unsatisfiable, and no header as full', () => {
    expect(parseRange('bytes=0-', 0)).toEqual({ kind: 'unsatisfiable' })
    expect(parseRange('bytes=-5', 0)).toEqual({ kind: 'unsatisfiable' })
    expect(parseRange(undefined, 0)).toEqual({ kind: 'full' })
    expect(parseRange(null, 10)).toEqual({ kind: 'full' })
  })

  it('never returns a range outside the file (property)', () => {
    fc.assert(
      fc.property(fc.nat(10_000), fc.oneof(fc.string({ maxLength: 40 }), fc.tuple(fc.option(fc.nat(20_000)), fc.option(fc.nat(20_000))).map(([a, b]) => `bytes=${a ?? ''}-${b ?? ''}`)), (n, header) => {
        const r = parseRange(header, n)
        if (r.kind === 'partial') {
          expect(r.start).toBeGreaterThanOrEqual(0)
          expect(r.start).toBeLessThanOrEqual(r.end)
          expect(r.end).toBeLessThan(n)
        }
      }),
      { numRuns: 3000 },
    )
  })
})

describe('resolveContent', () => {
  const depsOf = (lib: TestLibrary): ContentDeps => ({ db: lib.library.connection.db, fs: lib.ingest.fs, store: lib.store, layout: lib.library.layout })

  async function withFiles() {
    const lib = await newLibrary()
    await mkdir(lib.scratch, { recursive: true })
    const text = Buffer.from('0123456789'.repeat(100))
    const image = await png(64, 48)
    await writeFile(join(lib.scratch, 'digits.txt'), text)
    await writeFile(join(lib.scratch, 'pic.png'), image)
    await lib.imports.start([join(lib.scratch, 'digits.txt'), join(lib.scratch, 'pic.png')]).done
    await lib.previews.idle()
    return { lib, deps: depsOf(lib), text, textSha: sha(text), imageSha: sha(image) }
  }

  it('answers an original with its path, size, type and safe headers', async () => {
    const { lib, deps, textSha } = await withFiles()
    const answer = await resolveContent(deps, { path: `/original/${textSha}` })
    expect(answer).toMatchObject({ status: 200, kind: 'original', file: lib.store.absolutePath(textSha, 'txt'), size: 1000, start: 0, end: 999 })
    if (answer.status !== 200) throw new Error('unreachable')
    expect(answer.headers).toMatchObject({
      'Content-Type': 'text/plain',
      'Content-Length': '1000',
      'Accept-Ranges': 'bytes',
      'X-Content-Type-Options': 'nosniff',
      'Content-Security-Policy': "sandbox; default-src 'none'",
      'Content-Disposition': "inline; filename*=UTF-8''digits.txt",
      ETag: `"${textSha}"`,
    })
  })

  it('answers a thumbnail as image/webp, and ranges with Content-Range', async () => {
    const { lib, deps, imageSha, textSha } = await withFiles()
    const thumb = await resolveContent(deps, { path: `/thumb/${imageSha}` })
    expect(thumb).toMatchObject({ status: 200, file: join(lib.root, 'thumbs', imageSha.slice(0, 2), `${imageSha}.webp`), headers: { 'Content-Type': 'image/webp' } })
    expect(await resolveContent(deps, { path: `/original/${textSha}`, range: 'bytes=10-19' })).toMatchObject({
      status: 206, start: 10, end: 19, headers: { 'Content-Range': 'bytes 10-19/1000', 'Content-Length': '10' },
    })
    expect(await resolveContent(deps, { path: `/original/${textSha}`, range: 'bytes=-1' })).toMatchObject({ status: 206, start: 999, end: 999 })
    expect(await resolveContent(deps, { path: `/original/${textSha}`, range: 'bytes=1000-' })).toMatchObject({
      status: 416, size: 1000, headers: { 'Content-Range': 'bytes */1000' },
    })
    // If-Range: honoured only when it names this content.
    expect(await resolveContent(deps, { path: `/original/${textSha}`, range: 'bytes=0-1', ifRange: `"${textSha}"` })).toMatchObject({ status: 206 })
    expect(await resolveContent(deps, { path: `/original/${textSha}`, range: 'bytes=0-1', ifRange: '"other"' })).toMatchObject({ status: 200 })
    expect(await resolveContent(deps, { path: `/thumb/${imageSha}`, range: 'bytes=0-1', ifRange: 'Wed, 21 Oct 2015 07:28:00 GMT' })).toMatchObject({ status: 200 })
  })

  it('is not found for a hash not in the library, a thumbnail that is not there, or hostile paths', async () => {
    const { deps, textSha } = await withFiles()
    expect(await resolveContent(deps, { path: `/original/${SHA}` })).toMatchObject({ status: 404 })
    // Text files have thumbnails now; one that is gone (or was never made) is not found.
    await rm(thumbAbsolutePath(deps.layout, textSha), { force: true })
    expect(await resolveContent(deps, { path: `/thumb/${textSha}` })).toMatchObject({ status: 404 })
    for (const path of ['/original/../../trove.db', '/%2e%2e/trove.db', `/original/${textSha.toUpperCase()}`, '\\\\server\\share', 'C:\\trove.db', `/original/${textSha}\0`]) {
      expect(await resolveContent(deps, { path }), path).toMatchObject({ status: 404 })
    }
  })

  it('is not found when the object file is missing or the row says it is not stored; trashed is fine', async () => {
    const { lib, deps, textSha, imageSha } = await withFiles()
    const { db } = lib.library.connection
    await db.updateTable('files').set({ trashed_at: Date.now() }).where('sha256', '=', textSha).execute()
    expect(await resolveContent(deps, { path: `/original/${textSha}` })).toMatchObject({ status: 200 })
    await db.updateTable('files').set({ stored: 0 }).where('sha256', '=', textSha).execute()
    expect(await resolveContent(deps, { path: `/original/${textSha}` })).toMatchObject({ status: 404 })
    await unlink(lib.store.absolutePath(imageSha, 'png'))
    expect(await resolveContent(deps, { path: `/original/${imageSha}` })).toMatchObject({ status: 404, reason: 'file missing' })
  })

  it('sends an empty original as 200 with no bytes, and any range of it as 416', async () => {
    const lib = await newLibrary()
    await mkdir(lib.scratch, { recursive: true })
    await writeFile(join(lib.scratch, 'empty.txt'), '')
    await lib.imports.start([join(lib.scratch, 'empty.txt')]).done
    const deps = depsOf(lib)
    const emptySha = sha('')
    expect(await resolveContent(deps, { path: `/original/${emptySha}` })).toMatchObject({ status: 200, size: 0, headers: { 'Content-Length': '0' } })
    expect(await resolveContent(deps, { path: `/original/${emptySha}`, range: 'bytes=0-' })).toMatchObject({ status: 416 })
  })
})
