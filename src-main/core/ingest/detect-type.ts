import { fileTypeFromBuffer, fileTypeFromFile } from 'file-type'
import { extname } from 'node:path'
import type { FileKind } from '../db/schema'
import { safeExt } from '../store/object-store'

export interface DetectedType {
  mime: string
  ext: string
  kind: FileKind
}

/** Text formats recognised by name once the bytes are known to be text (no magic bytes exist). */
const TEXT_BY_EXT: Record<string, string> = {
  txt: 'text/plain', md: 'text/markdown', markdown: 'text/markdown', csv: 'text/csv', tsv: 'text/tab-separated-values',
  json: 'application/json', xml: 'application/xml', html: 'text/html', htm: 'text/html', css: 'text/css',
  js: 'text/javascript', ts: 'text/x-typescript', py: 'text/x-python', rs: 'text/x-rust', go: 'text/x-go',
  java: 'text/x-java', c: 'text/x-c', h: 'text/x-c', cpp: 'text/x-c++', sh: 'text/x-shellscript',
  yaml: 'application/yaml', yml: 'application/yaml', toml: 'application/toml', ini: 'text/plain', log: 'text/plain',
  svg: 'image/svg+xml', srt: 'application/x-subrip', vtt: 'text/vtt', tex: 'text/x-tex', rtf: 'application/rtf',
}

const DOCUMENT_MIMES = new Set([
  'application/pdf', 'application/rtf', 'application/epub+zip', 'application/msword', 'application/vnd.ms-excel',
  'application/vnd.ms-powerpoint', 'application/vnd.oasis.opendocument.text', 'application/vnd.oasis.opendocument.spreadsheet',
  'application/vnd.oasis.opendocument.presentation', 'application/x-mobipocket-ebook',
])
const ARCHIVE_MIMES = new Set([
  'application/zip', 'application/x-tar', 'application/gzip', 'application/x-7z-compressed', 'application/x-rar-compressed',
  'application/vnd.rar', 'application/x-bzip2', 'application/x-xz', 'application/zstd', 'application/x-lzip', 'application/x-cpio',
])

export function kindOfMime(mime: string): FileKind {
  if (mime === 'image/svg+xml' || mime.startsWith('image/')) return 'image'
  if (mime.startsWith('video/')) return 'video'
  if (mime.startsWith('audio/')) return 'audio'
  if (DOCUMENT_MIMES.has(mime) || mime.startsWith('application/vnd.openxmlformats-officedocument')) return 'document'
  if (ARCHIVE_MIMES.has(mime)) return 'archive'
  if (mime.startsWith('text/') || ['application/json', 'application/xml', 'application/yaml', 'application/toml', 'application/x-subrip'].includes(mime)) return 'text'
  return 'other'
}

/** True when `head` (the first bytes of a file) reads as UTF-8 text without NUL bytes. */
export function looksLikeText(head: Buffer): boolean {
  if (head.includes(0)) return false
  try {
    // stream: true tolerates a character cut at the end of the head
    new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: true })
    return true
  } catch {
    return false
  }
}

/**
 * What a file is, from its bytes: magic bytes first (file-type), then "is it text?"; the
 * name's extension only picks among text formats and never overrides the content.
 */
export async function detectType(path: string, head: Buffer, originalName: string): Promise<DetectedType> {
  return byMagicOrText(await fileTypeFromFile(path), head, originalName)
}

/**
 * The same, from the first bytes alone (a watched file already read once while hashing: no
 * second open). `head` should hold the first MiB; magic numbers sit well inside it.
 */
export async function detectTypeOfHead(head: Buffer, originalName: string): Promise<DetectedType> {
  return byMagicOrText(await fileTypeFromBuffer(head), head.subarray(0, 8192), originalName)
}

/**
 * An empty file has no magic bytes: one named as a photo, film or recording keeps that type, so
 * that its preview fails with "The file is empty." instead of it passing for an empty text.
 */
const MEDIA_BY_EXT: Record<string, string> = {
  jpg: 'image/jpeg', jpeg: 'image/jpeg', png: 'image/png', gif: 'image/gif', webp: 'image/webp', heic: 'image/heic', heif: 'image/heif',
  tif: 'image/tiff', tiff: 'image/tiff', bmp: 'image/bmp', avif: 'image/avif', mp4: 'video/mp4', m4v: 'video/x-m4v', mov: 'video/quicktime',
  webm: 'video/webm', mkv: 'video/x-matroska', avi: 'video/vnd.avi', mp3: 'audio/mpeg', m4a: 'audio/x-m4a', wav: 'audio/wav',
  flac: 'audio/flac', ogg: 'audio/ogg', opus: 'audio/ogg', aac: 'audio/aac',
}

function byMagicOrText(found: { mime: string; ext: string } | undefined, head: Buffer, originalName: string): DetectedType {
  if (found) return { mime: found.mime, ext: safeExt(found.ext), kind: kindOfMime(found.mime) }
  const nameExt = extname(originalName).slice(1).toLowerCase()
  const emptyMedia = head.length === 0 ? MEDIA_BY_EXT[nameExt] : undefined
  if (emptyMedia) return { mime: emptyMedia, ext: safeExt(nameExt), kind: kindOfMime(emptyMedia) }
  if (looksLikeText(head)) {
    const mime = TEXT_BY_EXT[nameExt] ?? 'text/plain'
    return { mime, ext: TEXT_BY_EXT[nameExt] ? safeExt(nameExt) : 'txt', kind: kindOfMime(mime) }
  }
  return { mime: 'application/octet-stream', ext: nameExt ? safeExt(nameExt) : 'bin', kind: 'other' }
}
