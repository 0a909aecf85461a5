/**
 * Which web permissions the app's own page may have: only the microphone, for recording a voice
 * note in the diary. No camera, no screen, no location, no notifications; nothing for any other
 * page. Kept free of electron so it can be tested under Node.
 */

/** Is `url` the app's own renderer (the built file or, in development, the dev server)? */
export function isAppUrl(url: string, rendererUrl: string): boolean {
  try {
    const target = new URL(url)
    const own = new URL(rendererUrl)
    if (own.protocol === 'file:') return target.protocol === 'file:' && target.pathname === own.pathname
    return target.origin === own.origin
  } catch {
    return false
  }
}

export interface PermissionAsk {
  /** Electron's permission name ('media', 'geolocation', …). */
  permission: string
  /** The page asking (the requesting frame's URL, or the origin for a check). */
  url: string
  /** For 'media' requests: what is wanted ('audio', 'video'); absent for a check. */
  mediaTypes?: readonly string[]
  /** For 'media' checks: 'audio', 'video' or 'unknown'. */
  mediaType?: string
}

/** A request to start capturing: the microphone alone, from the app's own page. */
export function allowsPermissionRequest(ask: PermissionAsk, rendererUrl: string): boolean {
  if (ask.permission !== 'media' || !isAppUrl(ask.url, rendererUrl)) return false
  const types = ask.mediaTypes ?? []
  return types.length > 0 && types.every((type) => type === 'audio')
}

/** A check whether the permission is held (Chromium asks before enumerating devices). */
export function allowsPermissionCheck(ask: PermissionAsk, rendererUrl: string): boolean {
  if (ask.permission !== 'media' || ask.mediaType !== 'audio') return false
  // A check names only the origin; a built app's page is a file, whose origin says no more than file:.
  return isAppUrl(ask.url, rendererUrl) || (rendererUrl.startsWith('file:') && ask.url.startsWith('file:'))
}
