import { createCanvas } from '@napi-rs/canvas'
import { describePdfError, type PdfDocument } from './pdfjs'

/** Largest side of a rendered page, whatever the page's size: bounds memory and time. */
export const MAX_RENDER_PX = 4096

/**
 * Renders page `number` (from 1) of an open PDF to a PNG whose longer side is `longSidePx`
 * (white background, as a page is printed). Errors say the PDF is damaged.
 */
export async function renderPageToPng(doc: PdfDocument, number: number, longSidePx: number): Promise<{ png: Buffer; width: number; height: number }> {
  try {
    const page = await doc.getPage(number)
    try {
      const natural = page.getViewport({ scale: 1 })
      const target = Math.min(longSidePx, MAX_RENDER_PX)
      const scale = target / Math.max(natural.width, natural.height, 1)
      const viewport = page.getViewport({ scale })
      const width = Math.max(1, Math.round(viewport.width))
      const height = Math.max(1, Math.round(viewport.height))
      const canvas = createCanvas(width, height)
      const context = canvas.getContext('2d')
      context.fillStyle = '#ffffff'
      context.fillRect(0, 0, width, height)
      // pdf.js's types speak of the DOM's canvas; @napi-rs/canvas is what its Node build uses.
      await page.render({ canvas: canvas as never, canvasContext: context as never, viewport }).promise
      return { png: await canvas.encode('png'), width, height }
    } finally {
      page.cleanup()
    }
  } catch (err) {
    throw describePdfError(err)
  }
}
