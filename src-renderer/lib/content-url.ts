/**
 * URLs for library bytes, by hash only, and for the diary's decrypted media, by media id (served
 * only while the diary is unlocked, never cached). In Electron they go through the trove: protocol; in a
 * browser on the loopback server, through /content/ with the read-only token the page was
 * served with (an <img> cannot send headers). Both end in the same resolver in main.
 */
import {
  LOOPBACK_CONTENT_PREFIX,
  LOOPBACK_CONTENT_TOKEN_META,
  LOOPBACK_CONTENT_TOKEN_PARAM,
} from '../../src-preload/loopback-protocol'
import type { DiaryContentKind } from '../../src-preload/contract/diary'
import { trove } from './bridge'

/** 'page' is page n (from 1) of a PDF as a PNG: give `page` in the options. */
export type ContentKind = 'original' | 'thumb' | 'page' | DiaryContentKind

const SHA256 = /^[0-9a-f]{64}$/
/** As the contract's DIARY_CONTENT_KINDS and DIARY_ID_PATTERN (kept here so zod stays out of the bundle). */
const DIARY_KINDS: readonly string[] = ['diary', 'diary-thumb'] satisfies DiaryContentKind[]
const DIARY_ID = /^[0-9a-f]{32}$/

export interface ContentUrlOptions {
  /** Changes the URL when a thumbnail was made again, so no cached copy is shown. */
  version?: string | number
  /** For 'page': the page number, from 1. */
  page?: number
}

/** The URL for the given transport; pure, so it is tested without a window. */
export function buildContentUrl(
  kind: ContentKind,
  sha256: string,
  where: { transport: 'electron' | 'loopback'; token: string | null },
  options: ContentUrlOptions = {},
): string {
  const diary = DIARY_KINDS.includes(kind)
  if (kind !== 'original' && kind !== 'thumb' && kind !== 'page' && !diary) throw new TypeError(`Unknown content kind: ${String(kind)}`)
  if (diary && !DIARY_ID.test(sha256)) throw new TypeError('A diary content URL needs a media id (32 lowercase hex characters).')
  if (!diary && !SHA256.test(sha256)) throw new TypeError('contentUrl needs a SHA-256 (64 lowercase hex characters).')
  const page = options.page
  if (kind === 'page' && !(Number.isInteger(page) && page! >= 1)) throw new TypeError('A page URL needs a page number from 1.')
  const name = kind === 'page' ? `${sha256}/${page}` : sha256
  const query = new URLSearchParams()
  if (where.transport === 'loopback' && where.token) query.set(LOOPBACK_CONTENT_TOKEN_PARAM, where.token)
  if (options.version !== undefined) query.set('v', String(options.version))
  const search = query.size > 0 ? `?${query}` : ''
  return where.transport === 'electron' ? `trove://content/${kind}/${name}${search}` : `${LOOPBACK_CONTENT_PREFIX}/${kind}/${name}${search}`
}

let token: string | null | undefined

function contentToken(): string | null {
  token ??= document.querySelector<HTMLMetaElement>(`meta[name="${LOOPBACK_CONTENT_TOKEN_META}"]`)?.content ?? null
  return token
}

/**
 * `trove://content/<kind>/<sha>` in Electron, `/content/<kind>/<sha>?t=…` on loopback; for the
 * diary kinds the second part is the media id.
 */
export function contentUrl(kind: ContentKind, sha256: string, options?: ContentUrlOptions): string {
  const transport = trove.transport
  return buildContentUrl(kind, sha256, { transport, token: transport === 'loopback' ? contentToken() : null }, options)
}
