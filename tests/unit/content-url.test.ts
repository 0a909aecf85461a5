import { afterEach, describe, expect, it, vi } from 'vitest'

const SHA = '0123456789abcdef'.repeat(4)

/** The renderer module reads window and document; give it just enough of each. */
async function load(windowTrove: unknown, token: string | null) {
  vi.resetModules()
  vi.stubGlobal('window', { trove: windowTrove, location: { origin: 'http://127.0.0.1:5000' } })
  vi.stubGlobal('document', {
    querySelector: (selector: string) =>
      selector === 'meta[name="trove-content-token"]' && token ? { content: token } : selector === 'meta[name="trove-token"]' ? { content: 'call-token' } : null,
  })
  return import('../../src-renderer/lib/content-url')
}

afterEach(() => {
  vi.unstubAllGlobals()
})

describe('contentUrl', () => {
  it('uses the trove: protocol in Electron', async () => {
    const { contentUrl } = await load({ transport: 'electron', call: () => undefined, on: () => () => undefined, pathForFile: () => null }, null)
    expect(contentUrl('thumb', SHA)).toBe(`trove://content/thumb/${SHA}`)
    expect(contentUrl('original', SHA, { version: 2 })).toBe(`trove://content/original/${SHA}?v=2`)
  })

  it('uses /content/ with the page content token on loopback, never the call token', async () => {
    const { contentUrl } = await load(undefined, 'c'.repeat(64))
    expect(contentUrl('original', SHA)).toBe(`/content/original/${SHA}?t=${'c'.repeat(64)}`)
    expect(contentUrl('thumb', SHA, { version: 'x y' })).toBe(`/content/thumb/${SHA}?t=${'c'.repeat(64)}&v=x+y`)
  })

  it('refuses anything but a lowercase SHA-256 and a known kind', async () => {
    const { buildContentUrl } = await load(undefined, null)
    const where = { transport: 'loopback' as const, token: 't' }
    for (const bad of ['', SHA.toUpperCase(), `${SHA}/../x`, '../../etc/passwd', SHA.slice(1)]) {
      expect(() => buildContentUrl('original', bad, where)).toThrow(TypeError)
    }
    expect(() => buildContentUrl('diary' as never, SHA, where)).toThrow(TypeError)
  })

  it('builds diary media URLs by media id, and refuses anything but a diary id for them', async () => {
    const { buildContentUrl } = await load(undefined, null)
    const id = '0123456789abcdef'.repeat(2)
    expect(buildContentUrl('diary', id, { transport: 'electron', token: null })).toBe(`trove://content/diary/${id}`)
    expect(buildContentUrl('diary-thumb', id, { transport: 'loopback', token: 'k' })).toBe(`/content/diary-thumb/${id}?t=k`)
    for (const bad of ['', id.toUpperCase(), `${id}/../x`, id.slice(1), SHA]) {
      expect(() => buildContentUrl('diary', bad, { transport: 'loopback', token: 'k' })).toThrow(TypeError)
    }
  })
})
