import { basename } from 'node:path'
import type { Kysely } from 'kysely'
import type { SyncChangeDto, SyncOperationDto, WatchedFolderDto } from '../../../src-preload/contract/sync'
import { AppError, errnoOf, isAppError } from '../common/app-error'
import type { Clock } from '../common/clock'
import type { FsSeam } from '../common/fs-seam'
import { KeyedMutex } from '../common/keyed-mutex'
import type { Logger } from '../common/logger'
import type { SqliteHandle } from '../db/connection'
import type { Database, SyncOperationType } from '../db/schema'
import type { IngestContext } from '../ingest/ingest-file'
import type { JobRegistry } from '../jobs/job-registry'
import { deleteFolder, insertFolder, offlineMessage, realDirectory, type AddFolderInput } from './folder-admin'
import { folderRun, liveState, newRuntime, scanSummary, type FolderRuntime } from './folder-state'
import { FolderWatcher } from './folder-watcher'
import { detectNetworkMount, probeCaseSensitive } from './fs-probe'
import { Reconciler, type RunTally } from './reconciler'
import * as q from './sync-queries'
import { SyncRows, type AppliedChange } from './sync-rows'

export type { AddFolderInput } from './folder-admin'

export const SYNC_JOB_KIND = 'sync'
/** How often a watched root is checked to still be there, and an offline one to be back. */
const ROOT_CHECK_MS = 2000
/** A scheduled scan's timer is re-armed at least this often against the clock (sleep, clock changes). */
const SCHEDULE_CHECK_MS = 60 * 60 * 1000
const EVENT_CHANGES = 100

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

export interface SyncEvent {
  folderId: number
  /** Null when the folder was removed. */
  folder: WatchedFolderDto | null
  changes: SyncChangeDto[]
  changeCount: number
}

/**
 * Keeps watched folders in step: a watcher per enabled folder, a reconciliation scan at start,
 * on a schedule and on demand (one scan at a time across folders, as a job), offline roots
 * left untouched until they return. Work on one folder is serialised; `stop()` ends it all.
 */
export class SyncManager {
  private readonly rows: SyncRows
  private readonly reconciler: Reconciler
  private readonly runtimes = new Map<number, FolderRuntime>()
  private readonly folderLocks = new KeyedMutex()
  private readonly listeners = new Set<(event: SyncEvent) => void>()
  private readonly appliedListeners = new Set<(changes: SyncChangeDto[]) => void>()
  private readonly inFlight = new Set<Promise<unknown>>()
  private readonly stopping = new AbortController()
  private scanLane: Promise<unknown> = Promise.resolve()
  private started = false
  private stopped = false

  constructor(
    private readonly deps: SyncManagerDeps,
    private readonly options: SyncOptions = {},
  ) {
    this.rows = new SyncRows(deps.sqlite)
    this.reconciler = new Reconciler({
      fs: deps.fs, rows: this.rows, ingest: deps.ingest, clock: deps.clock, logger: deps.logger, locks: deps.ingest.locks, libraryRoot: deps.libraryRoot,
    })
  }

  /** Watches every enabled folder and reconciles each in the background ('startup'). */
  start(): void {
    if (this.started || this.stopped) return
    this.started = true
    this.track(
      (async () => {
        await q.failInterrupted(this.deps.db, this.deps.clock.now())
        for (const row of await q.folderRows(this.deps.db)) if (row.enabled) await this.activate(row, 'startup')
      })(),
    )
  }

  onChange(listener: (event: SyncEvent) => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  /** Every applied change, in full (the command line's `watch run` prints one line each). */
  onApplied(listener: (changes: SyncChangeDto[]) => void): () => void {
    this.appliedListeners.add(listener)
    return () => this.appliedListeners.delete(listener)
  }

  async add(input: AddFolderInput): Promise<WatchedFolderDto> {
    this.assertOpen()
    const id = await insertFolder(this.deps.db, this.deps.fs, this.deps.libraryRoot, input, this.deps.clock.now())
    const row = (await q.folderRows(this.deps.db, id))[0]!
    if (this.started) this.track(this.activate(row, 'manual'))
    this.emit(id, [])
    return this.folder(id)
  }

  /** Stops watching a folder and retires its sources; `keepEntries: false` trashes entries left with no bytes anywhere. */
  async remove(folderId: number, keepEntries: boolean): Promise<{ removed: true; sourcesRetired: number; trashed: number }> {
    this.assertOpen()
    await this.requireRow(folderId)
    await this.deactivate(folderId)
    const result = await this.folderLocks.run(`${folderId}`, async () => deleteFolder(this.deps.sqlite, folderId, keepEntries, this.deps.clock.now()))
    this.runtimes.delete(folderId)
    this.emitRemoved(folderId)
    return result
  }

  async setEnabled(folderId: number, enabled: boolean): Promise<WatchedFolderDto> {
    this.assertOpen()
    await this.requireRow(folderId)
    await this.deps.db.updateTable('watched_folders').set({ enabled: enabled ? 1 : 0 }).where('id', '=', folderId).execute()
    if (!enabled) await this.deactivate(folderId)
    else if (this.started && !this.runtimes.get(folderId)?.watcher) this.track(this.activate((await q.folderRows(this.deps.db, folderId))[0]!, 'manual'))
    this.emit(folderId, [])
    return this.folder(folderId)
  }

  async list(): Promise<WatchedFolderDto[]> {
    return q.folderDtos(this.deps.db, await q.folderRows(this.deps.db), (row) => this.live(row))
  }

  async folder(folderId: number): Promise<WatchedFolderDto> {
    const [dto] = await q.folderDtos(this.deps.db, [await this.requireRow(folderId)], (row) => this.live(row))
    return dto!
  }

  /** Reconciles one folder, or every enabled one, now; resolves with the operations once they are done. */
  async scan(folderId?: number, type: SyncOperationType = 'manual'): Promise<SyncOperationDto[]> {
    this.assertOpen()
    const rows = folderId === undefined ? (await q.folderRows(this.deps.db)).filter((r) => r.enabled) : [await this.requireRow(folderId)]
    const ids = await Promise.all(rows.map((row) => this.queueScan(row.id, type)))
    return Promise.all(ids.filter((id): id is number => id !== null).map((id) => q.operation(this.deps.db, id)))
  }

  history(folderId: number | undefined, limit: number): Promise<SyncOperationDto[]> {
    return q.history(this.deps.db, folderId, limit)
  }

  /** Resolves once the scans and batches under way have finished (tests, the command line). */
  async idle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight])
  }

  /** Stops every watcher, timer and scan, and waits for them: nothing writes afterwards. */
  async stop(): Promise<void> {
    if (this.stopped) return this.idle()
    this.stopped = true
    this.stopping.abort()
    await Promise.allSettled([...this.runtimes.keys()].map((id) => this.deactivate(id, false)))
    await this.idle()
    await this.scanLane.catch(() => undefined)
  }

  private async activate(row: q.FolderRow, type: SyncOperationType): Promise<void> {
    if (this.stopped) return
    const rt = this.runtime(row.id)
    if (await this.attach(rt, row)) void this.queueScan(row.id, type)
  }

  /** Resolves the root, probes it once, and starts the watcher. False when the root is missing (offline). */
  private async attach(rt: FolderRuntime, row: q.FolderRow): Promise<boolean> {
    const watch = this.started && !this.stopped
    let real: string
    try {
      real = await realDirectory(this.deps.fs, row.path)
    } catch (err) {
      await this.goOffline(rt, row.path, err)
      return false
    }
    const stat = await this.deps.fs.stat(real)
    rt.rootReal = real
    rt.rootId = `${stat.dev}:${stat.ino}`
    let caseSensitive = row.case_sensitive
    if (caseSensitive === null) {
      caseSensitive = (await probeCaseSensitive(this.deps.fs, real)) ? 1 : 0
      await this.deps.db.updateTable('watched_folders').set({ case_sensitive: caseSensitive }).where('id', '=', row.id).execute()
    }
    const run = folderRun({ ...row, case_sensitive: caseSensitive })
    rt.rules = this.reconciler.rulesFor(run, real, await this.deps.fs.realpath(this.deps.libraryRoot))
    if (rt.offline) {
      rt.offline = false
      rt.error = null
      this.rows.setAvailable(row.id, true)
      await this.deps.db.updateTable('watched_folders').set({ state: 'idle', last_error: null }).where('id', '=', row.id).execute()
    }
    await rt.watcher?.close()
    rt.watcher = null
    if (!watch) return true
    const network = this.options.forcePolling ? null : await detectNetworkMount(real)
    rt.pollingReason = this.options.forcePolling ? 'forced' : network
    const rules = rt.rules
    rt.watcher = new FolderWatcher({
      root: real, fs: this.deps.fs, logger: this.deps.logger, polling: rt.pollingReason !== null,
      debounceMs: this.options.debounceMs, pollingIntervalMs: this.options.pollingIntervalMs,
      ignores: (rel, dir) => rules.ignores(rel, dir),
      onBatch: (paths) => this.track(this.applyBatch(row.id, paths)),
      onFallback: (reason) => {
        rt.pollingReason = reason
        this.emit(row.id, [])
        // Changes made while the watcher was being replaced were not seen: look at everything once.
        void this.queueScan(row.id, 'realtime')
      },
    })
    try {
      await rt.watcher.start()
    } catch (err) {
      rt.error = `The folder could not be watched (${errnoOf(err) ?? (err as Error).message}); it is still scanned.`
      this.deps.logger.warn('could not watch folder', { path: row.path, error: err })
    }
    this.startRootGuard(rt, row.path)
    this.emit(row.id, [])
    return true
  }

  private async deactivate(folderId: number, emit = true): Promise<void> {
    const rt = this.runtimes.get(folderId)
    if (!rt) return
    // A scan under way for a folder being disabled or removed stops at its next file.
    if (rt.progress?.jobId) this.deps.jobs.cancel(rt.progress.jobId)
    if (rt.scanTimer) clearTimeout(rt.scanTimer)
    if (rt.rootTimer) clearInterval(rt.rootTimer)
    rt.scanTimer = rt.rootTimer = null
    const watcher = rt.watcher
    rt.watcher = null
    await watcher?.close()
    if (emit) this.emit(folderId, [])
  }

  /** Queues a scan behind the others; resolves with its operation id (null when it did not run). */
  private queueScan(folderId: number, type: SyncOperationType): Promise<number | null> {
    const run = this.scanLane.catch(() => undefined).then(() => this.folderLocks.run(`${folderId}`, () => this.runScan(folderId, type)))
    this.scanLane = run
    return this.track(run).then((id) => id ?? null)
  }

  private async runScan(folderId: number, type: SyncOperationType): Promise<number | null> {
    const row = (await q.folderRows(this.deps.db, folderId))[0]
    if (this.stopped || !row || !row.enabled) return null
    const rt = this.runtime(folderId)
    const startedAt = this.deps.clock.now()
    const opId = await q.startOperation(this.deps.db, row, type, startedAt)
    const job = this.deps.jobs.start(SYNC_JOB_KIND, `Scanning ${basename(row.path) || row.path}`)
    rt.progress = { scanned: 0, hashed: 0, bytesHashed: 0, current: null, jobId: job.id }
    this.emit(folderId, [])
    let tally: RunTally | null = null
    let error: string | null = null
    try {
      if (!rt.rootReal || rt.offline || !(await this.rootPresent(rt, row.path))) {
        if (!(await this.attach(rt, row))) throw new AppError('NOT_FOUND', offlineMessage(row.path))
      }
      const generation = row.scan_generation + 1
      await this.deps.db.updateTable('watched_folders').set({ scan_generation: generation, state: 'scanning' }).where('id', '=', folderId).execute()
      const folder = { ...folderRun((await q.folderRows(this.deps.db, folderId))[0]!), generation }
      const signal = AbortSignal.any([job.signal, this.stopping.signal])
      const result = await this.reconciler.scan(folder, rt.rootReal!, rt.rules!, () => this.rootPresent(rt, row.path), {
        signal,
        onProgress: (p) => {
          rt.progress = { ...p, jobId: job.id }
          job.update({ itemsDone: p.scanned, bytesDone: p.bytesHashed, current: p.current })
        },
      })
      tally = result.tally
      const changes = tally.settle()
      if (result.offline) {
        await this.goOffline(rt, row.path, null)
        throw new AppError('NOT_FOUND', offlineMessage(row.path))
      }
      const now = this.deps.clock.now()
      await this.deps.db
        .updateTable('watched_folders')
        .set({ last_scan_at: now, next_scan_at: now + row.interval_ms, state: 'idle', last_error: null })
        .where('id', '=', folderId)
        .execute()
      rt.error = null
      job.finish('completed', { itemsDone: tally.scanned, itemsTotal: tally.scanned, summary: scanSummary(tally) })
      this.announce(folderId, changes)
    } catch (err) {
      const cancelled = job.signal.aborted || this.stopping.signal.aborted
      error = cancelled ? 'Cancelled before it finished; the next scan starts over.' : err instanceof Error ? err.message : String(err)
      tally?.settle()
      if (!cancelled && !rt.offline) {
        rt.error = error
        this.deps.logger.warn('scan failed', { path: row.path, error: err })
      }
      if (!this.stopping.signal.aborted) {
        const state = rt.offline ? 'offline' : cancelled ? 'idle' : 'error'
        await this.deps.db.updateTable('watched_folders').set({ state, last_error: cancelled ? null : error }).where('id', '=', folderId).execute()
      }
      job.finish(cancelled ? 'cancelled' : 'failed', { error })
    } finally {
      rt.progress = null
    }
    await q.finishOperation(this.deps.db, opId, tally, startedAt, this.deps.clock.now(), error)
    this.schedule(rt)
    this.emit(folderId, [])
    return opId
  }

  /** A settled batch of watcher paths, applied through the same comparison as a scan. */
  private async applyBatch(folderId: number, paths: string[]): Promise<void> {
    await this.folderLocks.run(`${folderId}`, async () => {
      const rt = this.runtimes.get(folderId)
      const row = (await q.folderRows(this.deps.db, folderId))[0]
      if (this.stopped || !rt || !row || !row.enabled || rt.offline || !rt.rootReal || !rt.rules) return
      const startedAt = this.deps.clock.now()
      const { tally, offline } = await this.reconciler.applyPaths(folderRun(row), rt.rootReal, rt.rules, paths, () => this.rootPresent(rt, row.path), this.stopping.signal)
      const changes = tally.settle()
      if (changes.length > 0 || tally.issueCount > 0) await q.recordBatch(this.deps.db, row, tally, startedAt, this.deps.clock.now())
      if (offline) await this.goOffline(rt, row.path, null)
      this.announce(folderId, changes)
    })
  }

  private announce(folderId: number, changes: AppliedChange[]): void {
    if (changes.some((c) => c.newEntry)) this.deps.onEntriesAdded?.()
    if (changes.length > 0) for (const listener of this.appliedListeners) listener(changes)
    this.emit(folderId, changes)
  }

  private async goOffline(rt: FolderRuntime, path: string, cause: unknown): Promise<void> {
    const message = offlineMessage(path)
    if (cause && errnoOf(cause) !== 'ENOENT' && errnoOf(cause) !== 'ENOTDIR') this.deps.logger.warn('watched folder unreachable', { path, error: cause })
    const watcher = rt.watcher
    rt.watcher = null
    await watcher?.close()
    if (!rt.offline) {
      rt.offline = true
      rt.error = message
      this.rows.setAvailable(rt.id, false)
      await this.deps.db.updateTable('watched_folders').set({ state: 'offline', last_error: message }).where('id', '=', rt.id).execute()
    }
    this.startRootGuard(rt, path)
    this.emit(rt.id, [])
  }

  /** Every few seconds: is the root still the same folder (watching), or back (offline)? */
  private startRootGuard(rt: FolderRuntime, path: string): void {
    if (rt.rootTimer) clearInterval(rt.rootTimer)
    rt.rootTimer = null
    if (this.stopped || !this.started) return
    rt.rootTimer = setInterval(() => {
      if (rt.checking || this.stopped) return
      rt.checking = true
      this.track(
        (async () => {
          try {
            if (rt.offline) {
              const back = await realDirectory(this.deps.fs, path).then(() => true, () => false)
              if (back && !this.stopped) await this.queueScan(rt.id, 'realtime')
            } else if (!(await this.rootPresent(rt, path))) {
              await this.folderLocks.run(`${rt.id}`, async () => {
                if (!this.stopped && !rt.offline && !(await this.rootPresent(rt, path))) await this.goOffline(rt, path, null)
              })
            }
          } finally {
            rt.checking = false
          }
        })(),
      )
    }, this.options.rootCheckMs ?? ROOT_CHECK_MS)
    rt.rootTimer.unref()
  }

  private schedule(rt: FolderRuntime): void {
    if (rt.scanTimer) clearTimeout(rt.scanTimer)
    rt.scanTimer = null
    if (this.stopped) return
    this.track(
      (async () => {
        const row = (await q.folderRows(this.deps.db, rt.id))[0]
        if (!row || !row.enabled || this.stopped) return
        const due = row.next_scan_at ?? this.deps.clock.now() + row.interval_ms
        rt.scanTimer = setTimeout(() => {
          rt.scanTimer = null
          if (this.deps.clock.now() + 1000 < due) this.schedule(rt)
          else void this.queueScan(rt.id, 'scheduled')
        }, Math.min(this.options.scheduleCheckMs ?? SCHEDULE_CHECK_MS, Math.max(0, due - this.deps.clock.now())))
        rt.scanTimer.unref()
      })(),
    )
  }

  private async rootPresent(rt: FolderRuntime, path: string): Promise<boolean> {
    try {
      const real = await this.deps.fs.realpath(path)
      const stat = await this.deps.fs.stat(real)
      return stat.isDirectory() && real === rt.rootReal && `${stat.dev}:${stat.ino}` === rt.rootId
    } catch {
      return false
    }
  }

  private live(row: q.FolderRow): q.FolderLiveState {
    return liveState(row, this.runtimes.get(row.id))
  }

  private runtime(id: number): FolderRuntime {
    let rt = this.runtimes.get(id)
    if (!rt) this.runtimes.set(id, (rt = newRuntime(id)))
    return rt
  }

  private async requireRow(folderId: number): Promise<q.FolderRow> {
    const row = (await q.folderRows(this.deps.db, folderId))[0]
    if (!row) throw new AppError('NOT_FOUND', `There is no watched folder ${folderId}.`, { folderId })
    return row
  }

  private assertOpen(): void {
    if (this.stopped) throw new AppError('LIBRARY_NOT_OPEN', 'This library has been closed.')
  }

  private track<T>(promise: Promise<T>): Promise<T> {
    const tracked = promise.catch((error: unknown) => {
      if (!this.stopped) this.deps.logger.error('sync work failed', { error })
      return undefined as T
    })
    this.inFlight.add(tracked)
    void tracked.finally(() => this.inFlight.delete(tracked))
    return tracked
  }

  private emit(folderId: number, changes: AppliedChange[]): void {
    if (this.listeners.size === 0 || this.stopped) return
    this.track(
      this.folder(folderId).then(
        (folder) => {
          const event: SyncEvent = { folderId, folder, changes: changes.slice(0, EVENT_CHANGES), changeCount: changes.length }
          for (const listener of this.listeners) listener(event)
        },
        (err: unknown) => {
          if (!isAppError(err) || err.code !== 'NOT_FOUND') throw err // removed meanwhile: its removal was announced
        },
      ),
    )
  }

  private emitRemoved(folderId: number): void {
    for (const listener of this.listeners) listener({ folderId, folder: null, changes: [], changeCount: 0 })
  }
}
