/**
 * The trove: protocol's answers as fetch Responses, built from the core resolver. Plain Node
 * (global Response, node:stream): nothing here imports electron, so it is tested without it.
 */
import { open } from 'node:fs/promises'
import { Readable } from 'node:stream'
import type { ContentSource } from '../api/content'

export const TROVE_SCHEME = 'trove'
/** `trove://content/original/<sha256>` and `trove://content/thumb/<sha256>`. */
export const CONTENT_HOST = 'content'

const NOSNIFF = { 'X-Content-Type-Options': 'nosniff' }
/**
 * The renderer (a file: page) reads text previews with fetch(); trove: is only reachable from
 * inside the app, so any in-app origin may read what the resolver allows.
 */
const CORS = { 'Access-Control-Allow-Origin': '*', 'Access-Control-Expose-Headers': 'Content-Range, Content-Length, Accept-Ranges' }
const notFound = () => new Response('not found', { status: 404, headers: { ...NOSNIFF, 'Content-Type': 'text/plain; charset=utf-8' } })

/** Answers one `trove://content/…` request: 200, 206 with Content-Range, 404, 405, 416 or 423 (diary locked). */
export async function contentResponse(content: ContentSource, request: { url: string; method: string; headers: Headers }): Promise<Response> {
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    return new Response('GET only', { status: 405, headers: { ...NOSNIFF, Allow: 'GET, HEAD' } })
  }
  let url: URL
  try {
    url = new URL(request.url)
  } catch {
    return notFound()
  }
  if (url.protocol !== `${TROVE_SCHEME}:` || url.host !== CONTENT_HOST) return notFound()
  const answer = await content.resolve({ path: url.pathname, range: request.headers.get('range'), ifRange: request.headers.get('if-range') })
  if (answer.status === 404) return notFound()
  if (answer.status === 416) return new Response(null, { status: 416, headers: answer.headers })
  if (answer.status === 423) return new Response('the diary is locked', { status: 423, headers: { ...answer.headers, ...CORS } })
  if ('stream' in answer) {
    // Diary media: decrypted on the way, only the chunks of the range; never cached (no-store).
    const headers = { ...answer.headers, ...CORS }
    if (request.method === 'HEAD' || answer.end < answer.start) return new Response(null, { status: answer.status, headers })
    return new Response(Readable.toWeb(answer.stream()) as unknown as ReadableStream<Uint8Array>, { status: answer.status, headers })
  }

  let handle: Awaited<ReturnType<typeof open>>
  try {
    handle = await open(answer.file, 'r')
  } catch {
    return notFound()
  }
  const length = answer.end - answer.start + 1
  const headers = { ...answer.headers, ...CORS }
  if (request.method === 'HEAD' || length <= 0) {
    await handle.close()
    return new Response(null, { status: answer.status, headers })
  }
  // Streamed, never buffered: a video original may be gigabytes. The handle closes at the end.
  const stream = handle.createReadStream({ start: answer.start, end: answer.end, highWaterMark: 256 * 1024 })
  return new Response(Readable.toWeb(stream) as unknown as ReadableStream<Uint8Array>, { status: answer.status, headers })
}
