import type { SyncOperationType } from '../db/schema'
import type { FolderRuntime } from './folder-state'
import type { SyncContext } from './sync-context'

/** A scheduled scan's timer is re-armed at least this often against the clock (sleep, clock changes). */
const SCHEDULE_CHECK_MS = 60 * 60 * 1000

/**
 * When scans run: one at a time across folders (a lane), each under its folder's lock, and
 * each folder's next scheduled scan armed against the clock.
 */
export class ScanScheduler {
  private lane: Promise<unknown> = Promise.resolve()

  constructor(
    private readonly ctx: SyncContext,
    /** Runs one scan; resolves with its operation id (null when it did not run). */
    private readonly runScan: (folderId: number, type: SyncOperationType) => Promise<number | null>,
  ) {}

  /** Queues a scan behind the others; resolves with its operation id (null when it did not run). */
  queue(folderId: number, type: SyncOperationType): Promise<number | null> {
    const run = this.lane.catch(() => undefined).then(() => this.ctx.folderLocks.run(`${folderId}`, () => this.runScan(folderId, type)))
    this.lane = run
    return this.ctx.track(run).then((id) => id ?? null)
  }

  /** Resolves once the scan queued last has ended. */
  async drained(): Promise<void> {
    await this.lane.catch(() => undefined)
  }

  /** Arms the folder's next scheduled scan (at its row's next_scan_at, or an interval from now). */
  schedule(rt: FolderRuntime): void {
    const { ctx } = this
    if (rt.scanTimer) clearTimeout(rt.scanTimer)
    rt.scanTimer = null
    if (ctx.stopped) return
    ctx.track(
      (async () => {
        const row = await ctx.row(rt.id)
        if (!row || !row.enabled || ctx.stopped) return
        const due = row.next_scan_at ?? ctx.deps.clock.now() + row.interval_ms
        rt.scanTimer = setTimeout(() => {
          rt.scanTimer = null
          if (ctx.deps.clock.now() + 1000 < due) this.schedule(rt)
          else void this.queue(rt.id, 'scheduled')
        }, Math.min(ctx.options.scheduleCheckMs ?? SCHEDULE_CHECK_MS, Math.max(0, due - ctx.deps.clock.now())))
        rt.scanTimer.unref()
      })(),
    )
  }
}
