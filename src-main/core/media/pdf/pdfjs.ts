import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { AppError } from '../../common/app-error'
import { PreviewError, type PreviewFailure } from '../thumbnail'

/**
 * pdf.js in plain Node (a worker thread of the preview pipeline, the CLI, Electron's main
 * process): the legacy build, which needs no DOM. Its own worker is not started: in Node pdf.js
 * runs its "fake worker" in the calling thread, loaded from the file named here, which is what
 * we want since makers already run off the main thread. Fonts, CMaps and image decoders come
 * from the package's own folders: nothing is fetched.
 */
type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs')
export type PdfDocument = Awaited<ReturnType<PdfJs['getDocument']>['promise']>
export type PdfPage = Awaited<ReturnType<PdfDocument['getPage']>>

const localRequire = typeof require === 'function' ? require : createRequire(import.meta.url)

let loaded: Promise<{ pdfjs: PdfJs; root: string }> | null = null

function loadPdfJs(): Promise<{ pdfjs: PdfJs; root: string }> {
  loaded ??= (async () => {
    const root = dirname(localRequire.resolve('pdfjs-dist/package.json'))
    const pdfjs = (await import(pathToFileURL(join(root, 'legacy/build/pdf.mjs')).href)) as PdfJs
    pdfjs.GlobalWorkerOptions.workerSrc = pathToFileURL(join(root, 'legacy/build/pdf.worker.mjs')).href
    return { pdfjs, root }
  })()
  return loaded
}

/** An open PDF and the way to let it go (always call `close`). */
export interface OpenPdf {
  doc: PdfDocument
  close(): Promise<void>
}

/**
 * Opens the PDF at `path`. pdf.js reads it through its Node file stream in ranges, so a large
 * PDF is not read whole to get at its first page. A damaged file is a CORRUPT AppError saying
 * why; a password-protected one is UNSUPPORTED_TYPE.
 */
export async function openPdf(path: string, signal?: AbortSignal): Promise<OpenPdf> {
  const { pdfjs, root } = await loadPdfJs()
  const task = pdfjs.getDocument({
    url: pathToFileURL(path).href,
    standardFontDataUrl: join(root, 'standard_fonts') + '/',
    cMapUrl: join(root, 'cmaps') + '/',
    cMapPacked: true,
    wasmUrl: join(root, 'wasm') + '/',
    iccUrl: join(root, 'iccs') + '/',
    useSystemFonts: false,
    disableFontFace: true,
    enableXfa: false,
    stopAtErrors: false,
    verbosity: 0,
  })
  const onAbort = () => void task.destroy()
  signal?.addEventListener('abort', onAbort, { once: true })
  try {
    const doc = await task.promise
    return {
      doc,
      close: async () => {
        signal?.removeEventListener('abort', onAbort)
        await task.destroy()
      },
    }
  } catch (err) {
    signal?.removeEventListener('abort', onAbort)
    await task.destroy().catch(() => undefined)
    throw describePdfError(err)
  }
}

/** pdf.js's exceptions as Trove's errors, with pdf.js's own words as the reason. */
export function describePdfError(err: unknown): AppError {
  if (err instanceof AppError) return err
  const name = err instanceof Error ? err.name : ''
  const reason = ((err instanceof Error ? err.message : String(err)).split('\n')[0] ?? '').trim().replace(/\.+$/, '').slice(0, 200)
  if (name === 'PasswordException') {
    return new AppError('UNSUPPORTED_TYPE', 'The PDF is protected by a password, so Trove cannot read it.', { reason }, { cause: err })
  }
  if (name === 'AbortException') return new AppError('CANCELLED', 'Reading the PDF was stopped.', undefined, { cause: err })
  if (/ENOENT|missing/i.test(reason)) {
    return new AppError('NOT_FOUND', 'The PDF is missing from the library folder.', { reason }, { cause: err })
  }
  return new AppError('CORRUPT', `The PDF is damaged: ${reason || 'it could not be read'}.`, { reason }, { cause: err })
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
