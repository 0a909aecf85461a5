import { basename } from 'node:path'
import { AppError } from '../common/app-error'
import type { SyncOperationType } from '../db/schema'
import { offlineMessage } from './folder-admin'
import type { FolderLifecycle } from './folder-lifecycle'
import { folderRun, scanSummary } from './folder-state'
import type { RunTally } from './reconciler'
import type { ScanScheduler } from './scan-scheduler'
import type { SyncContext } from './sync-context'
import type { SyncEvents } from './sync-events'
import * as q from './sync-queries'

export const SYNC_JOB_KIND = 'sync'

/**
 * Runs the work on a folder's records: a whole scan (as a job, with progress, recorded as a
 * sync operation) or a settled batch of watcher paths, each under the folder's lock.
 */
export class ScanRunner {
  constructor(
    private readonly ctx: SyncContext,
    private readonly events: SyncEvents,
    private readonly lifecycle: FolderLifecycle,
    private readonly scheduler: ScanScheduler,
  ) {}

  /** One reconciliation scan; resolves with its operation id (null when it did not run). */
  async runScan(folderId: number, type: SyncOperationType): Promise<number | null> {
    const { ctx, events, lifecycle } = this
    const { deps } = ctx
    const row = await ctx.row(folderId)
    if (ctx.stopped || !row || !row.enabled) return null
    const rt = ctx.runtime(folderId)
    const startedAt = deps.clock.now()
    // Each commit is an fsync: the operation's row and the folder's new state go in one.
    const generation = row.scan_generation + 1
    const opId = await ctx.db.transaction().execute(async (trx) => {
      await trx.updateTable('watched_folders').set({ scan_generation: generation, state: 'scanning' }).where('id', '=', folderId).execute()
      return q.startOperation(trx, row, type, startedAt)
    })
    const job = deps.jobs.start(SYNC_JOB_KIND, `Scanning ${basename(row.path) || row.path}`)
    rt.progress = { scanned: 0, hashed: 0, bytesHashed: 0, current: null, jobId: job.id }
    events.emit(folderId, [])
    let tally: RunTally | null = null
    let error: string | null = null
    let finished = false
    try {
      if (!rt.rootReal || rt.offline || !(await lifecycle.rootPresent(rt, row.path))) {
        if (!(await lifecycle.attach(rt, row))) throw new AppError('NOT_FOUND', offlineMessage(row.path))
      }
      const folder = { ...folderRun((await ctx.row(folderId))!), generation }
      const signal = AbortSignal.any([job.signal, ctx.stopping.signal])
      const result = await ctx.reconciler.scan(folder, rt.rootReal!, rt.rules!, () => lifecycle.rootPresent(rt, row.path), {
        signal,
        local: rt.local,
        onProgress: (p) => {
          rt.progress = { ...p, jobId: job.id }
          job.update({ itemsDone: p.scanned, bytesDone: p.bytesHashed, current: p.current })
        },
      })
      tally = result.tally
      const changes = tally.settle()
      if (result.offline) {
        await lifecycle.goOffline(rt, row.path, null)
        throw new AppError('NOT_FOUND', offlineMessage(row.path))
      }
      const now = deps.clock.now()
      const done = tally
      await ctx.db.transaction().execute(async (trx) => {
        await trx
          .updateTable('watched_folders')
          .set({ last_scan_at: now, next_scan_at: now + row.interval_ms, state: 'idle', last_error: null })
          .where('id', '=', folderId)
          .execute()
        await q.finishOperation(trx, opId, done, startedAt, now, null)
      })
      finished = true
      rt.error = null
      job.finish('completed', { itemsDone: tally.scanned, itemsTotal: tally.scanned, summary: scanSummary(tally) })
      events.announce(folderId, changes)
    } catch (err) {
      const cancelled = job.signal.aborted || ctx.stopping.signal.aborted
      error = cancelled ? 'Cancelled before it finished; the next scan starts over.' : err instanceof Error ? err.message : String(err)
      tally?.settle()
      if (!cancelled && !rt.offline) {
        rt.error = error
        deps.logger.warn('scan failed', { path: row.path, error: err })
      }
      if (!ctx.stopping.signal.aborted) {
        const state = rt.offline ? 'offline' : cancelled ? 'idle' : 'error'
        await ctx.db.updateTable('watched_folders').set({ state, last_error: cancelled ? null : error }).where('id', '=', folderId).execute()
      }
      job.finish(cancelled ? 'cancelled' : 'failed', { error })
    } finally {
      rt.progress = null
    }
    if (!finished) await q.finishOperation(ctx.db, opId, tally, startedAt, deps.clock.now(), error)
    this.scheduler.schedule(rt)
    events.emit(folderId, [])
    return opId
  }

  /** A settled batch of watcher paths, applied through the same comparison as a scan. */
  async applyBatch(folderId: number, paths: string[]): Promise<void> {
    const { ctx } = this
    await ctx.folderLocks.run(`${folderId}`, async () => {
      const rt = ctx.runtimes.get(folderId)
      const row = await ctx.row(folderId)
      if (ctx.stopped || !rt || !row || !row.enabled || rt.offline || !rt.rootReal || !rt.rules) return
      const startedAt = ctx.deps.clock.now()
      const { tally, offline } = await ctx.reconciler.applyPaths(folderRun(row), rt.rootReal, rt.rules, paths, () => this.lifecycle.rootPresent(rt, row.path), ctx.stopping.signal)
      const changes = tally.settle()
      if (changes.length > 0 || tally.issueCount > 0) await q.recordBatch(ctx.db, row, tally, startedAt, ctx.deps.clock.now())
      if (offline) await this.lifecycle.goOffline(rt, row.path, null)
      this.events.announce(folderId, changes)
    })
  }
}
