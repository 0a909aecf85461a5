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

  /** The text tesseract reads in an image (PNG/JPEG/BMP bytes). Calls wait their turn. */
  recognize(image: Buffer, signal?: AbortSignal): Promise<string> {
    const run = this.queue.then(async () => {
      if (signal?.aborted) throw cancelled()
      if (this.closed) throw new AppError('UNAVAILABLE', 'Text recognition has been stopped.')
      const worker = await this.start()
      const { data } = await worker.recognize(image)
      return data.text ?? ''
    })
    this.queue = run.catch(() => undefined)
    return run
  }

  /** Stops the worker thread; later calls fail. */
  async close(): Promise<void> {
    this.closed = true
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

const cancelled = () => new AppError('CANCELLED', 'Text recognition was stopped.')

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
