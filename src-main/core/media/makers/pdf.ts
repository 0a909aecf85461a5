import { MAX_INDEXED_BODY_CHARS } from '../../library/search-index'
import { asPreviewError, readPdfDocument } from '../pdf/pdf-thread'
import { PreviewError } from '../thumbnail'
import type { MadeFacts, MadePreview, MakerInput, PreviewMaker } from './preview-maker'

/** The first page is rendered at this size (longer side); the pipeline scales it to the thumbnail. */
export const PDF_THUMB_RENDER_PX = 512
/**
 * pdf.js keeps a document's bytes in memory while it reads it (by ranges, but into one buffer
 * of the file's size): larger PDFs are not previewed rather than risk the app's memory.
 */
export const MAX_PDF_BYTES = 512 * 1024 * 1024
/** Text kept from one PDF: as much as the search index keeps. */
export const MAX_PDF_TEXT_CHARS = MAX_INDEXED_BODY_CHARS

/**
 * PDFs with pdf.js, on a worker thread: the first page as the thumbnail, the page count, title
 * and author from the document information, and the text of every page, read page by page and
 * capped. When pages hold no text (a scan), `needsOcr` asks for the OCR pass.
 */
export const pdfMaker: PreviewMaker = {
  name: 'pdf',
  accepts: (mime) => mime === 'application/pdf',
  make: makePdfPreview,
}

export async function makePdfPreview(input: MakerInput): Promise<MadePreview> {
  if (input.size > MAX_PDF_BYTES) throw new PreviewError('too-large', `The PDF is larger than ${MAX_PDF_BYTES / 1024 / 1024} MB, too large to preview.`)
  try {
    const read = await readPdfDocument({ path: input.path, thumbPx: PDF_THUMB_RENDER_PX, maxChars: MAX_PDF_TEXT_CHARS }, input.signal)
    const facts: MadeFacts = { pages: read.pages, format: 'pdf', ...(read.title ? { title: read.title } : {}), ...(read.author ? { author: read.author } : {}) }
    return {
      thumbnail: Buffer.from(read.thumbnail.buffer, read.thumbnail.byteOffset, read.thumbnail.byteLength),
      facts,
      ...(read.text.trim() ? { text: { source: 'document' as const, content: read.text } } : {}),
      ...(read.pagesWithoutText.length > 0 ? { needsOcr: true } : {}),
    }
  } catch (err) {
    if (input.signal.aborted) return { facts: {} }
    throw asPreviewError(err)
  }
}
