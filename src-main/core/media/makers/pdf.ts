import { MAX_INDEXED_BODY_CHARS } from '../../library/search-index'
import { hasTextLayer, pageTexts } from '../pdf/page-text'
import { asPreviewError, openPdf } from '../pdf/pdfjs'
import { renderPageToPng } from '../pdf/render-page'
import type { MadeFacts, MadePreview, MakerInput, PreviewMaker } from './preview-maker'

/** The first page is rendered at this size (longer side); the pipeline scales it to the thumbnail. */
export const PDF_THUMB_RENDER_PX = 512
/** Text kept from one PDF: as much as the search index keeps. */
export const MAX_PDF_TEXT_CHARS = MAX_INDEXED_BODY_CHARS

/**
 * PDFs with pdf.js: the first page as the thumbnail, the page count, title and author from the
 * document information, and the text of every page, read page by page and capped. When pages
 * hold no text (a scan), `needsOcr` asks for the OCR pass.
 */
export const pdfMaker: PreviewMaker = {
  name: 'pdf',
  accepts: (mime) => mime === 'application/pdf',
  make: makePdfPreview,
}

export async function makePdfPreview(input: MakerInput): Promise<MadePreview> {
  try {
    return await readPdf(input)
  } catch (err) {
    throw asPreviewError(err)
  }
}

async function readPdf(input: MakerInput): Promise<MadePreview> {
  const pdf = await openPdf(input.path, input.signal)
  try {
    const { doc } = pdf
    const facts: MadeFacts = { pages: doc.numPages, format: 'pdf', ...(await documentInfo(doc)) }
    const first = await renderPageToPng(doc, 1, PDF_THUMB_RENDER_PX)
    if (input.signal.aborted) return { facts: {} }

    let text = ''
    let pagesWithoutText = 0
    for await (const page of pageTexts(doc, input.signal)) {
      if (!hasTextLayer(page.text)) pagesWithoutText++
      if (text.length < MAX_PDF_TEXT_CHARS) text += (text ? '\n\n' : '') + page.text.trim()
    }
    if (input.signal.aborted) return { facts: {} }
    text = text.slice(0, MAX_PDF_TEXT_CHARS)
    return {
      thumbnail: first.png,
      facts,
      ...(text.trim() ? { text: { source: 'document' as const, content: text } } : {}),
      ...(pagesWithoutText > 0 ? { needsOcr: true } : {}),
    }
  } finally {
    await pdf.close()
  }
}

/** Title and author from the PDF's information dictionary, when they are non-empty text. */
async function documentInfo(doc: Awaited<ReturnType<typeof openPdf>>['doc']): Promise<Pick<MadeFacts, 'title' | 'author'>> {
  try {
    const { info } = await doc.getMetadata()
    const field = (key: string) => {
      const value = (info as Record<string, unknown> | null)?.[key]
      return typeof value === 'string' && value.trim() ? value.trim().slice(0, 500) : undefined
    }
    const title = field('Title')
    const author = field('Author')
    return { ...(title ? { title } : {}), ...(author ? { author } : {}) }
  } catch {
    return {} // a damaged information dictionary does not stop the preview
  }
}
