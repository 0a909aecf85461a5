import { randomUUID } from 'node:crypto'
import { join } from 'node:path'
import sharp from 'sharp'
import { fsyncDirectory, type FsSeam } from '../common/fs-seam'
import type { LibraryLayout } from '../library/library-layout'

/** Longest side of a thumbnail, in pixels. */
export const THUMB_MAX_PX = 256
export const THUMB_QUALITY = 80
const SHA256_HEX = /^[0-9a-f]{64}$/

export type PreviewFailure = 'missing' | 'empty' | 'corrupt' | 'unsupported' | 'too-large' | 'failed'

/** Why no preview could be made, in words a person can act on. */
export class PreviewError extends Error {
  constructor(
    readonly failure: PreviewFailure,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options)
    this.name = 'PreviewError'
  }
}

/** `thumbs/ab/<sha256>.webp`, relative to the library root. */
export function thumbRelativePath(sha256: string): string {
  if (!SHA256_HEX.test(sha256)) throw new Error('Not a SHA-256 hash.')
  return join('thumbs', sha256.slice(0, 2), `${sha256}.webp`)
}

export const thumbAbsolutePath = (layout: LibraryLayout, sha256: string): string => join(layout.root, thumbRelativePath(sha256))

let sharpConfigured = false

/**
 * One libvips thread per image: the preview queue runs several images side by side instead,
 * which keeps each core busy without oversubscribing. No open-file cache either: on Windows an
 * open handle would stop an object from being deleted.
 */
export function configureSharp(): void {
  if (sharpConfigured) return
  sharpConfigured = true
  sharp.concurrency(1)
  sharp.cache({ files: 0 })
}

/** Raw pixels, as a decoder (libheif) returns them. */
export interface RawPicture {
  data: Uint8Array | Uint8ClampedArray
  width: number
  height: number
  channels: 1 | 2 | 3 | 4
}

/**
 * Turns the picture a maker found (an encoded image sharp reads, or raw pixels) into the
 * thumbnail: a WebP of at most 256 px on its longer side, EXIF orientation applied, no metadata.
 */
export async function thumbnailFromPicture(picture: Buffer | RawPicture): Promise<Buffer> {
  try {
    const image = Buffer.isBuffer(picture)
      ? sharp(picture, { failOn: 'error' })
      : sharp(Buffer.from(picture.data.buffer, picture.data.byteOffset, picture.data.byteLength), {
          raw: { width: picture.width, height: picture.height, channels: picture.channels },
        })
    return await image
      .rotate()
      .resize({ width: THUMB_MAX_PX, height: THUMB_MAX_PX, fit: 'inside', withoutEnlargement: true })
      .webp({ quality: THUMB_QUALITY })
      .toBuffer()
  } catch (err) {
    throw describeSharpError(err)
  }
}

/**
 * Puts a thumbnail in place so that no reader ever sees part of one: temp file in tmp/,
 * fsync, rename over `thumbs/ab/<sha>.webp`, fsync the folder. Returns the absolute path.
 */
export async function writeThumbnail(fs: FsSeam, layout: LibraryLayout, sha256: string, webp: Buffer): Promise<string> {
  const target = thumbAbsolutePath(layout, sha256)
  const folder = join(layout.thumbs, sha256.slice(0, 2))
  const temp = join(layout.tmp, `thumb-${randomUUID()}.webp.part`)
  try {
    const handle = await fs.open(temp, 'wx', 0o644)
    try {
      let offset = 0
      while (offset < webp.length) offset += (await handle.write(webp, offset, webp.length - offset)).bytesWritten
      await handle.sync()
    } finally {
      await handle.close()
    }
    await fs.mkdir(folder, { recursive: true })
    await fs.rename(temp, target)
    await fsyncDirectory(fs, folder)
    return target
  } catch (err) {
    await fs.rm(temp, { force: true }).catch(() => undefined)
    throw err
  }
}

/** sharp and libvips speak in decoder messages; turn them into one sentence for a person. */
export function describeSharpError(err: unknown): PreviewError {
  const raw = err instanceof Error ? err.message : String(err)
  const first = (raw.split('\n')[0] ?? '').trim().slice(0, 200)
  if (/input file is missing/i.test(raw)) {
    return new PreviewError('missing', 'The original is missing from the library folder, so no preview can be made.', { cause: err })
  }
  if (/unsupported image format|unsupported codec|unsupported feature|no decoder|not a known file format/i.test(raw)) {
    return new PreviewError('unsupported', `Trove cannot read this kind of image yet (${first}).`, { cause: err })
  }
  if (/pixel limit|exceeds|too large|out of memory/i.test(raw)) {
    return new PreviewError('too-large', `The image is too large to preview (${first}).`, { cause: err })
  }
  if (/empty/i.test(raw)) return new PreviewError('empty', 'The file is empty: there is no image to preview.', { cause: err })
  if (/corrupt|premature|truncat|invalid|bad|damaged|not a|vips|error/i.test(raw)) {
    return new PreviewError('corrupt', `The image is damaged or incomplete (${first}).`, { cause: err })
  }
  return new PreviewError('failed', `The preview could not be made (${first}).`, { cause: err })
}
