import { videoCodecLabel } from './MediaPreview'

const str = (value: unknown): string | null => (typeof value === 'string' && value.trim() ? value.trim() : null)
const num = (value: unknown): number | null => (typeof value === 'number' && Number.isFinite(value) ? value : null)

/** A position as numbers (no map, no link: nothing leaves the machine): 51.500000° N, 0.125000° W. */
export function formatPlace(gps: unknown): string | null {
  if (!gps || typeof gps !== 'object') return null
  const g = gps as Record<string, unknown>
  const lat = num(g.latitude)
  const lon = num(g.longitude)
  if (lat === null || lon === null) return null
  const alt = num(g.altitude)
  const place = `${Math.abs(lat).toFixed(6)}° ${lat < 0 ? 'S' : 'N'}, ${Math.abs(lon).toFixed(6)}° ${lon < 0 ? 'W' : 'E'}`
  return alt === null ? place : `${place}, ${alt.toLocaleString()} m`
}

/** The facts the media makers found: recording tags, codecs, camera and place. */
export function mediaFacts(metadata: Record<string, unknown>): Array<[string, string]> {
  const rows: Array<[string, string]> = []
  const add = (label: string, value: string | null) => value && rows.push([label, value])
  add('Title', str(metadata.title))
  add('Artist', str(metadata.artist))
  add('Album', str(metadata.album))
  add('Author', str(metadata.author))
  const video = videoCodecLabel(metadata.videoCodec)
  const audio = str(metadata.audioCodec)
  add('Codec', [video, audio].filter(Boolean).join(' · ') || null)
  add('Camera', str(metadata.camera))
  add('Place', formatPlace(metadata.gps))
  return rows
}
