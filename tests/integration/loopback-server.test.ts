import { mkdir, writeFile } from 'node:fs/promises'
import { request } from 'node:http'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { composeApp, type TroveApp } from '../../src-main/compose'
import { silentLogger } from '../../src-main/core/common/logger'
import { startLoopbackServer, type LoopbackServer } from '../../src-main/web/loopback-server'
import { LATEST_SCHEMA_VERSION } from '../../src-main/core/db/migrator'
import { useTempDirs } from '../support/temp-dir'

const tempDir = useTempDirs()
let cleanup: Array<() => Promise<void>> = []
afterEach(async () => {
  for (const fn of cleanup.reverse()) await fn()
  cleanup = []
})

async function start(): Promise<{ server: LoopbackServer; app: TroveApp; root: string }> {
  const root = await tempDir()
  const rendererDir = join(root, 'renderer')
  await mkdir(join(rendererDir, 'assets'), { recursive: true })
  await writeFile(join(rendererDir, 'index.html'), '<html><head><title>Trove</title></head><body></body></html>')
  await writeFile(join(rendererDir, 'assets', 'app.js'), 'console.log(1)')
  await writeFile(join(root, 'secret.txt'), 'outside the renderer')
  const app = composeApp({
    configDir: join(root, 'config'),
    logger: silentLogger,
    host: { appName: 'Trove', appVersion: '0.0.0-test', transport: 'loopback', versions: { node: process.versions.node, sqlite: '?' }, defaultLibraryPath: join(root, 'Trove') },
  })
  await app.libraries.open(join(root, 'Trove'), { remember: false })
  const server = await startLoopbackServer({ api: app.api, rendererDir, logger: silentLogger })
  cleanup.push(() => server.close(), () => app.shutdown())
  return { server, app, root }
}

/** A raw HTTP request, so the Host header and unnormalised paths go out exactly as written. */
function raw(server: LoopbackServer, options: { path: string; method?: string; headers?: Record<string, string>; body?: string }) {
  return new Promise<{ status: number; body: string; headers: Record<string, unknown> }>((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: server.port, method: options.method ?? 'GET', path: options.path, headers: options.headers }, (res) => {
      let body = ''
      res.on('data', (d: Buffer) => (body += d.toString()))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }))
    })
    req.on('error', reject)
    req.end(options.body)
  })
}

const call = (server: LoopbackServer, method: unknown, input: unknown, token = server.token) =>
  raw(server, { path: '/api/call', method: 'POST', headers: { 'content-type': 'application/json', 'x-trove-token': token }, body: JSON.stringify({ method, input }) })

describe('loopback transport', () => {
  it('binds to 127.0.0.1 and answers app:info through the shared dispatcher', async () => {
    const { server, root } = await start()
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/)
    const res = await call(server, 'app:info', {})
    expect(res.status).toBe(200)
    const body = JSON.parse(res.body)
    expect(body).toMatchObject({ ok: true, value: { transport: 'loopback', library: { path: join(root, 'Trove'), schemaVersion: LATEST_SCHEMA_VERSION } } })
  })

  it('serves the page with its token and the CSP header', async () => {
    const { server } = await start()
    const res = await raw(server, { path: '/' })
    expect(res.body).toContain(`<meta name="trove-token" content="${server.token}" />`)
    expect(String(res.headers['content-security-policy'])).toContain("script-src 'self'")
    expect(res.headers['x-frame-options']).toBe('DENY')
  })

  it('refuses calls without the token, with a wrong one, or for another Host (DNS rebinding)', async () => {
    const { server } = await start()
    expect((await call(server, 'app:info', {}, '')).status).toBe(403)
    expect((await call(server, 'app:info', {}, 'f'.repeat(64))).status).toBe(403)
    const rebound = await raw(server, { path: '/api/call', method: 'POST', headers: { host: `evil.example:${server.port}`, 'x-trove-token': server.token }, body: '{}' })
    expect(rebound.status).toBe(421)
    expect((await raw(server, { path: '/', headers: { host: 'evil.example' } })).status).toBe(421)
  })

  it('answers bad requests with typed errors', async () => {
    const { server } = await start()
    const notJson = await raw(server, { path: '/api/call', method: 'POST', headers: { 'x-trove-token': server.token }, body: '{nope' })
    expect(JSON.parse(notJson.body)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
    expect(JSON.parse((await call(server, 'app:nope', {})).body)).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } })
    expect(JSON.parse((await call(server, 'app:choose-library', { path: 7 })).body)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
    const huge = await raw(server, { path: '/api/call', method: 'POST', headers: { 'x-trove-token': server.token }, body: 'x'.repeat(17 * 1024 * 1024) })
    expect(huge.status).toBe(413)
  })

  it('serves built files but nothing outside the renderer folder', async () => {
    const { server } = await start()
    expect((await raw(server, { path: '/assets/app.js' })).body).toBe('console.log(1)')
    for (const path of ['/../secret.txt', '/assets/../../secret.txt', '/%2e%2e/secret.txt', '/..%2fsecret.txt', '/%2e%2e%5csecret.txt', '/assets%00.js', '//etc/passwd', '/C:/Windows/win.ini']) {
      const res = await raw(server, { path })
      expect(res.body, path).not.toContain('outside the renderer')
      expect(res.body, path).not.toContain('root:')
      expect(res.status, path).toBe(404)
    }
  })

  it('pushes events over the WebSocket only to clients with the token and the right origin', async () => {
    const { server, root } = await start()
    const base = `ws://127.0.0.1:${server.port}/api/events`
    const refused = await new Promise<string>((resolve) => {
      const ws = new WebSocket(`${base}?token=wrong`)
      ws.on('error', (e) => resolve(e.message))
      ws.on('open', () => resolve('opened'))
    })
    expect(refused).toMatch(/403/)
    const foreign = await new Promise<string>((resolve) => {
      const ws = new WebSocket(`${base}?token=${server.token}`, { origin: 'https://evil.example' })
      ws.on('error', (e) => resolve(e.message))
      ws.on('open', () => resolve('opened'))
    })
    expect(foreign).toMatch(/403/)

    const ws = new WebSocket(`${base}?token=${server.token}`, { origin: `http://127.0.0.1:${server.port}` })
    await new Promise((resolve, reject) => (ws.on('open', resolve), ws.on('error', reject)))
    const event = new Promise<{ name: string; payload: { library: { path: string } } }>((resolve) => ws.on('message', (d) => resolve(JSON.parse(String(d)))))
    const other = join(root, 'Other')
    expect(JSON.parse((await call(server, 'app:choose-library', { path: other })).body)).toMatchObject({ ok: true })
    const received = await event
    expect(received.name).toBe('app:library-changed')
    expect(received.payload.library.path).toBe(other)
    ws.close()
  })
})
