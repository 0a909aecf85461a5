/**
 * Sends one file through the resumable upload API: begin (or continue a pending upload of the
 * same file), append the chunks strictly in order, finish. Recovers from what the API says:
 * a wrong offset (continue where the library is), an upload it no longer knows (start again),
 * a dropped connection (ask where it stands, then continue). Cancelling aborts the upload.
 */
import type { ErrorDto, UploadDto, UploadOutcomeDto } from '../../../src-preload/contract'
import { call, toErrorDto } from '../call'
import { blobToBase64 } from './read-chunk'
import { findPendingUpload, forgetPendingUpload, rememberPendingUpload } from './resume-registry'

export type UploadResult =
  | { kind: 'outcome'; outcome: UploadOutcomeDto }
  /** The library refused the file before taking it (TOO_LARGE); the history has it as rejected. */
  | { kind: 'refused'; error: ErrorDto }
  | { kind: 'error'; error: ErrorDto }
  | { kind: 'cancelled' }

export interface UploadFileOptions {
  name: string
  batchId: string
  signal: AbortSignal
  /** Bytes the library has acknowledged so far. */
  onProgress: (received: number, phase: 'uploading' | 'finishing') => void
  /** Called once when a pending upload of the same file is continued. */
  onResumed: (from: number) => void
}

/** Attempts per connection problem before giving up (the upload stays resumable). */
const MAX_TRANSIENT = 5
/** Times the library may say "not found" before the file is given up on. */
const MAX_RESTARTS = 2
/** Offset corrections accepted in a row without progress. */
const MAX_CORRECTIONS = 10

class Cancelled extends Error {}

/** A failure with the contract's shape, thrown inside the upload loop. */
class Failure extends Error {
  constructor(readonly error: ErrorDto) {
    super(error.message)
  }
}

const isTransient = (e: ErrorDto) => e.code === 'UNAVAILABLE'
const expectedOffsetOf = (e: ErrorDto): number | null => {
  const value = e.details?.expectedOffset
  return e.code === 'INVALID_INPUT' && typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : null
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(new Cancelled())
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort)
      resolve()
    }, ms)
    const onAbort = () => {
      clearTimeout(timer)
      reject(new Cancelled())
    }
    signal.addEventListener('abort', onAbort, { once: true })
  })
}

export async function uploadFile(file: File, options: UploadFileOptions): Promise<UploadResult> {
  const { name, batchId, signal } = options
  const identity = { name, size: file.size, lastModified: file.lastModified }
  let upload: UploadDto | null = null
  let offset = 0
  let transient = 0
  let restarts = 0
  let corrections = 0

  const remember = (uploadId: string, expiresAt: number) => rememberPendingUpload({ uploadId, ...identity, expiresAt })
  const checkCancelled = () => {
    if (signal.aborted) throw new Cancelled()
  }
  /** Waits a little longer after each connection problem; gives up after a few. */
  const backOff = async (error: ErrorDto) => {
    if (++transient > MAX_TRANSIENT) throw new Failure(error)
    await sleep(500 * 2 ** (transient - 1), signal)
  }

  const begin = async (): Promise<void> => {
    for (;;) {
      checkCancelled()
      try {
        upload = await call('uploads:begin', { name, size: file.size, batchId })
        remember(upload.uploadId, upload.expiresAt)
        offset = upload.received
        options.onProgress(offset, 'uploading')
        return
      } catch (err) {
        const error = toErrorDto(err)
        if (!isTransient(error)) throw new Failure(error)
        await backOff(error)
      }
    }
  }

  /** The library no longer knows the upload (it expired, or the library changed): start again. */
  const restart = async (uploadId: string, error: ErrorDto): Promise<void> => {
    forgetPendingUpload(uploadId)
    if (++restarts > MAX_RESTARTS) throw new Failure(error)
    await begin()
  }

  /** A pending upload of this very file, if the library still has it. */
  const resume = async (): Promise<boolean> => {
    const pending = findPendingUpload(identity)
    if (!pending) return false
    try {
      const status = await call('uploads:status', { uploadId: pending.uploadId })
      if (status.size !== file.size || status.received > file.size) throw new Error('not the same file')
      upload = status
      offset = status.received
      options.onResumed(offset)
      options.onProgress(offset, 'uploading')
      return true
    } catch {
      forgetPendingUpload(pending.uploadId)
      return false
    }
  }

  try {
    if (!(await resume())) await begin()

    for (;;) {
      checkCancelled()
      const current = upload as UploadDto | null
      if (!current) throw new Failure({ code: 'INTERNAL', message: `The upload of ${name} did not start.` })
      try {
        while (offset < file.size) {
          checkCancelled()
          const dataBase64 = await blobToBase64(file.slice(offset, offset + current.chunkSize)).catch((err: unknown) => {
            const why = err instanceof Error ? err.message : String(err)
            throw new Failure({ code: 'NOT_FOUND', message: `${name} could not be read any more (${why}). Was it moved or deleted?` })
          })
          const progress = await call('uploads:append', { uploadId: current.uploadId, offset, dataBase64 })
          offset = progress.received
          transient = 0
          corrections = 0
          remember(current.uploadId, progress.expiresAt)
          options.onProgress(offset, 'uploading')
        }
        checkCancelled()
        options.onProgress(offset, 'finishing')
        const outcome = await call('uploads:finish', { uploadId: current.uploadId })
        if (!outcome.retryable) forgetPendingUpload(current.uploadId)
        return { kind: 'outcome', outcome }
      } catch (err) {
        if (err instanceof Cancelled || err instanceof Failure) throw err
        const error = toErrorDto(err)
        const expected = expectedOffsetOf(error)
        if (expected !== null && expected <= file.size) {
          if (++corrections > MAX_CORRECTIONS) throw new Failure(error)
          offset = expected
        } else if (error.code === 'NOT_FOUND') {
          await restart(current.uploadId, error)
        } else if (isTransient(error)) {
          await backOff(error)
          const status = await call('uploads:status', { uploadId: current.uploadId }).catch((e: unknown) => toErrorDto(e))
          if ('received' in status) offset = status.received
          else if (status.code === 'NOT_FOUND') await restart(current.uploadId, status)
          // Otherwise (still unreachable) the next chunk is tried, and backs off again.
        } else {
          if (error.code === 'TOO_LARGE') forgetPendingUpload(current.uploadId)
          throw new Failure(error)
        }
      }
    }
  } catch (err) {
    if (err instanceof Cancelled) {
      const uploadId = (upload as UploadDto | null)?.uploadId
      if (uploadId) {
        forgetPendingUpload(uploadId)
        await call('uploads:abort', { uploadId }).catch(() => undefined)
      }
      return { kind: 'cancelled' }
    }
    const error = err instanceof Failure ? err.error : toErrorDto(err)
    if (error.code === 'TOO_LARGE') return { kind: 'refused', error }
    return { kind: 'error', error }
  }
}

/** Finishing again an upload whose bytes the library kept after a failure (no space, a disk error). */
export async function retryFinish(uploadId: string): Promise<UploadResult> {
  try {
    const outcome = await call('uploads:finish', { uploadId })
    if (!outcome.retryable) forgetPendingUpload(uploadId)
    return { kind: 'outcome', outcome }
  } catch (err) {
    const error = toErrorDto(err)
    if (error.code === 'NOT_FOUND') forgetPendingUpload(uploadId)
    return { kind: 'error', error }
  }
}
