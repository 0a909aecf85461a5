import type { SyncChangeDto, SyncOperationDto, WatchedFolderDto } from '../../../src-preload/contract/sync'
import { AppError } from '../common/app-error'
import type { SyncOperationType } from '../db/schema'
import { deleteFolder, insertFolder, type AddFolderInput } from './folder-admin'
import { FolderLifecycle } from './folder-lifecycle'
import { ScanRunner } from './scan-runner'
import { ScanScheduler } from './scan-scheduler'
import { SyncContext, type SyncManagerDeps, type SyncOptions } from './sync-context'
import { SyncEvents, type SyncEvent } from './sync-events'
import * as q from './sync-queries'

export type { AddFolderInput } from './folder-admin'
export type { SyncManagerDeps, SyncOptions } from './sync-context'
export type { SyncEvent } from './sync-events'
export { SYNC_JOB_KIND } from './scan-runner'

/**
 * Keeps watched folders in step: a watcher per enabled folder, a reconciliation scan at start,
 * on a schedule and on demand (one scan at a time across folders, as a job), offline roots
 * left untouched until they return. Work on one folder is serialised; `stop()` ends it all.
 * This class is the public face; the work is done by the folder lifecycle (attach, watch,
 * offline), the scheduler (when scans run) and the runner (what a scan or batch does).
 */
export class SyncManager {
  private readonly ctx: SyncContext
  private readonly events: SyncEvents
  private readonly lifecycle: FolderLifecycle
  private readonly scheduler: ScanScheduler
  private readonly runner: ScanRunner

  constructor(deps: SyncManagerDeps, options: SyncOptions = {}) {
    this.ctx = new SyncContext(deps, options)
    this.events = new SyncEvents(this.ctx)
    this.scheduler = new ScanScheduler(this.ctx, (id, type) => this.runner.runScan(id, type))
    this.lifecycle = new FolderLifecycle(this.ctx, this.events, {
      queueScan: (id, type) => this.scheduler.queue(id, type),
      applyBatch: (id, paths) => this.runner.applyBatch(id, paths),
    })
    this.runner = new ScanRunner(this.ctx, this.events, this.lifecycle, this.scheduler)
  }

  /** Watches every enabled folder and reconciles each in the background ('startup'). */
  start(): void {
    const { ctx } = this
    if (ctx.started || ctx.stopped) return
    ctx.started = true
    ctx.track(
      (async () => {
        await q.failInterrupted(ctx.db, ctx.deps.clock.now())
        for (const row of await q.folderRows(ctx.db)) if (row.enabled) await this.lifecycle.activate(row, 'startup')
      })(),
    )
  }

  onChange(listener: (event: SyncEvent) => void): () => void {
    return this.events.onChange(listener)
  }

  /** Every applied change, in full (the command line's `watch run` prints one line each). */
  onApplied(listener: (changes: SyncChangeDto[]) => void): () => void {
    return this.events.onApplied(listener)
  }

  async add(input: AddFolderInput): Promise<WatchedFolderDto> {
    const { ctx } = this
    this.assertOpen()
    const id = await insertFolder(ctx.db, ctx.deps.fs, ctx.deps.libraryRoot, input, ctx.deps.clock.now())
    const row = (await ctx.row(id))!
    if (ctx.started) ctx.track(this.lifecycle.activate(row, 'manual'))
    this.events.emit(id, [])
    return ctx.folder(id)
  }

  /** Stops watching a folder and retires its sources; `keepEntries: false` trashes entries left with no bytes anywhere. */
  async remove(folderId: number, keepEntries: boolean): Promise<{ removed: true; sourcesRetired: number; trashed: number }> {
    const { ctx } = this
    this.assertOpen()
    await ctx.requireRow(folderId)
    await this.lifecycle.deactivate(folderId)
    const result = await ctx.folderLocks.run(`${folderId}`, async () => deleteFolder(ctx.deps.sqlite, folderId, keepEntries, ctx.deps.clock.now()))
    ctx.runtimes.delete(folderId)
    this.events.emitRemoved(folderId)
    return result
  }

  async setEnabled(folderId: number, enabled: boolean): Promise<WatchedFolderDto> {
    const { ctx } = this
    this.assertOpen()
    await ctx.requireRow(folderId)
    await ctx.db.updateTable('watched_folders').set({ enabled: enabled ? 1 : 0 }).where('id', '=', folderId).execute()
    if (!enabled) await this.lifecycle.deactivate(folderId)
    else if (ctx.started && !ctx.runtimes.get(folderId)?.watcher) ctx.track(this.lifecycle.activate((await ctx.row(folderId))!, 'manual'))
    this.events.emit(folderId, [])
    return ctx.folder(folderId)
  }

  async list(): Promise<WatchedFolderDto[]> {
    return q.folderDtos(this.ctx.db, await q.folderRows(this.ctx.db), (row) => this.ctx.live(row))
  }

  folder(folderId: number): Promise<WatchedFolderDto> {
    return this.ctx.folder(folderId)
  }

  /** Reconciles one folder, or every enabled one, now; resolves with the operations once they are done. */
  async scan(folderId?: number, type: SyncOperationType = 'manual'): Promise<SyncOperationDto[]> {
    const { ctx } = this
    this.assertOpen()
    const rows = folderId === undefined ? (await q.folderRows(ctx.db)).filter((r) => r.enabled) : [await ctx.requireRow(folderId)]
    const ids = await Promise.all(rows.map((row) => this.scheduler.queue(row.id, type)))
    return Promise.all(ids.filter((id): id is number => id !== null).map((id) => q.operation(ctx.db, id)))
  }

  history(folderId: number | undefined, limit: number): Promise<SyncOperationDto[]> {
    return q.history(this.ctx.db, folderId, limit)
  }

  /** Resolves once the scans and batches under way have finished (tests, the command line). */
  idle(): Promise<void> {
    return this.ctx.idle()
  }

  /** Stops every watcher, timer and scan, and waits for them: nothing writes afterwards. */
  async stop(): Promise<void> {
    const { ctx } = this
    if (ctx.stopped) return ctx.idle()
    ctx.stopped = true
    ctx.stopping.abort()
    await Promise.allSettled([...ctx.runtimes.keys()].map((id) => this.lifecycle.deactivate(id, false)))
    await ctx.idle()
    await this.scheduler.drained()
  }

  private assertOpen(): void {
    if (this.ctx.stopped) throw new AppError('LIBRARY_NOT_OPEN', 'This library has been closed.')
  }
}
