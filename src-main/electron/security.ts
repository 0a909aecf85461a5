import { app, session, shell, type WebContents } from 'electron'
import { CONTENT_SECURITY_POLICY_HEADER } from '../csp'
import { allowsPermissionCheck, allowsPermissionRequest, isAppUrl } from './permissions'

export { isAppUrl }

/**
 * Locks down every web contents the app creates: no new windows (https links the user clicked
 * open in the default browser), no navigation away from the app, no webviews, no permission
 * but the microphone for the app's own page (voice notes), and the CSP header on every response.
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
  session.defaultSession.setPermissionRequestHandler((contents, permission, callback, details) => {
    const mediaTypes = 'mediaTypes' in details ? details.mediaTypes : undefined
    callback(allowsPermissionRequest({ permission, url: details.requestingUrl ?? contents.getURL(), mediaTypes }, rendererUrl))
  })
  session.defaultSession.setPermissionCheckHandler((_contents, permission, requestingOrigin, details) =>
    allowsPermissionCheck({ permission, url: requestingOrigin, mediaType: 'mediaType' in details ? details.mediaType : undefined }, rendererUrl),
  )

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
