import exifReader from 'exif-reader'
import type { MadeFacts } from './makers/preview-maker'

/**
 * Camera (make and model) and GPS position from a photo's EXIF block (as sharp's metadata
 * returns it). The block is untrusted: anything unreadable or out of range yields nothing
 * rather than an error. The date taken is read by `exifTakenAt`.
 */
export function exifCameraAndPlace(exif: Buffer | undefined | null): Pick<MadeFacts, 'camera' | 'gps'> {
  if (!exif || exif.length < 8) return {}
  let tags: ReturnType<typeof exifReader>
  try {
    tags = exifReader(exif)
  } catch {
    return {}
  }
  const facts: Pick<MadeFacts, 'camera' | 'gps'> = {}
  const camera = cameraName(clean(tags.Image?.Make), clean(tags.Image?.Model))
  if (camera) facts.camera = camera
  const gps = tags.GPSInfo
  const latitude = degrees(gps?.GPSLatitude, gps?.GPSLatitudeRef, 'S', 90)
  const longitude = degrees(gps?.GPSLongitude, gps?.GPSLongitudeRef, 'W', 180)
  if (latitude !== null && longitude !== null) {
    facts.gps = { latitude, longitude }
    const altitude = typeof gps?.GPSAltitude === 'number' && Number.isFinite(gps.GPSAltitude) ? gps.GPSAltitude : null
    // GPSAltitudeRef 1 means below sea level.
    if (altitude !== null) facts.gps.altitude = round(Number(gps?.GPSAltitudeRef) === 1 ? -altitude : altitude, 1)
  }
  return facts
}

function clean(value: unknown): string {
  return typeof value === 'string' ? value.replace(/\0/g, '').trim().slice(0, 100) : ''
}

/** "Canon Canon EOS R5" reads better as "Canon EOS R5": drop the make when the model repeats it. */
function cameraName(make: string, model: string): string {
  if (!model) return make
  if (!make || model.toLowerCase().startsWith(make.split(' ')[0]!.toLowerCase())) return model
  return `${make} ${model}`
}

function degrees(dms: unknown, ref: unknown, negative: string, limit: number): number | null {
  if (!Array.isArray(dms) || dms.length < 1 || !dms.every((n) => typeof n === 'number' && Number.isFinite(n))) return null
  const [d = 0, m = 0, s = 0] = dms as number[]
  let value = d + m / 60 + s / 3600
  if (typeof ref === 'string' && ref.trim().toUpperCase() === negative) value = -value
  return Math.abs(value) <= limit ? round(value, 6) : null
}

const round = (n: number, places: number): number => Math.round(n * 10 ** places) / 10 ** places
