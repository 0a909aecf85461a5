import { randomBytes, timingSafeEqual } from 'node:crypto'
import { open } from 'node:fs/promises'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { pipeline } from 'node:stream/promises'
import {
  LOOPBACK_CONTENT_PREFIX,
  LOOPBACK_CONTENT_TOKEN_META,
  LOOPBACK_CONTENT_TOKEN_PARAM,
} from '../../src-preload/loopback-protocol'
import type { ContentSource } from '../api/content'
import type { Logger } from '../core/common/logger'

export interface ContentRoute {
  /** This run's read-only content token. */
  readonly token: string
  /** The meta tag that hands the token to the page the server serves. */
  readonly metaTag: string
  /** Whether a (normalised) URL path belongs to this route. */
  matches(pathname: string): boolean
  handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void>
}

/**
 * `GET /content/original/<sha256>?t=<token>` and `/content/thumb/<sha256>?t=<token>` on the
 * loopback server: the core resolver's answer sent with Range support. The token is a
 * separate, read-only one, because an <img> or <video> cannot send a header and a URL is
 * easily copied: a leaked content URL reads content for this run, never calls the API.
 */
export function createContentRoute(content: ContentSource, logger: Logger): ContentRoute {
  const token = randomBytes(32).toString('hex')
  const tokenMatches = (candidate: string | null) =>
    typeof candidate === 'string' && candidate.length === token.length && timingSafeEqual(Buffer.from(candidate), Buffer.from(token))

  return {
    token,
    metaTag: `<meta name="${LOOPBACK_CONTENT_TOKEN_META}" content="${token}" />`,
    matches: (pathname) => pathname.startsWith(`${LOOPBACK_CONTENT_PREFIX}/`),
    async handle(req, res, url) {
      const base = { 'x-content-type-options': 'nosniff', 'cache-control': 'no-store' }
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        res.writeHead(405, { ...base, allow: 'GET, HEAD', 'content-type': 'text/plain; charset=utf-8' })
        return void res.end('GET only')
      }
      const tokens = url.searchParams.getAll(LOOPBACK_CONTENT_TOKEN_PARAM)
      if (tokens.length !== 1 || !tokenMatches(tokens[0]!)) {
        res.writeHead(403, { ...base, 'content-type': 'text/plain; charset=utf-8' })
        return void res.end('bad token')
      }
      // The raw path, not the normalised one: nothing is decoded or resolved before the
      // resolver's exact match, so `..`, `%2e%2e` and friends never become a path.
      const raw = (req.url ?? '').split('?')[0] ?? ''
      const path = raw.startsWith(`${LOOPBACK_CONTENT_PREFIX}/`) ? raw.slice(LOOPBACK_CONTENT_PREFIX.length) : ''
      const answer = await content.resolve({ path, range: header(req, 'range'), ifRange: header(req, 'if-range') })
      if (answer.status === 404) {
        res.writeHead(404, { ...base, 'content-type': 'text/plain; charset=utf-8' })
        return void res.end('not found')
      }
      if (answer.status === 416) {
        res.writeHead(416, answer.headers)
        return void res.end()
      }
      if (answer.status === 423) {
        res.writeHead(423, answer.headers)
        return void res.end('the diary is locked')
      }
      if ('stream' in answer) {
        // Diary media: decrypted on the way, only the chunks of the range; never cached (no-store).
        res.writeHead(answer.status, answer.headers)
        if (req.method === 'HEAD' || answer.end < answer.start) return void res.end()
        await pipeline(answer.stream(), res).catch((error: unknown) => {
          if ((error as { code?: string }).code !== 'ERR_STREAM_PREMATURE_CLOSE') logger.warn('diary content stream failed', { code: (error as { code?: string }).code })
          res.destroy()
        })
        return
      }
      const length = answer.end - answer.start + 1
      let handle: Awaited<ReturnType<typeof open>>
      try {
        handle = await open(answer.file, 'r')
      } catch {
        res.writeHead(404, { ...base, 'content-type': 'text/plain; charset=utf-8' })
        return void res.end('not found')
      }
      res.writeHead(answer.status, answer.headers)
      if (req.method === 'HEAD' || length <= 0) {
        await handle.close()
        return void res.end()
      }
      const stream = handle.createReadStream({ start: answer.start, end: answer.end, highWaterMark: 256 * 1024 })
      await pipeline(stream, res).catch((error: unknown) => {
        // A client that stops reading (a video seek) is normal; anything else is worth a line.
        if ((error as { code?: string }).code !== 'ERR_STREAM_PREMATURE_CLOSE') logger.warn('content stream failed', { path, error })
        res.destroy()
      })
    },
  }
}

const header = (req: IncomingMessage, name: string): string | null => {
  const value = req.headers[name]
  return typeof value === 'string' ? value : null
}
