import { errnoOf } from '../common/app-error'
import type { SyncOperationType } from '../db/schema'
import { offlineMessage, realDirectory } from './folder-admin'
import { folderRun, type FolderRuntime } from './folder-state'
import { FolderWatcher } from './folder-watcher'
import { detectNetworkMount, probeCaseSensitive } from './fs-probe'
import type { SyncContext } from './sync-context'
import type { SyncEvents } from './sync-events'
import type * as q from './sync-queries'

/** How often a watched root is checked to still be there, and an offline one to be back. */
const ROOT_CHECK_MS = 2000

export interface LifecycleActions {
  /** Queues a scan of the folder behind the others. */
  queueScan(folderId: number, type: SyncOperationType): Promise<number | null>
  /** Applies a settled batch of watcher paths. */
  applyBatch(folderId: number, paths: string[]): Promise<void>
}

/**
 * A folder's life in this process: attached (root resolved and probed, watcher started, its
 * root guarded), detached, offline when its root goes away, and back when it returns.
 */
export class FolderLifecycle {
  constructor(
    private readonly ctx: SyncContext,
    private readonly events: SyncEvents,
    private readonly actions: LifecycleActions,
  ) {}

  /** Attaches an enabled folder and scans it (`type` says why). */
  async activate(row: q.FolderRow, type: SyncOperationType): Promise<void> {
    if (this.ctx.stopped) return
    const rt = this.ctx.runtime(row.id)
    if (await this.attach(rt, row)) void this.actions.queueScan(row.id, type)
  }

  /** Resolves the root, probes it once, and starts the watcher. False when the root is missing (offline). */
  async attach(rt: FolderRuntime, row: q.FolderRow): Promise<boolean> {
    const { ctx } = this
    const { deps, options } = ctx
    const watch = ctx.started && !ctx.stopped
    let real: string
    try {
      real = await realDirectory(deps.fs, row.path)
    } catch (err) {
      await this.goOffline(rt, row.path, err)
      return false
    }
    const stat = await deps.fs.stat(real)
    rt.rootReal = real
    rt.rootId = `${stat.dev}:${stat.ino}`
    let caseSensitive = row.case_sensitive
    if (caseSensitive === null) {
      caseSensitive = (await probeCaseSensitive(deps.fs, real)) ? 1 : 0
      await ctx.db.updateTable('watched_folders').set({ case_sensitive: caseSensitive }).where('id', '=', row.id).execute()
    }
    const run = folderRun({ ...row, case_sensitive: caseSensitive })
    rt.rules = ctx.reconciler.rulesFor(run, real, await deps.fs.realpath(deps.libraryRoot))
    if (rt.offline) {
      rt.offline = false
      rt.error = null
      ctx.rows.setAvailable(row.id, true)
      await ctx.db.updateTable('watched_folders').set({ state: 'idle', last_error: null }).where('id', '=', row.id).execute()
    }
    await rt.watcher?.close()
    rt.watcher = null
    const network = await detectNetworkMount(real)
    // Walked with synchronous calls only when no part of the tree can wait on a network.
    rt.local = network === null && (await detectNetworkMount(real, { inside: true })) === null
    if (!watch) return true
    rt.pollingReason = options.forcePolling ? 'forced' : network
    const rules = rt.rules
    rt.watcher = new FolderWatcher({
      root: real, fs: deps.fs, logger: deps.logger, polling: rt.pollingReason !== null,
      debounceMs: options.debounceMs, pollingIntervalMs: options.pollingIntervalMs,
      ignores: (rel, dir) => rules.ignores(rel, dir),
      onBatch: (paths) => this.ctx.track(this.actions.applyBatch(row.id, paths)),
      onFallback: (reason) => {
        rt.pollingReason = reason
        this.events.emit(row.id, [])
        // Changes made while the watcher was being replaced were not seen: look at everything once.
        void this.actions.queueScan(row.id, 'realtime')
      },
    })
    try {
      await rt.watcher.start()
    } catch (err) {
      rt.error = `The folder could not be watched (${errnoOf(err) ?? (err as Error).message}); it is still scanned.`
      deps.logger.warn('could not watch folder', { path: row.path, error: err })
    }
    this.startRootGuard(rt, row.path)
    this.events.emit(row.id, [])
    return true
  }

  /** Stops the folder's watcher and timers; a scan under way for it stops at its next file. */
  async deactivate(folderId: number, emit = true): Promise<void> {
    const rt = this.ctx.runtimes.get(folderId)
    if (!rt) return
    if (rt.progress?.jobId) this.ctx.deps.jobs.cancel(rt.progress.jobId)
    if (rt.scanTimer) clearTimeout(rt.scanTimer)
    if (rt.rootTimer) clearInterval(rt.rootTimer)
    rt.scanTimer = rt.rootTimer = null
    const watcher = rt.watcher
    rt.watcher = null
    await watcher?.close()
    if (emit) this.events.emit(folderId, [])
  }

  async goOffline(rt: FolderRuntime, path: string, cause: unknown): Promise<void> {
    const { ctx } = this
    const message = offlineMessage(path)
    if (cause && errnoOf(cause) !== 'ENOENT' && errnoOf(cause) !== 'ENOTDIR') ctx.deps.logger.warn('watched folder unreachable', { path, error: cause })
    const watcher = rt.watcher
    rt.watcher = null
    await watcher?.close()
    if (!rt.offline) {
      rt.offline = true
      rt.error = message
      ctx.rows.setAvailable(rt.id, false)
      await ctx.db.updateTable('watched_folders').set({ state: 'offline', last_error: message }).where('id', '=', rt.id).execute()
    }
    this.startRootGuard(rt, path)
    this.events.emit(rt.id, [])
  }

  /** Is the root still the folder that was attached (same real path, same device and inode)? */
  async rootPresent(rt: FolderRuntime, path: string): Promise<boolean> {
    try {
      const real = await this.ctx.deps.fs.realpath(path)
      const stat = await this.ctx.deps.fs.stat(real)
      return stat.isDirectory() && real === rt.rootReal && `${stat.dev}:${stat.ino}` === rt.rootId
    } catch {
      return false
    }
  }

  /** Every few seconds: is the root still the same folder (watching), or back (offline)? */
  private startRootGuard(rt: FolderRuntime, path: string): void {
    const { ctx } = this
    if (rt.rootTimer) clearInterval(rt.rootTimer)
    rt.rootTimer = null
    if (ctx.stopped || !ctx.started) return
    rt.rootTimer = setInterval(() => {
      if (rt.checking || ctx.stopped) return
      rt.checking = true
      ctx.track(
        (async () => {
          try {
            if (rt.offline) {
              const back = await realDirectory(ctx.deps.fs, path).then(() => true, () => false)
              if (back && !ctx.stopped) await this.actions.queueScan(rt.id, 'realtime')
            } else if (!(await this.rootPresent(rt, path))) {
              await ctx.folderLocks.run(`${rt.id}`, async () => {
                if (!ctx.stopped && !rt.offline && !(await this.rootPresent(rt, path))) await this.goOffline(rt, path, null)
              })
            }
          } finally {
            rt.checking = false
          }
        })(),
      )
    }, ctx.options.rootCheckMs ?? ROOT_CHECK_MS)
    rt.rootTimer.unref()
  }
}
