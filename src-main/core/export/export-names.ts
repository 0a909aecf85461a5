import { extname } from 'node:path'
import { sanitizeName } from '../ingest/sanitize-name'

/** Names compare as the strictest filesystem would: NFC and ignoring case (macOS, Windows). */
const key = (name: string) => name.normalize('NFC').toLowerCase()
const MAX_NAME_BYTES = 255
const bytes = (text: string) => Buffer.byteLength(text, 'utf8')

/** `text` cut (at a character boundary) to at most `max` UTF-8 bytes. */
function fitBytes(text: string, max: number): string {
  if (bytes(text) <= max) return text
  let out = ''
  for (const char of text) {
    if (bytes(out + char) > max) break
    out += char
  }
  return out
}

/**
 * The names taken in one folder of an export. `claim` makes a wanted name safe on every
 * platform (sanitizeName) and, when it is taken, picks "name (2).ext", "name (3).ext", …
 */
export class FolderNames {
  private readonly taken = new Set<string>()

  constructor(reserved: readonly string[] = []) {
    for (const name of reserved) this.taken.add(key(name))
  }

  claim(wanted: string): string {
    const safe = sanitizeName(wanted)
    if (this.tryClaim(safe)) return safe
    const ext = extname(safe)
    const stem = ext.length > 1 && ext.length < safe.length ? safe.slice(0, -ext.length) : safe
    const suffix = stem === safe ? '' : ext
    for (let n = 2; ; n++) {
      const tail = ` (${n})${suffix}`
      const candidate = `${fitBytes(stem, MAX_NAME_BYTES - bytes(tail))}${tail}`
      if (this.tryClaim(candidate)) return candidate
    }
  }

  /** Marks a name as taken (e.g. one that turned out to exist on disk); false if it already was. */
  tryClaim(name: string): boolean {
    const k = key(name)
    if (this.taken.has(k)) return false
    this.taken.add(k)
    return true
  }
}
