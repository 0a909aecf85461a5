/**
 * Previews: documents. PDF text extraction in pages/s through the PDF maker (open, first-page
 * thumbnail, every page's text) beside bare pdf.js reading the same pages' text in the same run;
 * seconds per OCR'd page through the OCR maker (render the scanned page, recognise) beside bare
 * tesseract.js recognising the same page pictures. Called by `npm run bench -- previews`, or
 * alone: `tsx bench/previews-documents.bench.ts`.
 */
import { createCanvas, GlobalFonts } from '@napi-rs/canvas'
import { existsSync } from 'node:fs'
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { PDFDocument, StandardFonts } from 'pdf-lib'
import { makeOcrText } from '../src-main/core/media/makers/ocr'
import { makePdfPreview } from '../src-main/core/media/makers/pdf'
import { OcrEngine } from '../src-main/core/media/ocr/ocr-engine'
import { OCR_LANGUAGE, ocrWorkerOptions } from '../src-main/core/media/ocr/ocr-options'
import { BENCH_DIR } from './lib/corpus'
import { report, timeAsync } from './lib/measure'

const TEXT_PAGES = 300
const SCANNED_PAGES = 4
const WORDS = 'the garden survey records every bed by the wall the orchard and the pond with notes on soil light water and the plants that grew there each season'.split(' ')
const localRequire = createRequire(join(process.cwd(), 'package.json'))
const pdfjsRoot = dirname(localRequire.resolve('pdfjs-dist/package.json'))

/** A long report: TEXT_PAGES A4 pages of 45 lines of words each, with a text layer. */
async function textPdf(path: string): Promise<void> {
  const doc = await PDFDocument.create()
  const font = await doc.embedFont(StandardFonts.Helvetica)
  for (let p = 0; p < TEXT_PAGES; p++) {
    const page = doc.addPage([595, 842])
    for (let l = 0; l < 45; l++) {
      const line = Array.from({ length: 12 }, (_, w) => WORDS[(p * 7 + l * 13 + w) % WORDS.length]).join(' ')
      page.drawText(line, { x: 50, y: 790 - l * 16, size: 11, font })
    }
  }
  await writeFile(path, await doc.save())
}

/** A page of printed text as a scanner sees it: 1240×1754 (150 dpi A4), 30 lines of 14 pt-ish text. */
async function scannedPage(seed: number): Promise<Buffer> {
  GlobalFonts.registerFromPath(join(pdfjsRoot, 'standard_fonts', 'LiberationSans-Regular.ttf'), 'Bench Sans')
  const canvas = createCanvas(1240, 1754)
  const ctx = canvas.getContext('2d')
  ctx.fillStyle = '#fbfaf7'
  ctx.fillRect(0, 0, 1240, 1754)
  ctx.fillStyle = '#161616'
  ctx.font = '30px "Bench Sans"'
  ctx.textBaseline = 'top'
  for (let l = 0; l < 30; l++) ctx.fillText(Array.from({ length: 9 }, (_, w) => WORDS[(seed * 5 + l * 11 + w) % WORDS.length]).join(' '), 110, 120 + l * 50)
  return canvas.encode('png')
}

async function scannedPdf(path: string, pages: Buffer[]): Promise<void> {
  const doc = await PDFDocument.create()
  for (const png of pages) {
    const page = doc.addPage([595, 842])
    page.drawImage(await doc.embedPng(png), { x: 0, y: 0, width: 595, height: 842 })
  }
  await writeFile(path, await doc.save())
}

/** pdf.js alone: open the same bytes, read every page's text, nothing else. */
async function barePdfText(path: string): Promise<number> {
  const pdfjs = (await import(pathToFileURL(join(pdfjsRoot, 'legacy/build/pdf.mjs')).href)) as typeof import('pdfjs-dist/legacy/build/pdf.mjs')
  pdfjs.GlobalWorkerOptions.workerSrc = pathToFileURL(join(pdfjsRoot, 'legacy/build/pdf.worker.mjs')).href
  const task = pdfjs.getDocument({ data: new Uint8Array(await readFile(path)), standardFontDataUrl: join(pdfjsRoot, 'standard_fonts') + '/', verbosity: 0 })
  const doc = await task.promise
  let chars = 0
  for (let n = 1; n <= doc.numPages; n++) {
    const page = await doc.getPage(n)
    for (const item of (await page.getTextContent()).items) if ('str' in item) chars += item.str.length
    page.cleanup()
  }
  await task.destroy()
  return chars
}

export async function previewsDocumentsBench(): Promise<void> {
  const dir = join(BENCH_DIR, 'previews-documents')
  await mkdir(dir, { recursive: true })
  const book = join(dir, `report-${TEXT_PAGES}p.pdf`)
  if (!existsSync(book)) await textPdf(book)
  const pictures = await Promise.all(Array.from({ length: SCANNED_PAGES }, (_, i) => scannedPage(i)))
  const scan = join(dir, `scan-${SCANNED_PAGES}p.pdf`)
  if (!existsSync(scan)) await scannedPdf(scan, pictures)
  const signal = new AbortController().signal
  const size = (await readFile(book)).length

  console.log(`Previews: documents (${TEXT_PAGES}-page PDF with text; ${SCANNED_PAGES}-page scanned PDF)`)
  await barePdfText(book) // warm: module load and JIT, for both
  // Best of three, alternating: on a shared machine the slowest runs measure the neighbours.
  let bare = { seconds: Infinity }
  let made = await timeAsync(() => makePdfPreview({ path: book, mime: 'application/pdf', size, signal }))
  for (let run = 0; run < 3; run++) {
    const b = await timeAsync(() => barePdfText(book))
    const m = await timeAsync(() => makePdfPreview({ path: book, mime: 'application/pdf', size, signal }))
    if (b.seconds < bare.seconds) bare = b
    if (m.seconds < made.seconds) made = m
  }
  const madeRate = TEXT_PAGES / made.seconds
  const bareRate = TEXT_PAGES / bare.seconds
  report('PDF text extraction (maker, incl. thumbnail)', `${madeRate.toFixed(0)} pages/s`, `bare pdf.js ${bareRate.toFixed(0)} pages/s`, `${(madeRate / bareRate).toFixed(2)}×`)
  if (!made.value.text?.content.includes('orchard')) throw new Error('the PDF maker lost the text')

  // Bare tesseract.js: one worker, the same page pictures, recognised one after another.
  const { createWorker, OEM } = await import('tesseract.js')
  const startBare = await timeAsync(() => createWorker(OCR_LANGUAGE, OEM.LSTM_ONLY, ocrWorkerOptions()))
  const worker = startBare.value
  const bareOcr = await timeAsync(async () => {
    for (const png of pictures) await worker.recognize(png)
  })
  await worker.terminate()

  const engine = new OcrEngine()
  try {
    await engine.recognize(pictures[0]!) // start the engine's worker outside the measurement
    const scanSize = (await readFile(scan)).length
    const ocr = await timeAsync(() => makeOcrText({ path: scan, mime: 'application/pdf', size: scanSize, signal }, engine))
    if (!ocr.value.text?.content.includes('garden')) throw new Error('OCR read nothing')
    report('OCR of a scanned page (render + recognise)', `${(ocr.seconds / SCANNED_PAGES).toFixed(2)} s/page`, `bare tesseract.js ${(bareOcr.seconds / SCANNED_PAGES).toFixed(2)} s/page`, `${(bareOcr.seconds / ocr.seconds).toFixed(2)}×`)
    report('OCR engine start (worker + English data)', `${startBare.seconds.toFixed(2)} s`, 'once per OCR pass')
  } finally {
    await engine.close()
  }
}

if (require.main === module) {
  previewsDocumentsBench().catch((err: unknown) => {
    console.error(err)
    process.exit(1)
  })
}
