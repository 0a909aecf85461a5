import { availableParallelism } from 'node:os'
import { sql, type Kysely } from 'kysely'
import { AppError, fromFsError, isAppError } from '../common/app-error'
import type { Clock } from '../common/clock'
import type { FsSeam } from '../common/fs-seam'
import type { Logger } from '../common/logger'
import type { Database, FileKind, PreviewState } from '../db/schema'
import type { JobHandle, JobRegistry } from '../jobs/job-registry'
import type { LibraryLayout } from '../library/library-layout'
import type { ObjectStore } from '../store/object-store'
import { inPlacePath } from '../sync/in-place'
import { configureSharp, PreviewError, renderThumbnail, writeThumbnail } from './thumbnail'

export const PREVIEW_JOB_KIND = 'previews'
/** Kinds the queue makes previews for; the others stay 'none' until they have a maker. */
export const PREVIEWABLE_KINDS: readonly FileKind[] = ['image']
const FAILURES_LISTED = 20
/** The total is recounted at most this often (an import pokes up to ten times a second). */
const RECOUNT_EVERY_MS = 1000
const RECOUNT_POKED_MS = 250
/** Rows whose outcome could not even be recorded are set aside; this many means the DB is unwell. */
const MAX_UNRECORDABLE = 50

export interface PreviewChange {
  fileId: number
  sha256: string
  state: PreviewState
}

export interface PreviewFailureInfo {
  fileId: number
  sha256: string
  name: string
  reason: string
}

export interface PreviewStatus {
  counts: Record<PreviewState, number>
  /** The most recently added files whose preview failed, newest first. */
  failures: PreviewFailureInfo[]
  running: boolean
  jobId: string | null
}

export interface PreviewQueueDeps {
  db: Kysely<Database>
  fs: FsSeam
  store: ObjectStore
  layout: LibraryLayout
  jobs: JobRegistry
  logger: Logger
  clock: Clock
  /** Images decoded side by side (default: one per core but one, at least one). */
  concurrency?: number
}

interface PendingRow {
  id: number
  sha256: string
  ext: string
  mime: string
  name: string
  storage: 'object' | 'in_place'
}

/**
 * Makes previews in the background: picks `preview_state = 'pending'` rows newest first, a
 * few images at a time, and records 'done' with the image's metadata or 'failed' with a reason
 * for each. Its state lives in the database, so work left at close resumes at the next open.
 * It never holds up an import: imports only mark rows pending, and any other job's progress
 * (an import, an upload, a sync) pokes the queue to look again. Closing waits for the images
 * being decoded and writes nothing afterwards.
 */
export class PreviewQueue {
  readonly concurrency: number
  private readonly listeners = new Set<(change: PreviewChange) => void>()
  private readonly inFlight = new Map<number, Promise<void>>()
  private readonly unrecordable = new Set<number>()
  private readonly unsubscribeJobs: () => void
  private draining: Promise<void> | null = null
  private again = false
  private stopped = false
  /** The user cancelled the job: wait for the next finished job, a retry or a regenerate. */
  private paused = false
  private job: JobHandle | null = null

  constructor(private readonly deps: PreviewQueueDeps) {
    configureSharp()
    this.concurrency = Math.max(1, Math.floor(deps.concurrency ?? availableParallelism() - 1))
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

  /** Stops taking work, waits for the images being decoded, and writes nothing afterwards. */
  async close(): Promise<void> {
    this.stopped = true
    this.unsubscribeJobs()
    await this.idle()
  }

  /** Makes one file's preview again. */
  async retry(fileId: number): Promise<{ state: PreviewState }> {
    this.assertOpen()
    const row = await this.deps.db.selectFrom('files').select(['id', 'sha256', 'kind']).where('id', '=', fileId).executeTakeFirst()
    if (!row) throw new AppError('NOT_FOUND', `There is no file ${fileId} in this library.`, { fileId })
    if (!PREVIEWABLE_KINDS.includes(row.kind)) {
      throw new AppError('UNSUPPORTED_TYPE', `Previews are made for images only so far; this file is ${row.kind === 'other' ? 'of an unknown kind' : `a ${row.kind} file`}.`, { fileId })
    }
    await this.deps.db.updateTable('files').set({ preview_state: 'pending', preview_error: null }).where('id', '=', fileId).execute()
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
      .set({ preview_state: 'pending', preview_error: null })
      .where('kind', 'in', PREVIEWABLE_KINDS)
      .executeTakeFirst()
    this.unrecordable.clear()
    this.resume()
    return { queued: Number(result.numUpdatedRows) }
  }

  async status(): Promise<PreviewStatus> {
    this.assertOpen()
    const { db } = this.deps
    const counts: Record<PreviewState, number> = { pending: 0, done: 0, failed: 0, none: 0 }
    const rows = await db.selectFrom('files').select(['preview_state', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('preview_state').execute()
    for (const row of rows) counts[row.preview_state] = Number(row.n)
    const failures = await db
      .selectFrom('files')
      .select(['id', 'sha256', 'name', 'preview_error'])
      .where('preview_state', '=', 'failed')
      .orderBy('id', 'desc')
      .limit(FAILURES_LISTED)
      .execute()
    return {
      counts,
      failures: failures.map((f) => ({ fileId: f.id, sha256: f.sha256, name: f.name, reason: f.preview_error ?? 'No reason was recorded.' })),
      running: this.draining !== null,
      jobId: this.job?.id ?? null,
    }
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
    const tally = { made: 0, failed: 0 }
    let lastCount = 0
    const stop: { halted: AppError | null } = { halted: null }
    const halt = (error: AppError) => {
      stop.halted ??= error
    }
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
        for (const row of rows) {
          const task = this.process(row, tally, halt).finally(() => this.inFlight.delete(row.id))
          this.inFlight.set(row.id, task)
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

  private finishJob(tally: { made: number; failed: number }, halted: AppError | null): void {
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

  private async nextPending(limit: number): Promise<PendingRow[]> {
    const skip = [...this.inFlight.keys(), ...this.unrecordable]
    let query = this.deps.db
      .selectFrom('files')
      .select(['id', 'sha256', 'ext', 'mime', 'name', 'storage'])
      .where('preview_state', '=', 'pending')
      .where('kind', 'in', PREVIEWABLE_KINDS)
    if (skip.length > 0) query = query.where('id', 'not in', skip)
    return query.orderBy('id', 'desc').limit(limit).execute()
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

  /** One file: decode (read only), then, unless the library is closing, write and record. */
  private async process(row: PendingRow, tally: { made: number; failed: number }, halt: (error: AppError) => void): Promise<void> {
    const { db, fs, store, layout, logger } = this.deps
    this.job?.update({ current: row.name })
    try {
      const path = row.storage === 'in_place' ? await inPlacePath(db, fs, row.id) : store.absolutePath(row.sha256, row.ext)
      if (path === null) throw new PreviewError('missing', 'The file lives only in a watched folder that is not reachable now; retry once it is back.')
      const rendered = await renderThumbnail(fs, { path, mime: row.mime })
      if (this.stopped) return
      const thumb = await writeThumbnail(fs, layout, row.sha256, rendered.webp).catch((err: unknown) => {
        throw fromFsError(err, 'save the preview in', layout.thumbs)
      })
      const m = rendered.metadata
      const updated = await db
        .updateTable('files')
        .set({
          preview_state: 'done',
          preview_error: null,
          metadata_json: sql<string>`json_set(metadata_json, '$.width', ${m.width}, '$.height', ${m.height}, '$.orientation', ${m.orientation}, '$.takenAt', ${m.takenAt}, '$.format', ${m.format})`,
        })
        .where('id', '=', row.id)
        .where('preview_state', '=', 'pending')
        .executeTakeFirst()
      if (Number(updated.numUpdatedRows) === 0) {
        // Deleted while it was being made: take the thumbnail back rather than leave an orphan.
        const still = await db.selectFrom('files').select('id').where('sha256', '=', row.sha256).executeTakeFirst()
        if (!still) await fs.rm(thumb, { force: true })
        return
      }
      tally.made++
      this.job?.update({ itemsDone: tally.made + tally.failed })
      this.emit({ fileId: row.id, sha256: row.sha256, state: 'done' })
    } catch (err) {
      if (this.stopped) return
      if (isAppError(err) && (err.code === 'NO_SPACE' || err.code === 'PERMISSION_DENIED')) {
        // Every other preview would fail the same way: stop, keep them pending, try again later.
        logger.warn('previews stopped', { code: err.code, reason: err.message })
        return halt(err)
      }
      const reason = err instanceof PreviewError ? err.message : `The preview could not be made because of an unexpected error (${isAppError(err) ? err.message : 'see the log'}).`
      if (!(err instanceof PreviewError)) logger.error('preview failed unexpectedly', { fileId: row.id, error: err })
      await this.recordFailure(row, reason)
      tally.failed++
      this.job?.update({ itemsDone: tally.made + tally.failed })
    }
  }

  private async recordFailure(row: PendingRow, reason: string): Promise<void> {
    try {
      await this.deps.db
        .updateTable('files')
        .set({ preview_state: 'failed', preview_error: reason })
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
