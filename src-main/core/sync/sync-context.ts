import type { Kysely } from 'kysely'
import { AppError } from '../common/app-error'
import type { Clock } from '../common/clock'
import type { FsSeam } from '../common/fs-seam'
import { KeyedMutex } from '../common/keyed-mutex'
import type { Logger } from '../common/logger'
import type { SqliteHandle } from '../db/connection'
import type { Database } from '../db/schema'
import type { IngestContext } from '../ingest/ingest-file'
import type { JobRegistry } from '../jobs/job-registry'
import type { WatchedFolderDto } from '../../../src-preload/contract/sync'
import { liveState, newRuntime, type FolderRuntime } from './folder-state'
import { Reconciler } from './reconciler'
import * as q from './sync-queries'
import { SyncRows } from './sync-rows'

export interface SyncManagerDeps {
  db: Kysely<Database>
  sqlite: SqliteHandle
  fs: FsSeam
  ingest: IngestContext
  jobs: JobRegistry
  logger: Logger
  clock: Clock
  libraryRoot: string
  /** New entries may need previews (work done without a job must poke the queue). */
  onEntriesAdded?: () => void
}

export interface SyncOptions {
  /** Poll every folder instead of native notifications (tests; a seam, not a setting). */
  forcePolling?: boolean
  debounceMs?: number
  pollingIntervalMs?: number
  rootCheckMs?: number
  /** How often a waiting scheduled scan looks at the clock again (default hourly). */
  scheduleCheckMs?: number
}

/**
 * What the parts of the sync manager share: the services, each folder's runtime state, the
 * per-folder locks, the work in flight, and whether the manager has started or stopped.
 */
export class SyncContext {
  readonly rows: SyncRows
  readonly reconciler: Reconciler
  readonly runtimes = new Map<number, FolderRuntime>()
  /** Work on one folder (a scan, a watcher batch, going offline, removal) runs one at a time. */
  readonly folderLocks = new KeyedMutex()
  readonly stopping = new AbortController()
  started = false
  stopped = false
  private readonly inFlight = new Set<Promise<unknown>>()

  constructor(
    readonly deps: SyncManagerDeps,
    readonly options: SyncOptions,
  ) {
    this.rows = new SyncRows(deps.sqlite)
    this.reconciler = new Reconciler({
      fs: deps.fs, rows: this.rows, ingest: deps.ingest, clock: deps.clock, logger: deps.logger, locks: deps.ingest.locks, libraryRoot: deps.libraryRoot,
    })
  }

  get db(): Kysely<Database> {
    return this.deps.db
  }

  /** Keeps a promise among the work `idle()` and `stop()` wait for; a failure is logged, not thrown. */
  track<T>(promise: Promise<T>): Promise<T> {
    const tracked = promise.catch((error: unknown) => {
      if (!this.stopped) this.deps.logger.error('sync work failed', { error })
      return undefined as T
    })
    this.inFlight.add(tracked)
    void tracked.finally(() => this.inFlight.delete(tracked))
    return tracked
  }

  async idle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight])
  }

  runtime(id: number): FolderRuntime {
    let rt = this.runtimes.get(id)
    if (!rt) this.runtimes.set(id, (rt = newRuntime(id)))
    return rt
  }

  async row(folderId: number): Promise<q.FolderRow | undefined> {
    return (await q.folderRows(this.db, folderId))[0]
  }

  async requireRow(folderId: number): Promise<q.FolderRow> {
    const row = await this.row(folderId)
    if (!row) throw new AppError('NOT_FOUND', `There is no watched folder ${folderId}.`, { folderId })
    return row
  }

  async folder(folderId: number): Promise<WatchedFolderDto> {
    const [dto] = await q.folderDtos(this.db, [await this.requireRow(folderId)], (row) => this.live(row))
    return dto!
  }

  live(row: q.FolderRow): q.FolderLiveState {
    return liveState(row, this.runtimes.get(row.id))
  }
}
