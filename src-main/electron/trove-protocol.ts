import { protocol } from 'electron'
import type { ContentSource } from '../api/content'
import type { Logger } from '../core/common/logger'
import { CONTENT_HOST, contentResponse, TROVE_SCHEME } from './content-response'

/**
 * Declares `trove:` a standard, secure scheme that fetch and media elements may stream from.
 * Electron requires this before the app is ready, so the entry calls it at its top level.
 */
export function registerTroveScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: TROVE_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true, corsEnabled: true } },
  ])
}

/**
 * Serves `trove://content/original/<sha256>` and `trove://content/thumb/<sha256>`, and diary
 * media by id (`trove://content/diary/<id>`, `trove://content/diary-thumb/<id>`, decrypted, only
 * while unlocked), through the shared content source, with Range support. Other hosts are not
 * found. Returns a function that removes the handler.
 */
export function handleTroveProtocol(content: ContentSource, logger: Logger): () => void {
  protocol.handle(TROVE_SCHEME, async (request) => {
    try {
      const host = new URL(request.url).host
      if (host === CONTENT_HOST) return await contentResponse(content, request)
      return new Response('not found', { status: 404, headers: { 'X-Content-Type-Options': 'nosniff' } })
    } catch (error) {
      logger.error('trove: request failed', { url: request.url.slice(0, 200), error })
      return new Response('internal error', { status: 500 })
    }
  })
  return () => protocol.unhandle(TROVE_SCHEME)
}
