import { createHash, randomBytes } from 'node:crypto'
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { request } from 'node:http'
import { join } from 'node:path'
import sharp from 'sharp'
import { afterEach, describe, expect, it } from 'vitest'
import { composeApp, type TroveApp } from '../../src-main/compose'
import { silentLogger } from '../../src-main/core/common/logger'
import { thumbAbsolutePath } from '../../src-main/core/media/thumbnail'
import { startLoopbackServer, type LoopbackServer } from '../../src-main/web/loopback-server'
import { png } from '../support/images'
import { useTempDirs } from '../support/temp-dir'

const tempDir = useTempDirs()
let cleanup: Array<() => Promise<void>> = []
afterEach(async () => {
  for (const fn of cleanup.reverse()) await fn()
  cleanup = []
})

const sha = (data: Buffer | string) => createHash('sha256').update(data).digest('hex')

interface Started {
  server: LoopbackServer
  app: TroveApp
  root: string
  token: string
  blob: Buffer
  blobSha: string
  image: Buffer
  imageSha: string
  svgSha: string
}

async function start(): Promise<Started> {
  const root = await tempDir()
  const rendererDir = join(root, 'renderer')
  await mkdir(rendererDir, { recursive: true })
  await writeFile(join(rendererDir, 'index.html'), '<html><head><title>Trove</title></head><body></body></html>')
  const app = composeApp({
    configDir: join(root, 'config'),
    logger: silentLogger,
    host: { appName: 'Trove', appVersion: '0.0.0-test', transport: 'loopback', versions: { node: process.versions.node, sqlite: '?' }, defaultLibraryPath: join(root, 'Trove') },
  })
  await app.libraries.open(join(root, 'Trove'), { remember: false })
  const server = await startLoopbackServer({ api: app.api, rendererDir, logger: silentLogger })
  cleanup.push(() => server.close(), () => app.shutdown())

  const sources = join(root, 'sources')
  await mkdir(sources)
  const blob = randomBytes(100_000)
  const image = await png(500, 250)
  const svg = '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script><rect width="10" height="10"/></svg>'
  await writeFile(join(sources, 'blob.bin'), blob)
  await writeFile(join(sources, 'picture.png'), image)
  await writeFile(join(sources, 'drawing.svg'), svg)
  const services = app.libraries.require()
  await services.imports.start([join(sources, 'blob.bin'), join(sources, 'picture.png'), join(sources, 'drawing.svg')]).done
  await services.previews.idle()

  // The page carries the content token the way the renderer reads it.
  const page = await get(server, '/', {})
  const token = /<meta name="trove-content-token" content="([0-9a-f]{64})" \/>/.exec(page.body.toString())?.[1]
  if (!token) throw new Error('the page has no content token')
  return { server, app, root, token, blob, blobSha: sha(blob), image, imageSha: sha(image), svgSha: sha(svg) }
}

/** A raw request, so paths go out exactly as written (no client-side normalisation). */
function get(server: LoopbackServer, path: string, headers: Record<string, string>, method = 'GET') {
  return new Promise<{ status: number; body: Buffer; headers: Record<string, string | string[] | undefined> }>((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: server.port, method, path, headers }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (d: Buffer) => chunks.push(d))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks), headers: res.headers }))
    })
    req.on('error', reject)
    req.end()
  })
}

describe('loopback /content/', () => {
  it('serves an original whole (200) with its type and protective headers', async () => {
    const s = await start()
    const res = await get(s.server, `/content/original/${s.blobSha}?t=${s.token}`, {})
    expect(res.status).toBe(200)
    expect(res.body.equals(s.blob)).toBe(true)
    expect(res.headers).toMatchObject({
      'content-type': 'application/octet-stream',
      'content-length': '100000',
      'accept-ranges': 'bytes',
      'x-content-type-options': 'nosniff',
      'content-security-policy': "sandbox; default-src 'none'",
      'content-disposition': "inline; filename*=UTF-8''blob.bin",
      etag: `"${s.blobSha}"`,
    })
  })

  it('serves byte-exact ranges (206) at the edges, and 416 beyond the end', async () => {
    const s = await start()
    const url = `/content/original/${s.blobSha}?t=${s.token}`
    const cases: Array<[string, number, number]> = [
      ['bytes=0-0', 0, 0],
      ['bytes=0-99', 0, 99],
      ['bytes=99999-99999', 99_999, 99_999],
      ['bytes=50000-', 50_000, 99_999],
      ['bytes=-1', 99_999, 99_999],
      ['bytes=-300', 99_700, 99_999],
      ['bytes=-200000', 0, 99_999],
      ['bytes=12345-1000000', 12_345, 99_999],
    ]
    for (const [range, start, end] of cases) {
      const res = await get(s.server, url, { range })
      expect(res.status, range).toBe(206)
      expect(res.headers['content-range'], range).toBe(`bytes ${start}-${end}/100000`)
      expect(res.headers['content-length'], range).toBe(String(end - start + 1))
      expect(res.body.equals(s.blob.subarray(start, end + 1)), range).toBe(true)
    }
    for (const range of ['bytes=100000-', 'bytes=200000-300000', 'bytes=-0']) {
      const res = await get(s.server, url, { range })
      expect(res.status, range).toBe(416)
      expect(res.headers['content-range'], range).toBe('bytes */100000')
      expect(res.body.length).toBe(0)
    }
    // Several ranges or nonsense: the whole file, as RFC 9110 allows.
    for (const range of ['bytes=0-1,4-5', 'bytes=9-2', 'pages=1-2']) {
      const res = await get(s.server, url, { range })
      expect(res.status, range).toBe(200)
      expect(res.body.equals(s.blob)).toBe(true)
    }
  })

  it('answers HEAD with the headers and no body', async () => {
    const s = await start()
    const res = await get(s.server, `/content/original/${s.blobSha}?t=${s.token}`, { range: 'bytes=0-9' }, 'HEAD')
    expect(res.status).toBe(206)
    expect(res.headers['content-length']).toBe('10')
    expect(res.body.length).toBe(0)
  })

  it('serves the thumbnail as WebP, identical to the file on disk', async () => {
    const s = await start()
    const res = await get(s.server, `/content/thumb/${s.imageSha}?t=${s.token}`, {})
    expect(res.status).toBe(200)
    expect(res.headers['content-type']).toBe('image/webp')
    const layout = s.app.libraries.require().library.layout
    expect(res.body.equals(await readFile(thumbAbsolutePath(layout, s.imageSha)))).toBe(true)
    expect(await sharp(res.body).metadata()).toMatchObject({ format: 'webp', width: 256, height: 128 })
    const original = await get(s.server, `/content/original/${s.imageSha}?t=${s.token}`, {})
    expect(original.headers['content-type']).toBe('image/png')
    expect(original.body.equals(s.image)).toBe(true)
  })

  it('sandboxes an SVG original so its script can never run on the app origin', async () => {
    const s = await start()
    const res = await get(s.server, `/content/original/${s.svgSha}?t=${s.token}`, {})
    expect(res.status).toBe(200)
    expect(res.headers['content-type']).toBe('image/svg+xml')
    expect(res.headers['content-security-policy']).toBe("sandbox; default-src 'none'")
    expect(res.headers['x-content-type-options']).toBe('nosniff')
  })

  it('is not found for unknown, malformed and traversal paths', async () => {
    const s = await start()
    const t = `?t=${s.token}`
    const paths = [
      `/content/original/${'0'.repeat(64)}${t}`,
      `/content/thumb/${s.blobSha}${t}`,
      `/content/original/${s.blobSha.toUpperCase()}${t}`,
      `/content/original/${s.blobSha}.bin${t}`,
      `/content/original/${s.blobSha}/${t}`,
      `/content/original/${t}`,
      `/content/${s.blobSha}${t}`,
      `/content/original/../../trove.db${t}`,
      `/content/original/%2e%2e/%2e%2e/trove.db${t}`,
      `/content/original/..%2f..%2ftrove.db${t}`,
      `/content/original/%2e%2e%5c%2e%2e%5ctrove.db${t}`,
      `/content/thumb/..\\..\\trove.db${t}`,
      `/content/original/C:%5CWindows%5Cwin.ini${t}`,
      `/content/original/%5C%5Cserver%5Cshare${t}`,
      `/content/original/${s.blobSha}%00${t}`,
      `/content/original/${'a'.repeat(5000)}${t}`,
      `/content/original/./${s.blobSha}${t}`,
      `/api/../content/original/${s.blobSha}${t}`,
    ]
    for (const path of paths) {
      const res = await get(s.server, path, {})
      expect(res.status, path).toBe(404)
      expect(res.body.toString(), path).toBe('not found')
    }
  })

  it('needs the page content token, the right Host, and GET or HEAD', async () => {
    const s = await start()
    const path = `/content/original/${s.blobSha}`
    expect((await get(s.server, path, {})).status).toBe(403)
    expect((await get(s.server, `${path}?t=${'0'.repeat(64)}`, {})).status).toBe(403)
    expect((await get(s.server, `${path}?t=${s.server.token}`, {})).status).toBe(403) // the call token is not a content token
    expect((await get(s.server, `${path}?t=${s.token}&t=${s.token}`, {})).status).toBe(403)
    expect((await get(s.server, `${path}?t=${s.token}`, { host: `evil.example:${s.server.port}` })).status).toBe(421)
    expect((await get(s.server, `${path}?t=${s.token}`, {}, 'POST')).status).toBe(405)
    expect((await get(s.server, `${path}?t=${s.token}&v=3`, {})).status).toBe(200)
  })

  it('is not found once the library is closed', async () => {
    const s = await start()
    await s.app.libraries.close()
    expect((await get(s.server, `/content/original/${s.blobSha}?t=${s.token}`, {})).status).toBe(404)
  })
})
