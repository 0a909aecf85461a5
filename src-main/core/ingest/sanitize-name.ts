import { extname } from 'node:path'

const MAX_NAME_BYTES = 255
const RESERVED_WINDOWS = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])(\..*)?$/i
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/g
const FORBIDDEN = /[<>:"/\\|?*]/g

/**
 * A display name safe on every platform, kept as close to the original as possible: NFC,
 * no control characters, no `<>:"/\|?*`, no trailing dots or spaces, no reserved Windows
 * device names, at most 255 UTF-8 bytes without cutting a character (the extension is kept).
 */
export function sanitizeName(original: string): string {
  let name = original.normalize('NFC').replace(CONTROL, '').replace(FORBIDDEN, '_').trim()
  name = name.replace(/[. ]+$/, '')
  if (name === '' || /^\.+$/.test(name)) name = 'untitled'
  if (RESERVED_WINDOWS.test(name)) name = `_${name}`
  return truncateBytes(name, MAX_NAME_BYTES)
}

function truncateBytes(name: string, maxBytes: number): string {
  const encoder = new TextEncoder()
  if (encoder.encode(name).length <= maxBytes) return name
  const ext = extname(name)
  const keepExt = ext.length > 1 && encoder.encode(ext).length <= 20 ? ext : ''
  const budget = maxBytes - encoder.encode(keepExt).length
  let out = ''
  let used = 0
  for (const { segment } of new Intl.Segmenter(undefined, { granularity: 'grapheme' }).segment(name.slice(0, name.length - keepExt.length))) {
    const bytes = encoder.encode(segment).length
    if (used + bytes > budget) break
    out += segment
    used += bytes
  }
  return `${out.replace(/[. ]+$/, '') || 'untitled'}${keepExt}`
}
