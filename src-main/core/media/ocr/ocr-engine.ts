import type { Worker as TesseractWorker } from 'tesseract.js'
import { AppError } from '../../common/app-error'
import { OCR_LANGUAGE, ocrWorkerOptions } from './ocr-options'

/**
 * One tesseract.js worker (a worker thread running the wasm engine), started on first use and
 * shared: pages are recognised one at a time, in order. OCR is slow (seconds per page) and runs
 * after the main previews, so one worker keeps it from taking the machine.
 */
export class OcrEngine {
  private worker: Promise<TesseractWorker> | null = null
  private queue: Promise<unknown> = Promise.resolve()
  private closed = false
  private pending = 0
  private idleTimer: NodeJS.Timeout | null = null

  /** The worker (and its ~100 MB of wasm memory) is let go after this long without work. */
  constructor(private readonly idleMs = 30_000) {}

  /** The text tesseract reads in an image (PNG/JPEG/BMP bytes). Calls wait their turn. */
  recognize(image: Buffer, signal?: AbortSignal): Promise<string> {
    this.pending++
    if (this.idleTimer) clearTimeout(this.idleTimer)
    this.idleTimer = null
    const run = this.queue.then(async () => {
      if (signal?.aborted) throw cancelled()
      if (this.closed) throw new AppError('UNAVAILABLE', 'Text recognition has been stopped.')
      const worker = await this.start()
      const { data } = await abortable(worker.recognize(image), signal, () => this.stopWorker())
      // A photo with no words still yields a few letters of noise, at low confidence: keep none.
      return (data.confidence ?? 0) >= MIN_CONFIDENCE ? (data.text ?? '') : ''
    })
    this.queue = run.catch(() => undefined)
    return run.finally(() => {
      if (--this.pending === 0 && !this.closed) {
        this.idleTimer = setTimeout(() => void this.stopWorker(), this.idleMs)
        this.idleTimer.unref()
      }
    })
  }

  /** Stops the worker thread; later calls fail. */
  async close(): Promise<void> {
    this.closed = true
    if (this.idleTimer) clearTimeout(this.idleTimer)
    await this.stopWorker()
  }

  private async stopWorker(): Promise<void> {
    const worker = this.worker
    this.worker = null
    if (worker) await (await worker.catch(() => null))?.terminate()
  }

  private start(): Promise<TesseractWorker> {
    this.worker ??= (async () => {
      const { createWorker, OEM } = await import('tesseract.js')
      return createWorker(OCR_LANGUAGE, OEM.LSTM_ONLY, { ...ocrWorkerOptions(), errorHandler: () => undefined })
    })()
    this.worker.catch(() => {
      this.worker = null
    })
    return this.worker
  }
}

/** Mean word confidence (0–100) below which a page's text is taken as noise. */
export const MIN_CONFIDENCE = 40

const cancelled = () => new AppError('CANCELLED', 'Text recognition was stopped.')

/**
 * tesseract cannot stop mid-page: on abort the worker thread is terminated (a new one starts
 * for the next page) and the call rejects at once, so closing the library never waits for OCR.
 */
function abortable<T>(work: Promise<T>, signal: AbortSignal | undefined, stop: () => Promise<void>): Promise<T> {
  if (!signal) return work
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => {
      reject(cancelled())
      void stop()
    }
    if (signal.aborted) return onAbort()
    signal.addEventListener('abort', onAbort, { once: true })
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort))
  })
}

let shared: OcrEngine | null = null

/** The process's one OCR engine (one per worker thread of the pipeline that uses it). */
export function sharedOcrEngine(): OcrEngine {
  shared ??= new OcrEngine()
  return shared
}

export async function closeSharedOcrEngine(): Promise<void> {
  const engine = shared
  shared = null
  await engine?.close()
}
