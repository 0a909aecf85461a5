import { availableParallelism } from 'node:os'
import { sql, type Kysely } from 'kysely'
import { AppError, isAppError } from '../common/app-error'
import type { Clock } from '../common/clock'
import type { FsSeam } from '../common/fs-seam'
import type { Logger } from '../common/logger'
import type { Database, PreviewState } from '../db/schema'
import type { JobHandle, JobRegistry } from '../jobs/job-registry'
import type { LibraryLayout } from '../library/library-layout'
import { readLibrarySettings } from '../library/library-settings'
import type { ObjectStore } from '../store/object-store'
import { MAIN_MAKERS, makerFor } from './makers'
import type { PreviewMaker } from './makers/preview-maker'
import { PREVIEWABLE_KINDS } from './previewable'
import { nextScan, readScan } from './ocr-pass'
import { countsAndFailures, previewStateOf, type PreviewStatus } from './preview-status'
import { make, recordMade, type PendingRow } from './preview-work'
import { configureSharp, PreviewError } from './thumbnail'

export { PREVIEWABLE_KINDS } from './previewable'
export type { PreviewFailureInfo, PreviewStatus } from './preview-status'
export const PREVIEW_JOB_KIND = 'previews'
/** The total is recounted at most this often (an import pokes up to ten times a second). */
const RECOUNT_EVERY_MS = 1000
const RECOUNT_POKED_MS = 250
/** Rows whose outcome could not even be recorded are set aside; this many means the DB is unwell. */
const MAX_UNRECORDABLE = 50
/** A file whose preview was started this often without an outcome (the app died each time) fails. */
export const MAX_PREVIEW_ATTEMPTS = 3
/** Files the renderer shows, made first; a new visible range replaces the last one. */
const MAX_PRIORITISED = 500
const PENDING_COLUMNS = ['id', 'sha256', 'ext', 'mime', 'name', 'storage', 'preview_attempts'] as const

export interface PreviewChange {
  fileId: number
  sha256: string
  state: PreviewState
}

export interface PreviewQueueDeps {
  db: Kysely<Database>
  fs: FsSeam
  store: ObjectStore
  layout: LibraryLayout
  jobs: JobRegistry
  logger: Logger
  clock: Clock
  /** Files made side by side (default: one per core). */
  concurrency?: number
  /** The makers tried in order (default: every kind Trove previews). */
  makers?: readonly PreviewMaker[]
  /** Reads scans after their preview, one at a time, when the library's `ocrEnabled` is on. */
  ocr?: PreviewMaker
}

type Tally = { made: number; failed: number }

/**
 * Makes previews in the background: picks `preview_state = 'pending'` rows (the ones the user
 * is looking at first, then newest first), a few at a time, runs the maker that accepts each
 * file's type and records 'done' with its facts, thumbnail and text, or 'failed' with a reason.
 * The work itself runs off the JavaScript thread (sharp on libvips' threads, ffmpeg and ffprobe
 * as child processes). Its state lives in the database, so work left at close resumes at the
 * next open. Imports only mark rows pending; any other job's progress pokes the queue. Closing
 * aborts the makers (child processes are killed) and writes nothing afterwards. Once nothing
 * is pending, files that need OCR are read one at a time: a low-priority pass.
 */
export class PreviewQueue {
  readonly concurrency: number
  private readonly makers: readonly PreviewMaker[]
  private readonly listeners = new Set<(change: PreviewChange) => void>()
  private readonly inFlight = new Map<number, Promise<void>>()
  private readonly unrecordable = new Set<number>()
  private readonly unsubscribeJobs: () => void
  private readonly closing = new AbortController()
  private prioritised: number[] = []
  private ocrRunning = false
  private draining: Promise<void> | null = null
  private again = false
  private stopped = false
  /** The user cancelled the job: wait for the next finished job, a retry or a regenerate. */
  private paused = false
  private job: JobHandle | null = null

  constructor(private readonly deps: PreviewQueueDeps) {
    configureSharp()
    this.makers = deps.makers ?? MAIN_MAKERS
    this.concurrency = Math.max(1, Math.floor(deps.concurrency ?? availableParallelism()))
    this.unsubscribeJobs = deps.jobs.onChange((job) => {
      if (job.kind === PREVIEW_JOB_KIND) return
      if (job.state !== 'running') this.paused = false
      this.poke()
    })
  }

  /** Starts on the work left pending (called when the library opens). */
  start(): void {
    this.poke()
  }

  /** New rows may be pending: look again (cheap when there is nothing to do). */
  poke(): void {
    if (this.stopped || this.paused) return
    if (this.draining) {
      this.again = true
      return
    }
    this.again = false
    this.draining = this.drain()
      .catch((error: unknown) => this.deps.logger.error('preview queue stopped unexpectedly', { error }))
      .finally(() => {
        this.draining = null
        if (this.again) this.poke()
      })
  }

  /** Resolves once nothing is pending (or the queue is paused or stopped). */
  async idle(): Promise<void> {
    while (this.draining) await this.draining
  }

  onChange(listener: (change: PreviewChange) => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  /** The files the user is looking at now: their previews are made before the others. */
  async prioritise(fileIds: readonly number[]): Promise<{ pending: number }> {
    this.assertOpen()
    const wanted = [...new Set(fileIds)].slice(0, MAX_PRIORITISED)
    const pending = wanted.length === 0 ? [] : await this.deps.db.selectFrom('files').select('id').where('id', 'in', wanted).where('preview_state', '=', 'pending').execute()
    this.prioritised = pending.map((r) => r.id)
    if (this.prioritised.length > 0) this.poke()
    return { pending: this.prioritised.length }
  }

  /** Stops taking work, aborts what is being made (rows stay pending), and writes nothing afterwards. */
  async close(): Promise<void> {
    this.stopped = true
    this.unsubscribeJobs()
    this.closing.abort()
    await this.idle()
  }

  /** Makes one file's preview again. */
  async retry(fileId: number): Promise<{ state: PreviewState }> {
    this.assertOpen()
    const row = await this.deps.db.selectFrom('files').select(['id', 'sha256', 'kind', 'mime']).where('id', '=', fileId).executeTakeFirst()
    if (!row) throw new AppError('NOT_FOUND', `There is no file ${fileId} in this library.`, { fileId })
    if (!PREVIEWABLE_KINDS.includes(row.kind) || !makerFor(this.makers, row.mime)) {
      throw new AppError('UNSUPPORTED_TYPE', `Trove makes no preview for this kind of file yet (${row.kind === 'other' ? 'an unknown kind' : row.mime}).`, { fileId })
    }
    await this.deps.db.updateTable('files').set({ preview_state: 'pending', preview_error: null, preview_attempts: 0 }).where('id', '=', fileId).execute()
    this.unrecordable.delete(fileId)
    this.emit({ fileId, sha256: row.sha256, state: 'pending' })
    this.resume()
    return { state: 'pending' }
  }

  /** Makes every preview again (old thumbnails stay visible until each new one replaces them). */
  async regenerateAll(): Promise<{ queued: number }> {
    this.assertOpen()
    const result = await this.deps.db
      .updateTable('files')
      .set({ preview_state: 'pending', preview_error: null, preview_attempts: 0 })
      .where('kind', 'in', PREVIEWABLE_KINDS)
      .executeTakeFirst()
    this.unrecordable.clear()
    this.resume()
    return { queued: Number(result.numUpdatedRows) }
  }

  /** One file's preview state and, when it failed, why. */
  stateOf(fileId: number): Promise<{ state: PreviewState; reason: string | null }> {
    return previewStateOf(this.deps.db, fileId)
  }

  async status(): Promise<PreviewStatus> {
    this.assertOpen()
    return { ...(await countsAndFailures(this.deps.db)), running: this.job !== null, jobId: this.job?.id ?? null }
  }

  private assertOpen(): void {
    if (this.stopped) throw new AppError('LIBRARY_NOT_OPEN', 'This library has been closed.')
  }

  private resume(): void {
    this.paused = false
    this.poke()
  }

  private emit(change: PreviewChange): void {
    for (const listener of this.listeners) {
      try {
        listener(change)
      } catch (error) {
        this.deps.logger.warn('preview listener failed', { error })
      }
    }
  }

  private async drain(): Promise<void> {
    const tally: Tally = { made: 0, failed: 0 }
    let lastCount = 0
    const stop: { halted: AppError | null } = { halted: null }
    const halt = (error: AppError) => {
      stop.halted ??= error
    }
    const { ocrEnabled } = await readLibrarySettings(this.deps.db)
    const ocr = ocrEnabled ? (this.deps.ocr ?? null) : null
    try {
      for (;;) {
        if (this.stopped || this.paused || stop.halted || this.job?.signal.aborted) break
        const poked = this.again
        this.again = false
        const free = this.concurrency - this.inFlight.size
        const rows = free > 0 ? await this.nextPending(free) : []
        if (rows.length > 0 && !this.job) {
          this.job = this.deps.jobs.start(PREVIEW_JOB_KIND, 'Making previews')
          lastCount = 0
        }
        const sinceCount = this.deps.clock.now() - lastCount
        if (this.job && (sinceCount > RECOUNT_EVERY_MS || (poked && sinceCount > RECOUNT_POKED_MS))) {
          lastCount = this.deps.clock.now()
          this.job.update({ itemsTotal: tally.made + tally.failed + (await this.countPending()) })
        }
        for (const row of rows) this.track(row.id, this.process(row, tally, halt))
        // The OCR pass: only when no preview is waiting, one file at a time.
        if (rows.length === 0 && free > 0 && ocr && !this.ocrRunning) {
          const scan = await nextScan(this.deps.db)
          if (scan) {
            this.ocrRunning = true
            this.track(-scan.id, readScan(this.deps, scan, ocr, this.closing.signal).finally(() => (this.ocrRunning = false)))
          }
        }
        if (this.inFlight.size === 0) {
          if (this.again && !this.stopped) continue
          break
        }
        await Promise.race(this.inFlight.values())
      }
    } finally {
      await Promise.all(this.inFlight.values())
      this.finishJob(tally, stop.halted)
    }
  }

  private track(key: number, task: Promise<void>): void {
    this.inFlight.set(key, task.finally(() => this.inFlight.delete(key)))
  }

  private finishJob(tally: Tally, halted: AppError | null): void {
    const job = this.job
    this.job = null
    if (!job) return
    const itemsDone = tally.made + tally.failed
    const counts = `${tally.made} ${tally.made === 1 ? 'preview' : 'previews'} made${tally.failed ? `, ${tally.failed} could not be made` : ''}`
    if (halted) {
      this.paused = true
      job.finish('failed', { itemsDone, summary: counts, error: `Making previews stopped: ${halted.message}` })
    } else if (this.stopped) {
      job.finish('cancelled', { itemsDone, summary: `${counts}. Stopped because the library was closed; the rest will be made when it opens again.` })
    } else if (job.signal.aborted) {
      this.paused = true
      job.finish('cancelled', { itemsDone, summary: `${counts}. The rest will be made after the next import, or on Retry.` })
    } else {
      job.finish('completed', { itemsDone, itemsTotal: itemsDone, summary: counts })
    }
  }

  /** The visible files first (those still pending), then the newest. */
  private async nextPending(limit: number): Promise<PendingRow[]> {
    const skip = [...this.inFlight.keys(), ...this.unrecordable]
    const base = () => {
      let query = this.deps.db.selectFrom('files').select(PENDING_COLUMNS).where('preview_state', '=', 'pending').where('kind', 'in', PREVIEWABLE_KINDS)
      if (skip.length > 0) query = query.where('id', 'not in', skip)
      return query
    }
    const rows: PendingRow[] = []
    if (this.prioritised.length > 0) {
      rows.push(...(await base().where('id', 'in', this.prioritised).limit(limit).execute()))
      if (rows.length === 0) this.prioritised = []
      else skip.push(...rows.map((r) => r.id))
    }
    if (rows.length < limit) rows.push(...(await base().orderBy('id', 'desc').limit(limit - rows.length).execute()))
    return rows
  }

  private async countPending(): Promise<number> {
    const row = await this.deps.db
      .selectFrom('files')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('preview_state', '=', 'pending')
      .where('kind', 'in', PREVIEWABLE_KINDS)
      .executeTakeFirst()
    return Number(row?.n ?? 0)
  }

  /** One file: make (read only), then, unless the library is closing, write and record. */
  private async process(row: PendingRow, tally: Tally, halt: (error: AppError) => void): Promise<void> {
    const { db, logger } = this.deps
    this.job?.update({ current: row.name })
    const maker = makerFor(this.makers, row.mime)
    if (!maker) {
      // A kind with makers, but not for this type (a .docx among documents): nothing to make.
      await db.updateTable('files').set({ preview_state: 'none', preview_error: null }).where('id', '=', row.id).where('preview_state', '=', 'pending').execute()
      return
    }
    const signal = this.job ? AbortSignal.any([this.closing.signal, this.job.signal]) : this.closing.signal
    try {
      if (row.preview_attempts >= MAX_PREVIEW_ATTEMPTS) {
        throw new PreviewError('failed', `Making this preview was started ${row.preview_attempts} times and never finished; the file may be too large or unusual.`)
      }
      await db.updateTable('files').set({ preview_attempts: sql`preview_attempts + 1` }).where('id', '=', row.id).execute()
      const { made, webp } = await make(this.deps, row, maker, signal)
      if (signal.aborted) return await this.forgetAttempt(row)
      // Marked for OCR whether or not it is on now: switching it on later reads what waits.
      const ocrWanted = this.deps.ocr?.accepts(row.mime) ?? false
      if (!(await recordMade(this.deps, row, made, webp, ocrWanted))) return
      tally.made++
      this.job?.update({ itemsDone: tally.made + tally.failed })
      this.emit({ fileId: row.id, sha256: row.sha256, state: 'done' })
    } catch (err) {
      if (signal.aborted) return await this.forgetAttempt(row)
      if (isAppError(err) && (err.code === 'NO_SPACE' || err.code === 'PERMISSION_DENIED')) {
        // Every other preview would fail the same way: stop, keep them pending, try again later.
        logger.warn('previews stopped', { code: err.code, reason: err.message })
        return halt(err)
      }
      const reason = err instanceof PreviewError ? err.message : `The preview could not be made because of an unexpected error (${isAppError(err) ? err.message : 'see the log'}).`
      if (!(err instanceof PreviewError)) logger.error('preview failed unexpectedly', { fileId: row.id, maker: maker.name, error: err })
      await this.recordFailure(row, reason)
      tally.failed++
      this.job?.update({ itemsDone: tally.made + tally.failed })
    }
  }

  /** Stopped by the user or by closing: the attempt does not count against the file. */
  private async forgetAttempt(row: PendingRow): Promise<void> {
    await this.deps.db
      .updateTable('files')
      .set({ preview_attempts: sql`max(0, preview_attempts - 1)` })
      .where('id', '=', row.id)
      .execute()
      .catch((error: unknown) => this.deps.logger.warn('could not forget a stopped preview attempt', { fileId: row.id, error }))
  }

  private async recordFailure(row: PendingRow, reason: string): Promise<void> {
    try {
      await this.deps.db
        .updateTable('files')
        .set({ preview_state: 'failed', preview_error: reason, preview_attempts: 0 })
        .where('id', '=', row.id)
        .where('preview_state', '=', 'pending')
        .execute()
      this.emit({ fileId: row.id, sha256: row.sha256, state: 'failed' })
    } catch (error) {
      this.deps.logger.error('could not record a failed preview', { fileId: row.id, error })
      this.unrecordable.add(row.id)
      if (this.unrecordable.size > MAX_UNRECORDABLE) this.paused = true
    }
  }
}
