import { describePdfError, type PdfDocument } from './pdfjs'

/** One page's text, and whether the page has any text layer at all. */
export interface PageText {
  page: number
  text: string
}

/**
 * The text of every page, one page at a time (pdf.js keeps only the page being read), in
 * reading order as the PDF stores it. Items on one line are joined by their own spacing;
 * pdf.js marks line ends with `hasEOL`.
 */
export async function* pageTexts(doc: PdfDocument, signal?: AbortSignal): AsyncGenerator<PageText> {
  for (let number = 1; number <= doc.numPages; number++) {
    if (signal?.aborted) return
    let text = ''
    try {
      const page = await doc.getPage(number)
      try {
        const content = await page.getTextContent()
        for (const item of content.items) {
          if (!('str' in item)) continue
          text += item.str
          if (item.hasEOL) text += '\n'
        }
      } finally {
        page.cleanup()
      }
    } catch (err) {
      throw describePdfError(err)
    }
    yield { page: number, text }
  }
}

/** A page counts as having text when it holds a few letters or digits (not just stray marks). */
export const hasTextLayer = (text: string): boolean => (text.match(/[\p{L}\p{N}]/gu)?.length ?? 0) >= 3
