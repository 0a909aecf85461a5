import { app, session, shell, type WebContents } from 'electron'
import { CONTENT_SECURITY_POLICY_HEADER } from '../csp'

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

/**
 * Locks down every web contents the app creates: no new windows (https links the user clicked
 * open in the default browser), no navigation away from the app, no webviews, no permissions
 * the app does not use, and the CSP header on every response.
 */
export function hardenSessions(rendererUrl: string): void {
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    // trove: content carries its own stricter headers (a sandbox CSP for originals): keep them.
    if (details.url.startsWith('trove:')) return callback({ responseHeaders: details.responseHeaders })
    callback({
      responseHeaders: {
        ...details.responseHeaders,
        'Content-Security-Policy': [CONTENT_SECURITY_POLICY_HEADER],
        'X-Content-Type-Options': ['nosniff'],
      },
    })
  })
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false))
  session.defaultSession.setPermissionCheckHandler(() => false)

  app.on('web-contents-created', (_event, contents: WebContents) => {
    contents.setWindowOpenHandler(({ url }) => {
      if (isHttpsUrl(url)) void shell.openExternal(url)
      return { action: 'deny' }
    })
    contents.on('will-navigate', (event, url) => {
      if (!isAppUrl(url, rendererUrl)) event.preventDefault()
    })
    contents.on('will-redirect', (event, url) => {
      if (!isAppUrl(url, rendererUrl)) event.preventDefault()
    })
    contents.on('will-attach-webview', (event) => event.preventDefault())
  })
}

const isHttpsUrl = (url: string): boolean => {
  try {
    return new URL(url).protocol === 'https:'
  } catch {
    return false
  }
}
