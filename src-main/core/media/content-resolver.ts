import type { Kysely } from 'kysely'
import { errnoOf } from '../common/app-error'
import type { FsSeam } from '../common/fs-seam'
import type { Database } from '../db/schema'
import type { LibraryLayout } from '../library/library-layout'
import type { ObjectStore } from '../store/object-store'
import { inPlacePath } from '../sync/in-place'
import { MAX_PAGE_NUMBER, pageImage } from './pdf/page-images'
import { thumbAbsolutePath } from './thumbnail'

/**
 * Bytes for the renderer, named by hash only: `/original/<sha256>`, `/thumb/<sha256>` and
 * `/page/<sha256>/<n>` (page n of a PDF as a PNG, rendered on first request).
 * The one place both transports (the trove: protocol and the loopback server) turn a request
 * into a file, so the rules are written once: the path must match exactly (nothing is
 * decoded, normalised or joined from it), the hash must belong to a stored row, and the file
 * must be there. Range handling follows RFC 9110 for a single range.
 */

export type ContentKind = 'original' | 'thumb' | 'page'

const CONTENT_PATH = /^\/(original|thumb)\/([0-9a-f]{64})$/
/** A page number: 1 to MAX_PAGE_NUMBER, no sign, no leading zero. */
const PAGE_PATH = /^\/page\/([0-9a-f]{64})\/([1-9][0-9]{0,4})$/
const MAX_PATH_LENGTH = 100
const MAX_RANGE_HEADER = 200
/** Longer digit strings than this cannot be exact JavaScript numbers; they are "beyond any file". */
const MAX_DIGITS = 15

/** `/original/<sha>`, `/thumb/<sha>` or `/page/<sha>/<n>` exactly; anything else is null. */
export function parseContentPath(path: unknown): { kind: ContentKind; sha256: string; page?: number } | null {
  if (typeof path !== 'string' || path.length > MAX_PATH_LENGTH) return null
  const page = PAGE_PATH.exec(path)
  if (page) {
    const number = Number(page[2])
    return number <= MAX_PAGE_NUMBER ? { kind: 'page', sha256: page[1]!, page: number } : null
  }
  const match = CONTENT_PATH.exec(path)
  return match ? { kind: match[1] as ContentKind, sha256: match[2]! } : null
}

export type RangeAnswer =
  /** No usable Range header: send everything (200). */
  | { kind: 'full' }
  /** One satisfiable range, inclusive: send it (206). */
  | { kind: 'partial'; start: number; end: number }
  /** A well-formed range that selects no byte of this file (416). */
  | { kind: 'unsatisfiable' }

/**
 * Parses a Range header against a file of `size` bytes. One range only: `bytes=a-b`,
 * `bytes=a-` and `bytes=-n`. A header that is absent, malformed, of another unit, or asks
 * for several ranges is ignored (the whole file is sent), as RFC 9110 allows.
 */
export function parseRange(header: unknown, size: number): RangeAnswer {
  if (typeof header !== 'string' || header.length > MAX_RANGE_HEADER) return { kind: 'full' }
  const match = /^\s*bytes\s*=\s*(\d*)\s*-\s*(\d*)\s*$/i.exec(header)
  if (!match) return { kind: 'full' }
  const [, first = '', last = ''] = match
  if (first === '' && last === '') return { kind: 'full' }
  const number = (digits: string) => (digits.replace(/^0+(?=\d)/, '').length > MAX_DIGITS ? Number.POSITIVE_INFINITY : Number(digits))

  if (first === '') {
    // Suffix: the last n bytes (all of them when n ≥ size). n = 0 selects nothing.
    const n = number(last)
    if (n === 0 || size === 0) return { kind: 'unsatisfiable' }
    return { kind: 'partial', start: Math.max(0, size - Math.min(n, size)), end: size - 1 }
  }
  const start = number(first)
  const end = last === '' ? Number.POSITIVE_INFINITY : number(last)
  if (end < start) return { kind: 'full' } // invalid: ignored
  if (start >= size) return { kind: 'unsatisfiable' }
  return { kind: 'partial', start, end: Math.min(end, size - 1) }
}

export interface ContentDeps {
  db: Kysely<Database>
  fs: FsSeam
  store: ObjectStore
  layout: LibraryLayout
}

export interface ContentRequest {
  /** The path after the transport's prefix: `/original/<sha>` or `/thumb/<sha>`. */
  path: string
  /** The Range header, if any. */
  range?: string | null
  /** The If-Range header, if any: the range is honoured only when it matches our ETag. */
  ifRange?: string | null
}

export type ContentAnswer =
  | { status: 404; reason: string }
  | { status: 416; size: number; headers: Record<string, string> }
  | {
      status: 200 | 206
      kind: ContentKind
      sha256: string
      /** Absolute path of the file to send. */
      file: string
      /** Whole file size, and the inclusive byte range to send. */
      size: number
      start: number
      end: number
      headers: Record<string, string>
    }

/** An original can never script the app: it is its own sandboxed, opaque-origin document. */
export const CONTENT_SANDBOX_CSP = "sandbox; default-src 'none'"

/**
 * Resolves a content request to a file and the headers to send with it. Never throws for a
 * bad request: unknown, malformed, unstored or missing content is 404.
 */
export async function resolveContent(deps: ContentDeps, request: ContentRequest): Promise<ContentAnswer> {
  const parsed = parseContentPath(request.path)
  if (!parsed) return { status: 404, reason: 'not a content path' }
  const row = await deps.db
    .selectFrom('files')
    .select(['id', 'sha256', 'ext', 'mime', 'name', 'stored', 'storage'])
    .where('sha256', '=', parsed.sha256)
    .executeTakeFirst()
  // Trashed content is still content (the trash shows it); content marked missing is not.
  if (!row || row.stored !== 1) return { status: 404, reason: 'no such content' }

  if (parsed.kind === 'page' && row.mime !== 'application/pdf') return { status: 404, reason: 'pages are for PDFs' }
  let file = parsed.kind === 'thumb' ? thumbAbsolutePath(deps.layout, row.sha256) : deps.store.absolutePath(row.sha256, row.ext)
  if (parsed.kind !== 'thumb' && row.storage === 'in_place') {
    // Indexed in place: read from the first watched folder that still has this content.
    const inPlace = await inPlacePath(deps.db, deps.fs, row.id)
    if (!inPlace) return { status: 404, reason: 'no watched copy available' }
    file = inPlace
  }
  if (parsed.kind === 'page') {
    // A damaged PDF, or a page past its end, has no page to show.
    const page = await pageImage(deps, row.sha256, file, parsed.page!).catch(() => null)
    if (!page) return { status: 404, reason: 'no such page' }
    file = page
  }
  let size: number
  try {
    const info = await deps.fs.stat(file)
    if (!info.isFile()) return { status: 404, reason: 'not a file' }
    size = info.size
  } catch (err) {
    if (errnoOf(err) === 'ENOENT' || errnoOf(err) === 'ENOTDIR') return { status: 404, reason: 'file missing' }
    throw err
  }

  const etag = parsed.kind === 'original' ? `"${row.sha256}"` : null
  const headers: Record<string, string> = {
    'Content-Type': parsed.kind === 'thumb' ? 'image/webp' : parsed.kind === 'page' ? 'image/png' : row.mime,
    'Accept-Ranges': 'bytes',
    'X-Content-Type-Options': 'nosniff',
    'Content-Security-Policy': CONTENT_SANDBOX_CSP,
    'Content-Disposition': parsed.kind === 'original' ? `inline; filename*=UTF-8''${encodeRfc5987(row.name)}` : 'inline',
    // An original's bytes never change under its name; a thumbnail may be made again.
    'Cache-Control': parsed.kind === 'thumb' ? 'no-cache' : 'private, max-age=31536000, immutable',
  }
  if (etag) headers.ETag = etag

  const rangeApplies = request.range != null && (request.ifRange == null || (etag !== null && request.ifRange.trim() === etag))
  const range = rangeApplies ? parseRange(request.range, size) : ({ kind: 'full' } as const)
  if (range.kind === 'unsatisfiable') {
    return { status: 416, size, headers: { ...headers, 'Content-Range': `bytes */${size}` } }
  }
  const [start, end] = range.kind === 'partial' ? [range.start, range.end] : [0, size - 1]
  const length = size === 0 ? 0 : end - start + 1
  headers['Content-Length'] = String(length)
  if (range.kind === 'partial') headers['Content-Range'] = `bytes ${start}-${end}/${size}`
  return { status: range.kind === 'partial' ? 206 : 200, kind: parsed.kind, sha256: row.sha256, file, size, start, end: Math.max(end, start - 1), headers }
}

/** RFC 5987 encoding of a file name for `filename*=` (every byte outside the safe set escaped). */
function encodeRfc5987(name: string): string {
  return encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
}
