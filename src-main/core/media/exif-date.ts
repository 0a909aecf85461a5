/**
 * Reads when a photo was taken from its EXIF block, and nothing else: no EXIF parser is among
 * the app's dependencies, and one tag does not justify adding one. The block is untrusted
 * bytes, so every offset is bounds-checked, each directory is read at most once, and anything
 * unexpected yields null rather than an error.
 *
 * Layout (TIFF, as sharp's `metadata().exif` returns it, optionally after "Exif\0\0"):
 *   byte order "II" | "MM", 42, offset of IFD0 → IFD0 entries → tag 0x8769 (Exif IFD offset)
 *   → Exif IFD entries → 0x9003 DateTimeOriginal "YYYY:MM:DD HH:MM:SS" (ASCII, local time)
 *   and optionally 0x9011 OffsetTimeOriginal "+HH:MM".
 */

const EXIF_HEADER = Buffer.from('Exif\0\0', 'latin1')
const TAG_EXIF_IFD = 0x8769
const TAG_DATE_TIME_ORIGINAL = 0x9003
const TAG_OFFSET_TIME_ORIGINAL = 0x9011
const TYPE_ASCII = 2
const TYPE_LONG = 4
const MAX_ENTRIES = 1000
const DATE_TIME = /^(\d{4}):(\d{2}):(\d{2})[ T](\d{2}):(\d{2}):(\d{2})$/
const OFFSET = /^[+-](\d{2}):(\d{2})$/

interface Entry {
  type: number
  count: number
  /** Offset of the entry's 4-byte value field inside the TIFF block. */
  valueAt: number
}

/**
 * The moment a photo was taken, as ISO 8601: `2021-07-04T10:20:30+02:00` when the camera
 * recorded its UTC offset, otherwise `2021-07-04T10:20:30` (local time, zone unknown). Null
 * when there is no EXIF, no DateTimeOriginal, or it is blank, zeroed or not a real date.
 */
export function exifTakenAt(exif: Buffer | undefined | null): string | null {
  if (!exif) return null
  const tiff = exif.subarray(0, EXIF_HEADER.length).equals(EXIF_HEADER) ? exif.subarray(EXIF_HEADER.length) : exif
  if (tiff.length < 8) return null
  const order = tiff.toString('latin1', 0, 2)
  if (order !== 'II' && order !== 'MM') return null
  const little = order === 'II'
  const u16 = (at: number) => (little ? tiff.readUInt16LE(at) : tiff.readUInt16BE(at))
  const u32 = (at: number) => (little ? tiff.readUInt32LE(at) : tiff.readUInt32BE(at))
  if (u16(2) !== 42) return null

  const readIfd = (offset: number): Map<number, Entry> | null => {
    if (offset < 8 || offset + 2 > tiff.length) return null
    const count = u16(offset)
    if (count > MAX_ENTRIES || offset + 2 + count * 12 > tiff.length) return null
    const entries = new Map<number, Entry>()
    for (let i = 0; i < count; i++) {
      const at = offset + 2 + i * 12
      const tag = u16(at)
      if (!entries.has(tag)) entries.set(tag, { type: u16(at + 2), count: u32(at + 4), valueAt: at + 8 })
    }
    return entries
  }

  const ascii = (entry: Entry | undefined): string | null => {
    if (!entry || entry.type !== TYPE_ASCII || entry.count === 0 || entry.count > 64) return null
    const start = entry.count <= 4 ? entry.valueAt : u32(entry.valueAt)
    if (start + entry.count > tiff.length) return null
    // Trailing NULs and padding spaces are common; embedded control characters are not text.
    const text = tiff.toString('latin1', start, start + entry.count).replace(/[\0\s]+$/, '')
    return /^[\x20-\x7e]*$/.test(text) ? text : null
  }

  const ifd0 = readIfd(u32(4))
  const pointer = ifd0?.get(TAG_EXIF_IFD)
  if (!pointer || pointer.type !== TYPE_LONG || pointer.count !== 1) return null
  const exifIfd = readIfd(u32(pointer.valueAt))
  if (!exifIfd) return null

  const local = parseDateTime(ascii(exifIfd.get(TAG_DATE_TIME_ORIGINAL)))
  if (!local) return null
  const offset = ascii(exifIfd.get(TAG_OFFSET_TIME_ORIGINAL))
  return offset && validOffset(offset) ? `${local}${offset}` : local
}

/** "2021:07:04 10:20:30" → "2021-07-04T10:20:30", or null when it is not a real moment. */
function parseDateTime(text: string | null): string | null {
  const match = text ? DATE_TIME.exec(text) : null
  if (!match) return null
  const [year, month, day, hour, minute, second] = match.slice(1).map(Number) as [number, number, number, number, number, number]
  if (year < 1800 || month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return null
  // Day within the month (30 February is refused): round-trip through a UTC date.
  const date = new Date(Date.UTC(year, month - 1, day))
  if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null
  const [, y, mo, d, h, mi, s] = match
  return `${y}-${mo}-${d}T${h}:${mi}:${s}`
}

function validOffset(offset: string): boolean {
  const match = OFFSET.exec(offset)
  return match !== null && Number(match[1]) <= 14 && Number(match[2]) <= 59
}
