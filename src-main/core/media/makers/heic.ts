import { readFile } from 'node:fs/promises'
import { exifTakenAt } from '../exif-date'
import { exifCameraAndPlace } from '../exif-facts'
import { PreviewError, thumbnailFromPicture } from '../thumbnail'
import { HEIF_MIMES } from './image'
import type { MadePreview, MakerInput, PreviewMaker } from './preview-maker'

/** libheif in WebAssembly holds the whole picture in memory: larger files are not decoded. */
const MAX_HEIC_BYTES = 256 * 1024 * 1024
const EXIF_BOX = Buffer.from('Exif', 'latin1')

/**
 * HEIC/HEIF photos (iPhones since 2017): sharp's prebuilt libvips has no HEVC decoder, so
 * libheif compiled to WebAssembly (heic-decode) decodes the primary image to RGBA and sharp
 * makes the thumbnail. The date taken and camera come from the EXIF block, when it is found.
 * libheif is LGPL-3.0: used unmodified as a separate package (see docs/DECISIONS.md).
 */
export const heicMaker: PreviewMaker = {
  name: 'heic',
  accepts: (mime) => HEIF_MIMES.has(mime),
  async make(input: MakerInput): Promise<MadePreview> {
    if (input.size > MAX_HEIC_BYTES) throw new PreviewError('too-large', `The photo is larger than ${MAX_HEIC_BYTES / 1024 / 1024} MB, too large to preview.`)
    const bytes = await readFile(input.path)
    const decoded = await decodeHeic(bytes)
    if (input.signal.aborted) return { facts: {} }
    const thumbnail = await thumbnailFromPicture({ data: decoded.data, width: decoded.width, height: decoded.height, channels: 4 })
    const exif = findExif(bytes)
    const takenAt = exifTakenAt(exif)
    return {
      thumbnail,
      thumbnailReady: true,
      facts: { width: decoded.width, height: decoded.height, format: 'heif', ...(takenAt ? { takenAt } : {}), ...exifCameraAndPlace(exif) },
    }
  },
}

async function decodeHeic(bytes: Buffer) {
  const mod: unknown = await import('heic-decode')
  const decode = ((mod as { default?: unknown }).default ?? mod) as typeof import('heic-decode')
  try {
    return await decode({ buffer: bytes })
  } catch (err) {
    const detail = (err instanceof Error ? err.message : String(err)).split('\n')[0]?.slice(0, 160)
    throw new PreviewError('corrupt', `The photo is damaged or incomplete (${detail}).`, { cause: err })
  }
}

/**
 * The EXIF block of a HEIF file sits in an item whose payload starts with a 4-byte offset
 * and then the TIFF header. Rather than walk the box tree, look for "Exif\0\0" or a TIFF
 * header right after an 'Exif' marker: good enough for the date and the camera, and any
 * miss only loses those facts. sharp validates nothing here; exifTakenAt bounds-checks.
 */
function findExif(bytes: Buffer): Buffer | null {
  const tiff = /(II\*\0|MM\0\*)/
  for (let at = bytes.indexOf(EXIF_BOX); at >= 0; at = bytes.indexOf(EXIF_BOX, at + 1)) {
    const window = bytes.subarray(at + 4, at + 4 + 16).toString('latin1')
    const match = tiff.exec(window)
    if (match) return bytes.subarray(at + 4 + match.index)
  }
  return null
}

