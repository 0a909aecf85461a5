import { Readable } from 'node:stream'
import type { DiaryContentKind } from '../../../src-preload/contract/diary'
import { isAppError } from '../common/app-error'
import type { Logger } from '../common/logger'
import { CONTENT_SANDBOX_CSP, parseRange } from '../media/content-resolver'
import type { DiaryMedia } from './diary-media'

const DIARY_PATH = /^\/(diary|diary-thumb)\/([0-9a-f]{32})$/

/** `/diary/<media-id>` or `/diary-thumb/<media-id>` exactly; anything else is null. */
export function parseDiaryPath(path: unknown): { kind: DiaryContentKind; mediaId: string } | null {
  if (typeof path !== 'string' || path.length > 100) return null
  const match = DIARY_PATH.exec(path)
  return match ? { kind: match[1] as DiaryContentKind, mediaId: match[2]! } : null
}

export type DiaryContentAnswer =
  | { status: 404; reason: string }
  /** The diary is locked: nothing is served until it is unlocked. */
  | { status: 423; reason: string; headers: Record<string, string> }
  | { status: 416; size: number; headers: Record<string, string> }
  | {
      status: 200 | 206
      size: number
      start: number
      end: number
      headers: Record<string, string>
      /** The decrypted bytes of [start, end]: only the chunks covering them are read. */
      stream(): Readable
    }

const BASE_HEADERS = {
  'Accept-Ranges': 'bytes',
  'X-Content-Type-Options': 'nosniff',
  'Content-Security-Policy': CONTENT_SANDBOX_CSP,
  'Content-Disposition': 'inline',
  // Decrypted bytes must not outlive the unlock in any cache, in memory or on disk.
  'Cache-Control': 'no-store',
}

/**
 * Serves diary media decrypted, by media id only, while the diary is unlocked; with Range
 * (a seek in a 1 GiB video decrypts the 64 KiB chunks it covers and nothing else).
 */
export async function resolveDiaryContent(
  media: DiaryMedia,
  logger: Logger,
  request: { path: string; range?: string | null },
): Promise<DiaryContentAnswer> {
  const parsed = parseDiaryPath(request.path)
  if (!parsed) return { status: 404, reason: 'not a diary content path' }
  try {
    if (parsed.kind === 'diary-thumb') {
      const webp = await media.thumbnail(parsed.mediaId)
      return answer('image/webp', webp.length, request.range, (start, end) => Readable.from([webp.subarray(start, end + 1)]))
    }
    const { media: item, file } = await media.openOriginal(parsed.mediaId)
    return answer(item.meta.mime, file.plaintextSize, request.range, (start, end) => file.createReadStream({ start, end }))
  } catch (err) {
    if (isAppError(err) && err.code === 'VAULT_LOCKED') {
      return { status: 423, reason: 'the diary is locked', headers: { ...BASE_HEADERS, 'Content-Type': 'text/plain; charset=utf-8', 'X-Trove-Error': 'VAULT_LOCKED' } }
    }
    if (isAppError(err) && (err.code === 'NOT_FOUND' || err.code === 'CORRUPT')) {
      if (err.code === 'CORRUPT') logger.warn('diary media could not be served', { mediaId: parsed.mediaId, code: err.code })
      return { status: 404, reason: err.code === 'CORRUPT' ? 'damaged' : 'no such media' }
    }
    throw err
  }
}

function answer(mime: string, size: number, rangeHeader: string | null | undefined, stream: (start: number, end: number) => Readable): DiaryContentAnswer {
  const headers: Record<string, string> = { ...BASE_HEADERS, 'Content-Type': mime }
  const range = rangeHeader != null ? parseRange(rangeHeader, size) : ({ kind: 'full' } as const)
  if (range.kind === 'unsatisfiable') return { status: 416, size, headers: { ...headers, 'Content-Range': `bytes */${size}` } }
  const [start, end] = range.kind === 'partial' ? [range.start, range.end] : [0, size - 1]
  headers['Content-Length'] = String(size === 0 ? 0 : end - start + 1)
  if (range.kind === 'partial') headers['Content-Range'] = `bytes ${start}-${end}/${size}`
  const empty = size === 0
  return {
    status: range.kind === 'partial' ? 206 : 200,
    size,
    start,
    end: Math.max(end, start - 1),
    headers,
    stream: () => (empty ? Readable.from([]) : stream(start, end)),
  }
}
