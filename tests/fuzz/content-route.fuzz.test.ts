/**
 * The byte routes under attack: hostile URLs at the loopback server (raw sockets, so nothing is
 * normalised on the way), at the trove: protocol's request handler and at the core resolver.
 * Secrets are planted next to the library, inside its folder and as an object without a row;
 * no response body may ever contain one, and every 200/206 body is the library's own content.
 */
import { createHash, randomBytes } from 'node:crypto'
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { connect } from 'node:net'
import { tmpdir } from 'node:os'
import { join, sep } from 'node:path'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { composeApp, type TroveApp } from '../../src-main/compose'
import { silentLogger } from '../../src-main/core/common/logger'
import { contentResponse } from '../../src-main/electron/content-response'
import { startLoopbackServer, type LoopbackServer } from '../../src-main/web/loopback-server'
import { png } from '../support/images'

const SEED = Number(process.env.FUZZ_SEED ?? 20261122)
const RUNS = Number(process.env.FUZZ_RUNS ?? 400)
const sha = (data: Buffer | string) => createHash('sha256').update(data).digest('hex')
const SECRETS = ['NEXT-TO-LIBRARY', 'INSIDE-LIBRARY', 'ORPHAN-OBJECT', 'NEXT-TO-RENDERER'].map((s) => `TROVE-SECRET-${s}-${randomBytes(8).toString('hex')}`)

let root: string
let app: TroveApp
let server: LoopbackServer
let token: string
let blobSha: string
let imageSha: string
let orphanSha: string
/** Hashes of every body the routes may legitimately send: originals and thumbnails. */
const allowedBodies = new Set<string>()

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'trove-fuzz-content-'))
  const rendererDir = join(root, 'renderer')
  const library = join(root, 'Trove')
  await mkdir(rendererDir, { recursive: true })
  await writeFile(join(rendererDir, 'index.html'), '<html><head><title>Trove</title></head><body></body></html>')
  app = composeApp({
    configDir: join(root, 'config'),
    logger: silentLogger,
    host: { appName: 'Trove', appVersion: '0.0.0-test', transport: 'loopback', versions: { node: process.versions.node, sqlite: '?' }, defaultLibraryPath: library },
    watchFolders: false,
  })
  await app.libraries.open(library, { remember: false })
  server = await startLoopbackServer({ api: app.api, rendererDir, logger: silentLogger })

  const sources = join(root, 'sources')
  await mkdir(sources)
  const blob = randomBytes(10_000)
  const image = await png(64, 32)
  await writeFile(join(sources, 'blob.bin'), blob)
  await writeFile(join(sources, 'picture.png'), image)
  const services = app.libraries.require()
  await services.imports.start([join(sources, 'blob.bin'), join(sources, 'picture.png')]).done
  await services.previews.idle()
  blobSha = sha(blob)
  imageSha = sha(image)
  allowedBodies.add(blobSha).add(imageSha)
  const { readFile } = await import('node:fs/promises')
  const { thumbAbsolutePath } = await import('../../src-main/core/media/thumbnail')
  allowedBodies.add(sha(await readFile(thumbAbsolutePath(services.library.layout, imageSha))))

  // The secrets: beside the library, inside its folder, as an object file with no row, beside the renderer.
  await writeFile(join(root, 'secret.txt'), SECRETS[0]!)
  await writeFile(join(library, 'secret.txt'), SECRETS[1]!)
  orphanSha = sha(SECRETS[2]!)
  await mkdir(join(library, 'objects', orphanSha.slice(0, 2)), { recursive: true })
  await writeFile(join(library, 'objects', orphanSha.slice(0, 2), `${orphanSha}.txt`), SECRETS[2]!)
  await writeFile(join(rendererDir, '..', 'renderer-secret.txt'), SECRETS[3]!)

  const page = await raw(`/`)
  token = /<meta name="trove-content-token" content="([0-9a-f]{64})" \/>/.exec(page.body.toString())?.[1] ?? ''
  expect(token).toMatch(/^[0-9a-f]{64}$/)
}, 60_000)

afterAll(async () => {
  await server?.close()
  await app?.shutdown()
  if (root) await rm(root, { recursive: true, force: true })
})

/** One request written byte for byte on a socket: no client-side checks or normalisation. */
function raw(target: string, extraHeaders = ''): Promise<{ status: number; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const socket = connect(server.port, '127.0.0.1')
    const chunks: Buffer[] = []
    socket.on('data', (d: Buffer) => chunks.push(d))
    socket.on('error', reject)
    socket.on('close', () => {
      const all = Buffer.concat(chunks)
      const split = all.indexOf('\r\n\r\n')
      const head = all.subarray(0, split < 0 ? all.length : split).toString('latin1')
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1] ?? 0)
      let body: Buffer = split < 0 ? Buffer.alloc(0) : all.subarray(split + 4)
      if (/\r\ntransfer-encoding: chunked/i.test(head)) body = unchunk(body)
      resolve({ status, body })
    })
    socket.write(Buffer.concat([Buffer.from('GET '), Buffer.from(target, 'utf8'), Buffer.from(` HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\nConnection: close\r\n${extraHeaders}\r\n`)]))
  })
}

function unchunk(body: Buffer): Buffer {
  const out: Buffer[] = []
  let at = 0
  for (;;) {
    const eol = body.indexOf('\r\n', at)
    if (eol < 0) break
    const size = parseInt(body.subarray(at, eol).toString(), 16)
    if (!size) break
    out.push(body.subarray(eol + 2, eol + 2 + size))
    at = eol + 2 + size + 2
  }
  return Buffer.concat(out)
}

/** Pieces a hostile URL is made of. */
const segment = () =>
  fc.oneof(
    fc.constantFrom(
      '..', '.', '%2e%2e', '%2E%2E', '.%2e', '%2e.', '%252e%252e', '%c0%ae%c0%ae', '%2f', '%2F', '%5c', '\\', '..\\', '..%2f', '..%5c',
      '%00', '\u0000', 'secret.txt', 'renderer-secret.txt', 'trove.db', 'objects', 'thumbs', 'original', 'thumb', 'content',
      '/etc/passwd', 'etc', 'passwd', '\\\\server\\share', '//server/share', 'C:', 'C:\\Windows', '．．', '∕', '／', '﹒﹒', 'ｅｔｃ',
      'a'.repeat(300), 'a'.repeat(5000), '%', '%zz', '~', '?', '#', ';', '*', ' ', '\t', '\r\n',
    ),
    fc.string({ maxLength: 10 }),
  )
const hashLike = () =>
  fc.oneof(
    fc.constantFrom(blobSha, imageSha, orphanSha, blobSha.toUpperCase(), `${blobSha.slice(0, 63)}A`, `${blobSha}0`, blobSha.slice(0, 63), `${blobSha}.bin`, `${blobSha}%00`, `${blobSha}/`, `/${blobSha}`),
    fc.constantFrom(...[blobSha, imageSha].map((h) => h.replace(/[0-9]/g, (d) => String.fromCharCode(0xff10 + Number(d))))),
    fc.string({ unit: fc.constantFrom(...'0123456789abcdef'), minLength: 64, maxLength: 64 }),
  )
const query = () =>
  fc.constantFrom('', `?t=${'TOKEN'}`, '?t=TOKEN&t=TOKEN', '?t=', '?T=TOKEN', '?t=TOKEN#../secret.txt', '?t=TOKEN&path=../secret.txt', '?t=TOKEN%00', '?t=bad', '?t=TOKEN;', '?t=TOKEN?t=TOKEN')
const hostileTarget = () =>
  fc
    .tuple(
      fc.constantFrom('/content/original/', '/content/thumb/', '/content/', '/content', '/CONTENT/original/', '/content//original/', '/', '', '//', '/api/call/', '/assets/'),
      fc.array(fc.oneof(segment(), hashLike()), { minLength: 0, maxLength: 5 }),
      fc.constantFrom('/', '\\', '%2f', ''),
      query(),
    )
    .map(([prefix, parts, joiner, q]) => `${prefix}${parts.join(joiner)}${q}`)

function checkBody(label: string, status: number, body: Buffer, contentRoute: boolean): void {
  const text = body.toString('latin1')
  for (const secret of SECRETS) expect(text, label).not.toContain(secret)
  expect(text.startsWith('SQLite format 3'), label).toBe(false)
  if (contentRoute && status === 200) expect(allowedBodies.has(sha(body)), `${label} served bytes that are not library content`).toBe(true)
}

describe('hostile URLs at the byte routes', () => {
  it('the loopback server never sends a planted secret, and /content/ sends only library content', async () => {
    await fc.assert(
      fc.asyncProperty(hostileTarget(), fc.constantFrom('', 'Range: bytes=0-\r\n', 'Range: bytes=-100000000\r\n', 'Range: bytes=0-1,3-4\r\n'), async (target, range) => {
        const withToken = target.replaceAll('TOKEN', token)
        const { status, body } = await raw(withToken, range)
        expect([200, 206, 400, 403, 404, 405, 414, 416, 431]).toContain(status)
        checkBody(withToken.slice(0, 200), status, body, withToken.toLowerCase().startsWith('/content'))
      }),
      { numRuns: RUNS, seed: SEED },
    )
  }, 120_000)

  it('serves the real content at its exact address (so the property above is not vacuous)', async () => {
    const ok = await raw(`/content/original/${blobSha}?t=${token}`)
    expect(ok.status).toBe(200)
    expect(sha(ok.body)).toBe(blobSha)
    // The orphan object is named by its hash and sits in objects/, yet has no row: not served.
    expect((await raw(`/content/original/${orphanSha}?t=${token}`)).status).toBe(404)
    expect((await raw(`/content/original/${blobSha.toUpperCase()}?t=${token}`)).status).toBe(404)
  })

  it('the trove: protocol handler answers hostile URLs with 404 or the library content', async () => {
    const urls = fc.oneof(
      hostileTarget().map((t) => `trove://content${t.replace(/^\/content/i, '')}`),
      hostileTarget().map((t) => `trove://${t.replace(/^\/+/, '')}`),
      fc.constantFrom('trove://content/original/../../secret.txt', 'trove://content/%2e%2e/%2e%2e/secret.txt', 'trove://CONTENT/original/x', 'trove:///etc/passwd', 'trove://content\\..\\secret.txt', 'file:///etc/passwd', 'trove://content:80/original/x', 'trove://user@content/original/x'),
    )
    await fc.assert(
      fc.asyncProperty(urls, fc.constantFrom<[string, Record<string, string>]>(['GET', {}], ['HEAD', {}], ['GET', { range: 'bytes=0-10' }], ['POST', {}]), async (url, [method, headers]) => {
        const response = await contentResponse(app.api.content, { url, method, headers: new Headers(headers) })
        expect([200, 206, 404, 405, 416]).toContain(response.status)
        const body = Buffer.from(await response.arrayBuffer())
        checkBody(url.slice(0, 200), response.status, body, true)
      }),
      { numRuns: RUNS, seed: SEED },
    )
  }, 120_000)

  it('the core resolver only ever names a file under objects/ or thumbs/', async () => {
    const layout = app.libraries.require().library.layout
    const inside = (file: string) => [layout.objects, layout.thumbs].some((dir) => file.startsWith(dir + sep))
    await fc.assert(
      fc.asyncProperty(fc.oneof(hostileTarget().map((t) => t.replace(/^\/content/i, '').replace(/\?.*$/, '')), fc.string(), fc.string({ unit: 'binary' })), fc.option(fc.string()), async (path, range) => {
        const answer = await app.api.content.resolve({ path, range })
        // No diary is set up here, so every served answer is a library file.
        if (answer.status === 200 || answer.status === 206) expect('file' in answer && inside(answer.file), path).toBe(true)
        else expect([404, 416, 423]).toContain(answer.status)
      }),
      { numRuns: RUNS * 2, seed: SEED },
    )
  })

  it('the loopback call route survives bodies nested a million levels deep and at the size limit', async () => {
    const page = await raw('/')
    const apiToken = /<meta name="trove-token" content="([0-9a-f]+)" \/>/.exec(page.body.toString())?.[1]
    expect(apiToken).toBeTruthy()
    const post = async (body: string) => {
      const response = await fetch(`http://127.0.0.1:${server.port}/api/call`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-trove-token': apiToken! }, body })
      return { status: response.status, json: (await response.json()) as { ok: boolean; error?: { code: string } } }
    }
    const deepArray = `${'['.repeat(1_000_000)}${']'.repeat(1_000_000)}`
    const deepInput = `{"method":"files:list","input":${'{"a":'.repeat(200_000)}1${'}'.repeat(200_000)}}`
    for (const body of [deepArray, deepInput, `{"method":${deepArray}}`, `{"method":"tags:create","input":{"name":"${'x'.repeat(15 * 1024 * 1024)}"}}`]) {
      const { json } = await post(body)
      expect(json.ok).toBe(false)
      expect(['INVALID_INPUT', 'UNKNOWN_METHOD', 'TOO_LARGE']).toContain(json.error?.code)
    }
    expect((await post(JSON.stringify({ method: 'tags:list', input: {} }))).json.ok).toBe(true)
  }, 60_000)
})
