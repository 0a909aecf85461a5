import { describe, expect, it } from 'vitest'
import { allowsPermissionCheck, allowsPermissionRequest } from '../../src-main/electron/permissions'

const BUILT = 'file:///opt/Trove/resources/app.asar/out/renderer/index.html'
const DEV = 'http://localhost:5173/'

describe('web permissions of the desktop app', () => {
  it('lets the app’s own page record from the microphone (a voice note), and nothing more', () => {
    for (const renderer of [BUILT, DEV]) {
      expect(allowsPermissionRequest({ permission: 'media', url: renderer, mediaTypes: ['audio'] }, renderer)).toBe(true)
      expect(allowsPermissionRequest({ permission: 'media', url: renderer, mediaTypes: ['audio', 'video'] }, renderer)).toBe(false)
      expect(allowsPermissionRequest({ permission: 'media', url: renderer, mediaTypes: ['video'] }, renderer)).toBe(false)
      expect(allowsPermissionRequest({ permission: 'media', url: renderer, mediaTypes: [] }, renderer)).toBe(false)
      expect(allowsPermissionRequest({ permission: 'media', url: renderer }, renderer)).toBe(false)
      for (const permission of ['geolocation', 'notifications', 'display-capture', 'clipboard-read', 'openExternal', 'midi'])
        expect(allowsPermissionRequest({ permission, url: renderer, mediaTypes: ['audio'] }, renderer), permission).toBe(false)
    }
  })

  it('refuses every other page, even for the microphone', () => {
    for (const url of ['https://example.com/', 'http://localhost:5174/', 'file:///tmp/other.html', 'trove://content/original/x', 'not a url'])
      expect(allowsPermissionRequest({ permission: 'media', url, mediaTypes: ['audio'] }, url.startsWith('file:') ? BUILT : DEV), url).toBe(false)
  })

  it('answers a permission check for the microphone only, for the app’s own origin', () => {
    expect(allowsPermissionCheck({ permission: 'media', url: 'file:///', mediaType: 'audio' }, BUILT)).toBe(true)
    expect(allowsPermissionCheck({ permission: 'media', url: 'http://localhost:5173', mediaType: 'audio' }, DEV)).toBe(true)
    expect(allowsPermissionCheck({ permission: 'media', url: 'http://localhost:5173', mediaType: 'video' }, DEV)).toBe(false)
    expect(allowsPermissionCheck({ permission: 'media', url: 'https://example.com', mediaType: 'audio' }, DEV)).toBe(false)
    expect(allowsPermissionCheck({ permission: 'geolocation', url: 'http://localhost:5173' }, DEV)).toBe(false)
  })
})
