import { open } from 'node:fs/promises'
import { exifTakenAt } from '../exif-date'
import { exifCameraAndPlace } from '../exif-facts'
import { runOnThread, WorkerTaskError, type DecodedPicture } from '../maker-threads'
import { PreviewError, thumbnailFromPicture } from '../thumbnail'
import { HEIF_MIMES } from './image'
import type { MadePreview, MakerInput, PreviewMaker } from './preview-maker'

/** libheif in WebAssembly holds the whole picture in memory: larger files are not decoded. */
const MAX_HEIC_BYTES = 256 * 1024 * 1024
const EXIF_BOX = Buffer.from('Exif', 'latin1')
const EXIF_SEARCH_BYTES = 1024 * 1024

/**
 * HEIC/HEIF photos (iPhones since 2017): sharp's prebuilt libvips has no HEVC decoder, so
 * libheif compiled to WebAssembly (heic-decode) decodes the primary image to RGBA on a worker
 * thread and sharp makes the thumbnail. The date taken and camera come from the EXIF block, when it is found.
 * libheif is LGPL-3.0: used unmodified as a separate package (see docs/DECISIONS.md).
 */
export const heicMaker: PreviewMaker = {
  name: 'heic',
  accepts: (mime) => HEIF_MIMES.has(mime),
  async make(input: MakerInput): Promise<MadePreview> {
    if (input.size > MAX_HEIC_BYTES) throw new PreviewError('too-large', `The photo is larger than ${MAX_HEIC_BYTES / 1024 / 1024} MB, too large to preview.`)
    const decoded = await decodeHeic(input)
    if (input.signal.aborted) return { facts: {} }
    const thumbnail = await thumbnailFromPicture({ data: decoded.data, width: decoded.width, height: decoded.height, channels: 4 })
    const exif = await readExif(input.path)
    const takenAt = exifTakenAt(exif)
    return {
      thumbnail,
      thumbnailReady: true,
      facts: { width: decoded.width, height: decoded.height, format: 'heif', ...(takenAt ? { takenAt } : {}), ...exifCameraAndPlace(exif) },
    }
  },
}

/** On a worker thread: libheif's WebAssembly would otherwise hold the app's main thread. */
async function decodeHeic(input: MakerInput): Promise<DecodedPicture> {
  try {
    return await runOnThread('heic', { path: input.path }, input.signal)
  } catch (err) {
    if (!(err instanceof WorkerTaskError)) throw err
    throw new PreviewError('corrupt', `The photo is damaged or incomplete (${err.message.slice(0, 160)}).`, { cause: err })
  }
}

/** The EXIF block sits near the start of the file (in the meta box): the first MiB is read. */
async function readExif(path: string): Promise<Buffer | null> {
  const handle = await open(path, 'r')
  try {
    const head = Buffer.alloc(EXIF_SEARCH_BYTES)
    const { bytesRead } = await handle.read(head, 0, head.length, 0)
    return findExif(head.subarray(0, bytesRead))
  } finally {
    await handle.close()
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

