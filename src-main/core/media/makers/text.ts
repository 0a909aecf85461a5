import { open } from 'node:fs/promises'
import { MAX_INDEXED_BODY_CHARS } from '../../library/search-index'
import { decodeText } from './text-decode'
import { drawTextImage } from './text-image'
import type { MadePreview, MakerInput, PreviewMaker } from './preview-maker'

/** Bytes read from a text file: the index keeps MAX_INDEXED_BODY_CHARS characters at most. */
export const MAX_TEXT_BYTES = 4 * MAX_INDEXED_BODY_CHARS
/** Lines drawn on a text thumbnail, and its size (a square card the pipeline scales down, so a tile shows all of it). */
export const TEXT_THUMB_LINES = 20
const THUMB_WIDTH = 512
const THUMB_HEIGHT = 512

/** Mimes of text, Markdown and source files (file-type gives text/plain for most of them). */
const TEXT_MIMES = new Set(['application/json', 'application/xml', 'application/javascript', 'application/x-sh', 'application/toml', 'application/x-yaml', 'application/yaml'])

/**
 * Text, Markdown and source files: a thumbnail showing their first lines as they are written
 * (no Markdown rendering: the words a person typed, in a plain font), and their text, decoded
 * from UTF-8 or UTF-16, for the search index. The one path by which a text file's words reach
 * the index.
 */
export const textMaker: PreviewMaker = {
  name: 'text',
  accepts: (mime) => mime.startsWith('text/') || TEXT_MIMES.has(mime),
  make: makeTextPreview,
}

export async function makeTextPreview(input: MakerInput): Promise<MadePreview> {
  const bytes = await readHead(input.path, Math.min(input.size, MAX_TEXT_BYTES))
  if (input.signal.aborted) return { facts: {} }
  const text = decodeText(bytes).replace(/\r\n?/g, '\n').slice(0, MAX_INDEXED_BODY_CHARS)
  const lines = text
    .split('\n', TEXT_THUMB_LINES)
    .map((line) => line.replace(/\t/g, '  ').replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '').slice(0, 200))
  const thumbnail = await drawTextImage(lines, { width: THUMB_WIDTH, height: THUMB_HEIGHT, fontSize: 20, lineHeight: 23, margin: 24, maxLines: TEXT_THUMB_LINES })
  return {
    thumbnail,
    facts: { format: input.mime === 'text/markdown' ? 'markdown' : 'text' },
    ...(text.trim() ? { text: { source: 'document' as const, content: text } } : {}),
  }
}

/** The first `limit` bytes: a huge log file costs what its head costs. */
async function readHead(path: string, limit: number): Promise<Uint8Array> {
  const handle = await open(path, 'r')
  try {
    const buffer = Buffer.alloc(Math.max(0, limit))
    let filled = 0
    while (filled < buffer.length) {
      const { bytesRead } = await handle.read(buffer, filled, buffer.length - filled, filled)
      if (bytesRead === 0) break
      filled += bytesRead
    }
    return buffer.subarray(0, filled)
  } finally {
    await handle.close()
  }
}
