import { createHash, randomBytes } from 'node:crypto'
import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { ContentSource } from '../../src-main/api/content'
import { resolveContent } from '../../src-main/core/media/content-resolver'
import { contentResponse } from '../../src-main/electron/content-response'
import { useTestLibraries } from '../support/library'

/**
 * The trove: protocol's responses, without Electron: the handler Electron calls is a thin
 * wrapper over contentResponse, which builds standard fetch Responses from the core resolver.
 */
const newLibrary = useTestLibraries()

async function setUp() {
  const lib = await newLibrary()
  await mkdir(lib.scratch, { recursive: true })
  const data = randomBytes(70_000)
  await writeFile(join(lib.scratch, 'clip.bin'), data)
  await lib.imports.start([join(lib.scratch, 'clip.bin')]).done
  const content: ContentSource = {
    resolve: (request) => resolveContent({ db: lib.library.connection.db, fs: lib.ingest.fs, store: lib.store, layout: lib.library.layout }, request),
  }
  const sha = createHash('sha256').update(data).digest('hex')
  const ask = (url: string, init: { method?: string; headers?: Record<string, string> } = {}) =>
    contentResponse(content, { url, method: init.method ?? 'GET', headers: new Headers(init.headers) })
  return { data, sha, ask }
}

describe('trove: content responses', () => {
  it('streams the whole original, and any single range byte-exact', async () => {
    const { data, sha, ask } = await setUp()
    const full = await ask(`trove://content/original/${sha}`)
    expect(full.status).toBe(200)
    expect(full.headers.get('content-length')).toBe('70000')
    expect(full.headers.get('content-security-policy')).toBe("sandbox; default-src 'none'")
    // the renderer's fetch() of a text preview is cross-origin (file: page, trove: bytes)
    expect(full.headers.get('access-control-allow-origin')).toBe('*')
    expect(full.headers.get('access-control-expose-headers')).toContain('Content-Range')
    expect(Buffer.from(await full.arrayBuffer()).equals(data)).toBe(true)

    for (const [range, start, end] of [['bytes=0-0', 0, 0], ['bytes=69999-', 69_999, 69_999], ['bytes=-100', 69_900, 69_999], ['bytes=1000-1999', 1000, 1999]] as const) {
      const res = await ask(`trove://content/original/${sha}`, { headers: { range } })
      expect(res.status, range).toBe(206)
      expect(res.headers.get('content-range'), range).toBe(`bytes ${start}-${end}/70000`)
      expect(Buffer.from(await res.arrayBuffer()).equals(data.subarray(start, end + 1)), range).toBe(true)
    }
    const beyond = await ask(`trove://content/original/${sha}`, { headers: { range: 'bytes=70000-' } })
    expect(beyond.status).toBe(416)
    expect(beyond.headers.get('content-range')).toBe('bytes */70000')
  })

  it('answers HEAD without a body, refuses other methods, other hosts and bad paths', async () => {
    const { sha, ask } = await setUp()
    const head = await ask(`trove://content/original/${sha}`, { method: 'HEAD' })
    expect(head.status).toBe(200)
    expect(head.body).toBeNull()
    expect((await ask(`trove://content/original/${sha}`, { method: 'POST' })).status).toBe(405)
    for (const url of [
      `trove://diary/original/${sha}`,
      `trove://content/original/${'f'.repeat(64)}`,
      `trove://content/thumb/${sha}`,
      `trove://content/original/${sha.toUpperCase()}`,
      'trove://content/original/..%2f..%2ftrove.db',
      'trove://content/%2e%2e/%2e%2e/etc/passwd',
      `https://content/original/${sha}`,
      'not a url',
    ]) {
      expect((await ask(url)).status, url).toBe(404)
    }
    // A query (the renderer's cache-busting version) does not change what is served.
    expect((await ask(`trove://content/original/${sha}?v=2`)).status).toBe(200)
  })
})
