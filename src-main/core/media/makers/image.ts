import { readFile } from 'node:fs/promises'
import sharp from 'sharp'
import { exifCameraAndPlace } from '../exif-facts'
import { exifTakenAt } from '../exif-date'
import { describeSharpError, PreviewError, THUMB_MAX_PX, THUMB_QUALITY } from '../thumbnail'
import { ocrMaker } from './ocr'
import type { MadePreview, MakerInput, PreviewMaker } from './preview-maker'

/** SVG is rendered from memory (no base folder, so it cannot pull in neighbouring files). */
const MAX_SVG_BYTES = 32 * 1024 * 1024
/** HEIC/HEIF need an HEVC decoder sharp's prebuilt libvips lacks (AVIF it reads): the heic maker takes them. */
export const HEIF_MIMES = new Set(['image/heic', 'image/heif', 'image/heic-sequence', 'image/heif-sequence'])

/**
 * Photos and pictures: one decode with sharp (libvips works on the thread pool, never on the
 * JavaScript thread), EXIF orientation applied, a 256 px WebP, and the date taken, camera and
 * GPS position from EXIF.
 */
export const imageMaker: PreviewMaker = {
  name: 'image',
  accepts: (mime) => mime.startsWith('image/') && !HEIF_MIMES.has(mime),
  make: makeImagePreview,
}

async function makeImagePreview(input: MakerInput): Promise<MadePreview> {
  if (input.mime === 'image/svg+xml' && input.size > MAX_SVG_BYTES) {
    throw new PreviewError('too-large', `The drawing is larger than ${MAX_SVG_BYTES / 1024 / 1024} MB, too large to preview.`)
  }
  try {
    const source = input.mime === 'image/svg+xml' ? await readFile(input.path) : input.path
    // 'error' rather than the stricter 'warning': a photo with a harmless glitch (extra bytes
    // before a marker) still gets its preview; damaged or truncated pixel data does not.
    const image = sharp(source, { failOn: 'error' })
    const meta = await image.metadata()
    if (input.signal.aborted) return { facts: {} }
    const webp = await image
      .rotate() // no angle: orient by EXIF, then drop the tag
      .resize({ width: THUMB_MAX_PX, height: THUMB_MAX_PX, fit: 'inside', withoutEnlargement: true })
      .webp({ quality: THUMB_QUALITY })
      .toBuffer()
    const takenAt = exifTakenAt(meta.exif)
    return {
      thumbnail: webp,
      thumbnailReady: true,
      // Scans, screenshots and pictures of text are read by the OCR pass; photos from a camera
      // (EXIF names one) are not: seconds each for a library of holiday pictures, and noise.
      needsOcr: ocrMaker.accepts(input.mime) && !exifCameraAndPlace(meta.exif).camera,
      facts: {
        width: meta.autoOrient?.width ?? meta.width,
        height: meta.autoOrient?.height ?? meta.height,
        orientation: meta.orientation ?? 1,
        ...(takenAt ? { takenAt } : {}),
        format: meta.format,
        ...exifCameraAndPlace(meta.exif),
      },
    }
  } catch (err) {
    throw err instanceof PreviewError ? err : describeSharpError(err)
  }
}
