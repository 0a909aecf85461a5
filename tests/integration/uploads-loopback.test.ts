import { createHash, randomBytes, randomUUID } from 'node:crypto'
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { composeApp } from '../../src-main/compose'
import { silentLogger } from '../../src-main/core/common/logger'
import { startLoopbackServer, type LoopbackServer } from '../../src-main/web/loopback-server'
import { UPLOAD_CHUNK_BYTES } from '../../src-preload/contract/uploads'
import { useTempDirs } from '../support/temp-dir'

const tempDir = useTempDirs()
let cleanup: Array<() => Promise<void>> = []
afterEach(async () => {
  for (const fn of cleanup.reverse()) await fn()
  cleanup = []
})

async function start(): Promise<{ server: LoopbackServer; library: string }> {
  const root = await tempDir()
  const rendererDir = join(root, 'renderer')
  await mkdir(rendererDir, { recursive: true })
  await writeFile(join(rendererDir, 'index.html'), '<html><head></head><body></body></html>')
  const library = join(root, 'Trove')
  const app = composeApp({
    configDir: join(root, 'config'),
    logger: silentLogger,
    host: { appName: 'Trove', appVersion: '0.0.0-test', transport: 'loopback', versions: { node: process.versions.node, sqlite: '?' }, defaultLibraryPath: library },
  })
  await app.libraries.open(library, { remember: false })
  const server = await startLoopbackServer({ api: app.api, rendererDir, logger: silentLogger })
  cleanup.push(() => server.close(), () => app.shutdown())
  return { server, library }
}

/** One contract call over HTTP, exactly as the browser bridge sends it. */
async function call(server: LoopbackServer, method: string, input: unknown): Promise<{ ok: boolean; value?: any; error?: any }> {
  const res = await fetch(`${server.url}api/call`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-trove-token': server.token },
    body: JSON.stringify({ method, input }),
  })
  expect(res.status).toBe(200)
  return res.json()
}

describe('uploads over the loopback transport', () => {
  it('begins, appends base64 chunks and finishes into the library; refuses bad chunks with typed errors', async () => {
    const { server, library } = await start()
    const data = randomBytes(2 * UPLOAD_CHUNK_BYTES + 777)
    const sha256 = createHash('sha256').update(data).digest('hex')

    const begun = await call(server, 'uploads:begin', { name: 'dropped in a browser.bin', size: data.length })
    expect(begun).toMatchObject({ ok: true, value: { received: 0, chunkSize: UPLOAD_CHUNK_BYTES } })
    const { uploadId, chunkSize } = begun.value as { uploadId: string; chunkSize: number }

    const chunk = (offset: number) => data.subarray(offset, offset + chunkSize).toString('base64')
    expect(await call(server, 'uploads:append', { uploadId, offset: 0, dataBase64: chunk(0) })).toMatchObject({ ok: true, value: { received: chunkSize } })
    // a repeated chunk (a retry whose answer was lost) says where to continue
    expect(await call(server, 'uploads:append', { uploadId, offset: 0, dataBase64: chunk(0) })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', details: { expectedOffset: chunkSize } } })
    expect(await call(server, 'uploads:append', { uploadId, offset: chunkSize, dataBase64: randomBytes(chunkSize + 1).toString('base64') })).toMatchObject({ ok: false, error: { code: 'TOO_LARGE' } })
    expect(await call(server, 'uploads:append', { uploadId, offset: chunkSize, dataBase64: 'not base64!' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
    expect(await call(server, 'uploads:append', { uploadId, offset: chunkSize })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
    expect(await call(server, 'uploads:append', { uploadId: 'nope', offset: 0, dataBase64: '' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
    expect(await call(server, 'uploads:status', { uploadId: randomUUID() })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })

    const status = await call(server, 'uploads:status', { uploadId })
    expect(status.value.received).toBe(chunkSize)
    for (let offset = status.value.received as number; offset < data.length; offset += chunkSize) {
      expect(await call(server, 'uploads:append', { uploadId, offset, dataBase64: chunk(offset) })).toMatchObject({ ok: true })
    }
    const finished = await call(server, 'uploads:finish', { uploadId })
    expect(finished).toMatchObject({ ok: true, value: { outcome: 'stored', sha256, name: 'dropped in a browser.bin', size: data.length, retryable: false } })
    expect(typeof finished.value.fileId).toBe('number')
    expect((await readFile(join(library, 'objects', sha256.slice(0, 2), `${sha256}.bin`))).equals(data)).toBe(true)

    expect(await call(server, 'uploads:append', { uploadId, offset: data.length, dataBase64: 'AAAA' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
    expect(await call(server, 'uploads:abort', { uploadId })).toEqual({ ok: true, value: { aborted: false } })
  })
})
