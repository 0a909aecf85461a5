import { join } from 'node:path'
import { AppError } from '../../common/app-error'
import { PreviewError, type PreviewFailure } from '../thumbnail'
import { WorkerPool, type WorkerFailure } from '../worker-pool'

/**
 * pdf.js on worker threads. Parsing a PDF, rendering a page and reading its text are plain
 * JavaScript (pdf.js runs its "fake worker" in the thread that loads it), so on the main thread a
 * long PDF would freeze the app. Each thread loads pdf.js's legacy Node build once and renders
 * with @napi-rs/canvas (which pdf.js's Node build uses itself); fonts, CMaps and decoders come
 * from the package's folders, nothing is fetched.
 *
 * The worker's code is CommonJS given as a string, run by a WorkerPool (../worker-pool.ts) as
 * maker-threads.ts does: the CLI, the tests and the bundled app share it with no build entry.
 */

export interface PdfDocumentFacts {
  pages: number
  title?: string
  author?: string
  /** The first page rendered as a PNG, longer side `thumbPx`. */
  thumbnail: Uint8Array
  /** Every page's text in order (pages joined by a blank line), at most `maxChars`. */
  text: string
  /** Page numbers with no text layer (fewer than three letters or digits): candidates for OCR. */
  pagesWithoutText: number[]
}

interface Tasks {
  document: { input: { path: string; thumbPx: number; maxChars: number }; output: PdfDocumentFacts }
  /** One page as a PNG; `png` is null when the PDF has fewer pages. */
  render: { input: { path: string; page: number; px: number }; output: { png: Uint8Array | null; pages: number } }
}

const IDLE_MS = 30_000
/** Largest side of any rendered page, whatever is asked: bounds memory and time. */
export const MAX_RENDER_PX = 4096

const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads')
const { createRequire } = require('node:module')
const { pathToFileURL } = require('node:url')
const { dirname, join } = require('node:path')
const load = createRequire(workerData.base)
let loaded = null
function pdfjs() {
  loaded = loaded || (async () => {
    const root = dirname(load.resolve('pdfjs-dist/package.json'))
    const lib = await import(pathToFileURL(join(root, 'legacy/build/pdf.mjs')).href)
    lib.GlobalWorkerOptions.workerSrc = pathToFileURL(join(root, 'legacy/build/pdf.worker.mjs')).href
    return { lib, root }
  })()
  return loaded
}
// Ranges of 1 MiB rather than pdf.js's 64 KiB: a local file needs fewer round trips (~15 % faster here).
async function open(path) {
  const { lib, root } = await pdfjs()
  const task = lib.getDocument({
    url: pathToFileURL(path).href,
    standardFontDataUrl: join(root, 'standard_fonts') + '/', cMapUrl: join(root, 'cmaps') + '/', cMapPacked: true,
    wasmUrl: join(root, 'wasm') + '/', iccUrl: join(root, 'iccs') + '/',
    useSystemFonts: false, disableFontFace: true, enableXfa: false, verbosity: 0, rangeChunkSize: 1 << 20,
  })
  return { doc: await task.promise, close: () => task.destroy() }
}
async function render(doc, number, px) {
  const { createCanvas } = load('@napi-rs/canvas')
  const page = await doc.getPage(number)
  try {
    const natural = page.getViewport({ scale: 1 })
    const viewport = page.getViewport({ scale: Math.min(px, ${MAX_RENDER_PX}) / Math.max(natural.width, natural.height, 1) })
    const width = Math.max(1, Math.round(viewport.width))
    const height = Math.max(1, Math.round(viewport.height))
    const canvas = createCanvas(width, height)
    const context = canvas.getContext('2d')
    context.fillStyle = '#ffffff'
    context.fillRect(0, 0, width, height)
    await page.render({ canvas, canvasContext: context, viewport }).promise
    return new Uint8Array(await canvas.encode('png'))
  } finally {
    page.cleanup()
  }
}
const hasText = (text) => (text.match(/[\\p{L}\\p{N}]/gu) || []).length >= 3
const tasks = {
  async document({ path, thumbPx, maxChars }) {
    const { doc, close } = await open(path)
    try {
      let info = {}
      try { info = (await doc.getMetadata()).info || {} } catch {}
      const field = (v) => (typeof v === 'string' && v.trim() ? v.trim().slice(0, 500) : undefined)
      const thumbnail = await render(doc, 1, thumbPx)
      let text = ''
      const pagesWithoutText = []
      for (let n = 1; n <= doc.numPages; n++) {
        const page = await doc.getPage(n)
        let pageText = ''
        try {
          for (const item of (await page.getTextContent()).items) {
            if (typeof item.str !== 'string') continue
            pageText += item.str
            if (item.hasEOL) pageText += '\\n'
          }
        } finally {
          page.cleanup()
        }
        if (!hasText(pageText)) pagesWithoutText.push(n)
        if (text.length < maxChars && pageText.trim()) text += (text ? '\\n\\n' : '') + pageText.trim()
      }
      const output = { pages: doc.numPages, title: field(info.Title), author: field(info.Author), thumbnail, text: text.slice(0, maxChars), pagesWithoutText }
      return { output, transfer: [thumbnail.buffer] }
    } finally {
      await close()
    }
  },
  async render({ path, page, px }) {
    const { doc, close } = await open(path)
    try {
      if (page > doc.numPages) return { output: { png: null, pages: doc.numPages }, transfer: [] }
      const png = await render(doc, page, px)
      return { output: { png, pages: doc.numPages }, transfer: [png.buffer] }
    } finally {
      await close()
    }
  },
}
parentPort.on('message', async ({ kind, input }) => {
  try {
    const { output, transfer } = await tasks[kind](input)
    parentPort.postMessage({ output }, transfer)
  } catch (error) {
    parentPort.postMessage({ error: { name: String((error && error.name) || 'Error'), message: String((error && error.message) || error).split('\\n')[0].slice(0, 300) } })
  }
})
`

/** Any file beside this one: node_modules is found from here, in the source tree and in out/main. */
const requireBase = (): string => join(typeof __dirname === 'string' ? __dirname : process.cwd(), 'pdf-thread.js')

const stopped = () => new AppError('CANCELLED', 'Reading the PDF was stopped.')

function pdfFailure(failure: WorkerFailure): Error {
  if (failure.cause === 'aborted') return stopped()
  if (failure.cause === 'exit') return new AppError('INTERNAL', `Reading the PDF stopped unexpectedly (exit code ${failure.code}).`)
  return describePdfError(failure.error)
}

/** pdf.js's exceptions as Trove's errors, with pdf.js's own words as the reason. */
export function describePdfError(err: { name?: string; message?: string } | unknown): AppError {
  if (err instanceof AppError) return err
  const { name = '', message = String(err) } = (typeof err === 'object' && err !== null ? err : {}) as { name?: string; message?: string }
  const reason = (message.split('\n')[0] ?? '').trim().replace(/\.+$/, '').slice(0, 200)
  if (name === 'PasswordException') return new AppError('UNSUPPORTED_TYPE', 'The PDF is protected by a password, so Trove cannot read it.', { reason })
  if (/ENOENT|missing/i.test(reason)) return new AppError('NOT_FOUND', 'The PDF is missing from the library folder.', { reason })
  return new AppError('CORRUPT', `The PDF is damaged: ${reason || 'it could not be read'}.`, { reason })
}

const FAILURES: Partial<Record<AppError['code'], PreviewFailure>> = { CORRUPT: 'corrupt', UNSUPPORTED_TYPE: 'unsupported', NOT_FOUND: 'missing', TOO_LARGE: 'too-large' }

/**
 * For the preview pipeline, which records a PreviewError's message as the file's reason: the
 * same words ("The PDF is damaged: …"), the kind of failure from the AppError's code.
 */
export function asPreviewError(err: unknown): unknown {
  if (err instanceof PreviewError || !(err instanceof AppError) || err.code === 'CANCELLED') return err
  return new PreviewError(FAILURES[err.code] ?? 'failed', err.message, { cause: err })
}

let shared: WorkerPool<Tasks> | null = null

/** Reads a whole PDF on a worker thread: page count, title/author, first page, every page's text. */
export function readPdfDocument(input: Tasks['document']['input'], signal?: AbortSignal): Promise<PdfDocumentFacts> {
  shared ??= new WorkerPool<Tasks>(WORKER_SOURCE, requireBase, pdfFailure)
  return shared.run('document', input, signal)
}

/** Renders one page of a PDF to a PNG on a worker thread; `png` is null past the last page. */
export function renderPdfPage(input: Tasks['render']['input'], signal?: AbortSignal): Promise<{ png: Uint8Array | null; pages: number }> {
  shared ??= new WorkerPool<Tasks>(WORKER_SOURCE, requireBase, pdfFailure)
  return shared.run('render', input, signal)
}
