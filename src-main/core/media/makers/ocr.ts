import sharp from 'sharp'
import { AppError } from '../../common/app-error'
import { MAX_INDEXED_BODY_CHARS } from '../../library/search-index'
import { sharedOcrEngine, type OcrEngine } from '../ocr/ocr-engine'
import { asPreviewError, readPdfDocument, renderPdfPage } from '../pdf/pdf-thread'
import { MAX_PDF_BYTES } from './pdf'
import type { MadePreview, MakerInput, PreviewMaker } from './preview-maker'

/** Scanned pages are rendered at this size (longer side; about 240 dpi for A4) before OCR. */
export const OCR_PAGE_PX = 2000
/** Images are scaled down to this (longer side) before OCR: enough for print, bounded in time. */
export const OCR_IMAGE_MAX_PX = 2500
/** Images tesseract is given (through sharp); HEIC and video are not read here. */
const OCR_IMAGE_MIMES = new Set(['image/jpeg', 'image/png', 'image/webp', 'image/tiff', 'image/gif', 'image/bmp'])

/**
 * The OCR pass: photos and scans of text, and the pages of a PDF without a text layer, read by
 * tesseract (English). It runs after a file's main preview, in the background, and returns only
 * text (source 'ocr'); the pipeline decides when (low priority, the library's `ocrEnabled`).
 */
export const ocrMaker: PreviewMaker = {
  name: 'ocr',
  accepts: (mime) => mime === 'application/pdf' || OCR_IMAGE_MIMES.has(mime),
  make: (input) => makeOcrText(input, sharedOcrEngine()),
}

export async function makeOcrText(input: MakerInput, engine: OcrEngine): Promise<MadePreview> {
  let text: string
  try {
    text = input.mime === 'application/pdf' ? await ocrPdf(input, engine) : await ocrImage(input, engine)
  } catch (err) {
    throw asPreviewError(err)
  }
  if (input.signal.aborted) return { facts: {} }
  const content = text.replace(/[ \t]+\n/g, '\n').replace(/\n{3,}/g, '\n\n').trim().slice(0, MAX_INDEXED_BODY_CHARS)
  return { facts: {}, ...(content ? { text: { source: 'ocr' as const, content } } : {}) }
}

/**
 * Whether a picture looks like a page: most of it one background shade (paper, a screen) and
 * a little of it in clearly darker or lighter strokes, as text on a page is (sampled, not averaged, so texture stays texture). A photo of a landscape or noise is not, and is skipped in milliseconds
 * instead of keeping tesseract busy for seconds to find nothing.
 */
export async function looksLikeText(path: string): Promise<boolean> {
  const { data } = await sharp(path, { failOn: 'error' }).rotate().resize({ width: 256, height: 256, fit: 'inside', kernel: 'nearest' }).grayscale().raw().toBuffer({ resolveWithObject: true })
  const histogram = new Array<number>(256).fill(0)
  for (const value of data) histogram[value]!++
  const mode = histogram.indexOf(Math.max(...histogram))
  let near = 0
  let ink = 0
  histogram.forEach((count, v) => {
    if (Math.abs(v - mode) <= BACKGROUND_SPREAD) near += count
    else if (Math.abs(v - mode) >= INK_CONTRAST) ink += count
  })
  return near / data.length >= MIN_BACKGROUND_SHARE && ink / data.length >= MIN_INK_SHARE && ink / data.length <= MAX_INK_SHARE
}
/** Shades around the most common one that count as background, and how much of a page is. */
const BACKGROUND_SPREAD = 16
const MIN_BACKGROUND_SHARE = 0.5
/** Ink stands out from the background by this much, and covers a little of a page, not most of it. */
const INK_CONTRAST = 64
const MIN_INK_SHARE = 0.002
const MAX_INK_SHARE = 0.4

async function ocrImage(input: MakerInput, engine: OcrEngine): Promise<string> {
  let png: Buffer
  try {
    if (!(await looksLikeText(input.path))) return ''
    png = await sharp(input.path, { failOn: 'error' })
      .rotate()
      .resize({ width: OCR_IMAGE_MAX_PX, height: OCR_IMAGE_MAX_PX, fit: 'inside', withoutEnlargement: true })
      .grayscale()
      .png({ compressionLevel: 1 })
      .toBuffer()
  } catch (err) {
    const reason = ((err instanceof Error ? err.message : String(err)).split('\n')[0] ?? '').slice(0, 200)
    throw new AppError('CORRUPT', `The image could not be read for text recognition: ${reason}.`, { reason }, { cause: err })
  }
  return engine.recognize(png, input.signal)
}

/** OCRs each page that has no text of its own, one page at a time; pages with text are skipped. */
async function ocrPdf(input: MakerInput, engine: OcrEngine): Promise<string> {
  if (input.size > MAX_PDF_BYTES) return ''
  const { pagesWithoutText } = await readPdfDocument({ path: input.path, thumbPx: 1, maxChars: 0 }, input.signal)
  const parts: string[] = []
  let length = 0
  for (const page of pagesWithoutText) {
    if (length >= MAX_INDEXED_BODY_CHARS || input.signal.aborted) break
    const { png } = await renderPdfPage({ path: input.path, page, px: OCR_PAGE_PX }, input.signal)
    if (!png) break
    const text = (await engine.recognize(Buffer.from(png.buffer, png.byteOffset, png.byteLength), input.signal)).trim()
    if (text) {
      parts.push(text)
      length += text.length
    }
  }
  return parts.join('\n\n')
}
