import { randomBytes } from 'node:crypto'
import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { realFs, type FsSeam } from '../../src-main/core/common/fs-seam'
import { contentResponse } from '../../src-main/electron/content-response'
import { createContentRoute } from '../../src-main/web/content-route'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { silentLogger } from '../../src-main/core/common/logger'
import { useDiaryApps } from '../support/diary'

/** The real filesystem, counting the bytes read through file handles (what decryption reads). */
function countingFs(): { fs: FsSeam; read: () => number; reset: () => void } {
  let bytes = 0
  const fs: FsSeam = {
    ...realFs,
    open: (async (...args: Parameters<typeof realFs.open>) => {
      const handle = await realFs.open(...args)
      const read = handle.read.bind(handle) as (...a: unknown[]) => Promise<{ bytesRead: number; buffer: Buffer }>
      ;(handle as unknown as { read: typeof read }).read = async (...a: unknown[]) => {
        const result = await read(...a)
        bytes += result.bytesRead
        return result
      }
      return handle
    }) as typeof realFs.open,
  }
  return { fs, read: () => bytes, reset: () => (bytes = 0) }
}

const PASS = 'correct horse battery'
const CHUNK = 64 * 1024

describe('diary media over the trove: protocol', () => {
  const open = useDiaryApps()

  it('answers a seek into a large video from the chunks it covers only, no-store, and 423 once locked', async () => {
    const counter = countingFs()
    const d = await open({ fs: counter.fs })
    await d.ok('diary:setup', { passphrase: PASS })
    const entry = await d.ok('diary:save', { date: '2025-10-10', title: 'Film', body: '' })
    await mkdir(d.scratch, { recursive: true })
    const video = Buffer.concat([Buffer.from('000000186674797069736f6d0000020069736f6d69736f32', 'hex'), randomBytes(24 * 1024 * 1024)])
    await writeFile(join(d.scratch, 'film.mp4'), video)
    const { media } = await d.ok('diary:attach', { entryId: entry.id, paths: [join(d.scratch, 'film.mp4')] })
    const url = `trove://content/diary/${media[0]!.id}`
    const ask = (headers: Record<string, string> = {}) => contentResponse(d.app.api.content, { url, method: 'GET', headers: new Headers(headers) })

    counter.reset()
    const start = 20 * 1024 * 1024 + 12345
    const response = await ask({ range: `bytes=${start}-${start + 99_999}` })
    expect(response.status).toBe(206)
    expect(response.headers.get('content-type')).toBe('video/mp4')
    expect(response.headers.get('cache-control')).toBe('no-store')
    expect(response.headers.get('content-range')).toBe(`bytes ${start}-${start + 99_999}/${video.length}`)
    expect(Buffer.from(await response.arrayBuffer()).equals(video.subarray(start, start + 100_000))).toBe(true)
    // 100,000 bytes span at most 3 chunks; the header and the last chunk are read to open the file.
    expect(counter.read()).toBeGreaterThan(100_000)
    expect(counter.read()).toBeLessThanOrEqual(5 * (CHUNK + 64))

    const whole = await ask()
    expect(whole.status).toBe(200)
    expect(whole.headers.get('content-length')).toBe(String(video.length))
    await whole.body?.cancel()

    await d.ok('diary:lock', {})
    const locked = await ask({ range: 'bytes=0-9' })
    expect(locked.status).toBe(423)
    expect(await locked.text()).not.toContain(video.subarray(0, 10).toString('latin1'))
    expect((await contentResponse(d.app.api.content, { url: `trove://content/diary-thumb/${media[0]!.id}`, method: 'GET', headers: new Headers() })).status).toBe(423)
  })

  it('serves the same over the loopback route: token required, 206 byte-exact, 423 once locked', async () => {
    const d = await open()
    await d.ok('diary:setup', { passphrase: PASS })
    const entry = await d.ok('diary:save', { date: '2025-10-11', title: 'Voice', body: '' })
    await mkdir(d.scratch, { recursive: true })
    const clip = Buffer.concat([Buffer.from('000000186674797069736f6d0000020069736f6d69736f32', 'hex'), randomBytes(300_000)])
    await writeFile(join(d.scratch, 'clip.mp4'), clip)
    const { media } = await d.ok('diary:attach', { entryId: entry.id, paths: [join(d.scratch, 'clip.mp4')] })
    const route = createContentRoute(d.app.api.content, silentLogger)
    const server = createServer((req, res) => void route.handle(req, res, new URL(req.url ?? '/', 'http://127.0.0.1')))
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
    try {
      const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/content/diary/${media[0]!.id}`
      expect((await fetch(base)).status).toBe(403)
      const part = await fetch(`${base}?t=${route.token}`, { headers: { range: 'bytes=200000-200099' } })
      expect(part.status).toBe(206)
      expect(part.headers.get('cache-control')).toBe('no-store')
      expect(Buffer.from(await part.arrayBuffer()).equals(clip.subarray(200_000, 200_100))).toBe(true)
      await d.ok('diary:lock', {})
      const locked = await fetch(`${base}?t=${route.token}`)
      expect([locked.status, locked.headers.get('x-trove-error')]).toEqual([423, 'VAULT_LOCKED'])
    } finally {
      await new Promise((r) => server.close(r))
    }
  })
})
