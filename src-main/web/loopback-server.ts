import { randomBytes, timingSafeEqual } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { WebSocketServer, type WebSocket } from 'ws'
import {
  LOOPBACK_CALL_PATH,
  LOOPBACK_EVENTS_PATH,
  LOOPBACK_TOKEN_HEADER,
  LOOPBACK_TOKEN_META,
} from '../../src-preload/loopback-protocol'
import { fail } from '../../src-preload/contract'
import type { Api } from '../api'
import type { Logger } from '../core/common/logger'
import { CONTENT_SECURITY_POLICY_HEADER } from '../csp'
import { createContentRoute } from './content-route'
import { resolveStaticPath, serveStatic } from './static-files'

export const LOOPBACK_HOST = '127.0.0.1'
const MAX_BODY_BYTES = 16 * 1024 * 1024

export interface LoopbackServerOptions {
  api: Api
  /** The built renderer (out/renderer). */
  rendererDir: string
  port?: number
  logger: Logger
}

export interface LoopbackServer {
  url: string
  port: number
  token: string
  close(): Promise<void>
}

/**
 * Serves the renderer and the contract over HTTP + WebSocket on 127.0.0.1 only. Guards: a
 * per-run token (handed to the page it serves, unreadable to other origins), a Host check
 * against DNS rebinding, an Origin check on the event socket, and a body size limit.
 */
export async function startLoopbackServer(options: LoopbackServerOptions): Promise<LoopbackServer> {
  const { api, rendererDir, logger } = options
  const token = randomBytes(32).toString('hex')
  const content = createContentRoute(api.content, logger)
  const sockets = new Set<WebSocket>()
  let port = 0

  const allowedHosts = () => new Set([`${LOOPBACK_HOST}:${port}`, `localhost:${port}`])
  const tokenMatches = (candidate: string | undefined | null) => {
    if (typeof candidate !== 'string' || candidate.length !== token.length) return false
    return timingSafeEqual(Buffer.from(candidate), Buffer.from(token))
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error) => {
      logger.error('loopback request failed', { path: (req.url ?? '').split('?')[0], error })
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' })
      res.end('internal error')
    })
  })

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    res.setHeader('content-security-policy', CONTENT_SECURITY_POLICY_HEADER)
    res.setHeader('x-frame-options', 'DENY')
    res.setHeader('referrer-policy', 'no-referrer')
    res.setHeader('cross-origin-resource-policy', 'same-origin')
    if (!allowedHosts().has(req.headers.host ?? '')) return plain(res, 421, 'unknown host')
    let url: URL
    try {
      url = new URL(req.url ?? '/', `http://${LOOPBACK_HOST}:${port}`)
    } catch {
      return plain(res, 400, 'bad request target') // e.g. `//`: not a path this server has
    }
    if (content.matches(url.pathname)) return content.handle(req, res, url)

    if (url.pathname === LOOPBACK_CALL_PATH) {
      if (req.method !== 'POST') return plain(res, 405, 'POST only')
      if (!tokenMatches(req.headers[LOOPBACK_TOKEN_HEADER] as string | undefined)) return plain(res, 403, 'bad token')
      const body = await readBody(req)
      if (body === null) return json(res, 413, fail({ code: 'TOO_LARGE', message: 'The request is too large.' }))
      let message: { method?: unknown; input?: unknown }
      try {
        message = JSON.parse(body) as typeof message
      } catch {
        return json(res, 400, fail({ code: 'INVALID_INPUT', message: 'The request is not valid JSON.' }))
      }
      const result = await api.dispatch(message?.method, message?.input, { transport: 'loopback' })
      return json(res, 200, result)
    }

    if (req.method !== 'GET' && req.method !== 'HEAD') return plain(res, 405, 'GET only')
    if (url.pathname === '/' || url.pathname === '/index.html') {
      const html = await readFile(join(rendererDir, 'index.html'), 'utf8')
      const meta = `<meta name="${LOOPBACK_TOKEN_META}" content="${token}" />`
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' })
      res.end(html.replace('</head>', `  ${meta}\n  ${content.metaTag}\n  </head>`))
      return
    }
    const file = resolveStaticPath(rendererDir, url.pathname)
    if (!file || !(await serveStatic(res, file))) plain(res, 404, 'not found')
  }

  const wss = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 })
  server.on('upgrade', (req, socket, head) => {
    let url: URL
    try {
      url = new URL(req.url ?? '/', `http://${LOOPBACK_HOST}:${port}`)
    } catch {
      socket.write('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n')
      socket.destroy()
      return
    }
    const origin = req.headers.origin
    const originOk = origin === undefined || allowedHosts().has(origin.replace(/^http:\/\//, ''))
    if (url.pathname !== LOOPBACK_EVENTS_PATH || !allowedHosts().has(req.headers.host ?? '') || !originOk || !tokenMatches(url.searchParams.get('token'))) {
      socket.write('HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n')
      socket.destroy()
      return
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      sockets.add(ws)
      ws.on('close', () => sockets.delete(ws))
      ws.on('message', () => undefined)
    })
  })
  const unsubscribe = api.events.subscribe((name, payload) => {
    const frame = JSON.stringify({ name, payload })
    for (const ws of sockets) ws.send(frame)
  })

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, LOOPBACK_HOST, () => resolve())
  })
  port = (server.address() as AddressInfo).port

  return {
    url: `http://${LOOPBACK_HOST}:${port}/`,
    port,
    token,
    async close() {
      unsubscribe()
      for (const ws of sockets) ws.terminate()
      wss.close()
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}

function readBody(req: IncomingMessage): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    let tooLarge = false
    req.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size > MAX_BODY_BYTES) tooLarge = true
      else chunks.push(chunk)
    })
    req.on('end', () => resolve(tooLarge ? null : Buffer.concat(chunks).toString('utf8')))
    req.on('error', reject)
  })
}

function plain(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' })
  res.end(text)
}

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' })
  res.end(JSON.stringify(body))
}
