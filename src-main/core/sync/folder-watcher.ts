import { watch, type FSWatcher } from 'chokidar'
import type { Stats } from 'node:fs'
import { join, relative, sep } from 'node:path'
import { errnoOf } from '../common/app-error'
import type { FsSeam } from '../common/fs-seam'
import type { Logger } from '../common/logger'
import { toRelPath } from './walk-folder'

export type WatchBackendMode = 'native' | 'polling'

/** Quiet time per path before a change is taken (a burst of events on one path becomes one). */
export const DEBOUNCE_MS = 500
export const POLLING_INTERVAL_MS = 1000
/** How long, in debounce times, a settled path waits for the rest of the folder to go quiet. */
const SETTLED_WAIT_FACTOR = 0.5
/** Longest a change waits while others keep arriving (a folder never quiet still gets its changes applied). */
const MAX_WAIT_FACTOR = 2
/** How long start() waits for the watcher's initial setup before carrying on regardless. */
const READY_TIMEOUT_MS = 120_000
/** Errors meaning the OS watch budget is spent: fall back to polling. */
const BUDGET_ERRORS = new Set(['ENOSPC', 'EMFILE', 'ENFILE'])

export interface FolderWatcherOptions {
  /** The folder's real path. */
  root: string
  fs: FsSeam
  logger: Logger
  /** Same rules as the reconciler: relPath POSIX + NFC, isDirectory when known. */
  ignores(relPath: string, isDirectory: boolean | undefined): boolean
  /** Paths (relative to the root, as on disk) whose changes have settled. */
  onBatch(diskPaths: string[]): void
  /** The watcher moved to polling (watch budget spent); the reason is an errno. */
  onFallback(reason: string): void
  /** Start with polling (network mounts; tests). */
  polling?: boolean
  debounceMs?: number
  pollingIntervalMs?: number
}

interface Pending {
  due: number
  /** Size and mtime when last seen (-1 when the event said it is gone). */
  size: number
  mtimeMs: number
}

/**
 * One chokidar watcher over a folder tree (a watch per directory, not per file), with events
 * debounced per path and a file taken only once its size and mtime have stayed the same for
 * the debounce time, so a file being written is read once, complete. Falls back to polling when
 * the OS runs out of watches.
 */
export class FolderWatcher {
  private watcher: FSWatcher | null = null
  private readonly pending = new Map<string, Pending>()
  private timer: NodeJS.Timeout | null = null
  /** When the oldest change still pending came in. */
  private pendingSince = 0
  /** A flush is looking at the settled paths (events meanwhile wait for its end to reschedule). */
  private flushing = false
  private closed = false
  private switching: Promise<void> | null = null
  mode: WatchBackendMode

  constructor(private readonly options: FolderWatcherOptions) {
    this.mode = options.polling ? 'polling' : 'native'
  }

  private get debounceMs(): number {
    return this.options.debounceMs ?? DEBOUNCE_MS
  }

  /** Starts watching; resolves once the initial setup is done (events before it are covered by a scan). */
  async start(): Promise<void> {
    await this.open(this.mode)
  }

  /** Chokidar's error event; an exhausted watch budget moves this folder to polling. */
  handleWatchError(error: unknown): void {
    const code = errnoOf(error) ?? (/ENOSPC|EMFILE|ENFILE/.exec(String((error as Error)?.message)) ?? [])[0]
    if (code && BUDGET_ERRORS.has(code) && this.mode === 'native' && !this.closed) {
      this.options.logger.warn('out of file watches: polling this folder instead', { root: this.options.root, code })
      this.switching ??= this.open('polling')
        .then(() => this.options.onFallback(code))
        .catch((err: unknown) => this.options.logger.error('could not start polling', { root: this.options.root, error: err }))
        .finally(() => (this.switching = null))
      return
    }
    this.options.logger.warn('folder watcher error', { root: this.options.root, error })
  }

  async close(): Promise<void> {
    this.closed = true
    if (this.timer) clearTimeout(this.timer)
    this.timer = null
    this.pending.clear()
    await this.switching
    const watcher = this.watcher
    this.watcher = null
    await watcher?.close()
  }

  private async open(mode: WatchBackendMode): Promise<void> {
    const previous = this.watcher
    this.watcher = null
    await previous?.close()
    if (this.closed) return
    this.mode = mode
    const interval = this.options.pollingIntervalMs ?? POLLING_INTERVAL_MS
    const watcher = watch(this.options.root, {
      ignoreInitial: true,
      followSymlinks: false,
      alwaysStat: true,
      ignorePermissionErrors: true,
      persistent: true,
      backend: mode === 'polling' ? 'polling' : 'native',
      pollingInterval: interval,
      pollingBinaryInterval: interval,
      ignored: (path: string, stats?: Stats) => this.ignored(path, stats),
    })
    this.watcher = watcher
    const onEvent = (event: string) => (path: string, stats?: Stats) => this.onEvent(event, path, stats)
    for (const event of ['add', 'change', 'unlink', 'addDir', 'unlinkDir'] as const) watcher.on(event, onEvent(event))
    watcher.on('error', (error) => this.handleWatchError(error))
    await new Promise<void>((resolve) => {
      const timeout = setTimeout(resolve, READY_TIMEOUT_MS)
      timeout.unref()
      watcher.once('ready', () => {
        clearTimeout(timeout)
        resolve()
      })
    })
  }

  private relOf(path: string): string | null {
    const rel = relative(this.options.root, path)
    if (rel === '' || rel.startsWith('..') || rel.startsWith(sep)) return null
    return rel.split(sep).join('/')
  }

  private ignored(path: string, stats?: Stats): boolean {
    const rel = this.relOf(path)
    if (rel === null) return false
    return this.options.ignores(toRelPath(rel), stats ? stats.isDirectory() : undefined)
  }

  private onEvent(event: string, path: string, stats?: Stats): void {
    if (this.closed) return
    const rel = this.relOf(path)
    if (rel === null) return
    // Only a file's size and mtime are compared; a folder or a removal is settled by quiet time alone.
    const file = event !== 'unlink' && event !== 'unlinkDir' && stats?.isFile() === true
    if (this.pending.size === 0) this.pendingSince = Date.now()
    this.pending.set(rel, { due: Date.now() + this.debounceMs, size: file ? stats.size : -1, mtimeMs: file ? stats.mtimeMs : -1 })
    this.schedule()
  }

  /**
   * Changes are taken together once the whole folder has been quiet for the debounce time, so
   * the two halves of a move (unlink + add) land in one batch and are matched by content. While
   * other changes keep arriving, a path whose quiet time is over waits at most half a debounce
   * time more (a copy in progress still shows its files one after another), and a folder that
   * never pauses still has its settled paths taken every few debounce times.
   */
  private schedule(): void {
    if (this.timer) clearTimeout(this.timer)
    this.timer = null
    if (this.closed || this.flushing || this.pending.size === 0) return
    let first = Infinity
    let last = 0
    for (const p of this.pending.values()) {
      first = Math.min(first, p.due)
      last = Math.max(last, p.due)
    }
    const at = Math.min(last, first + this.debounceMs * SETTLED_WAIT_FACTOR, this.pendingSince + this.debounceMs * MAX_WAIT_FACTOR)
    this.timer = setTimeout(() => {
      this.timer = null
      this.flush().catch((error: unknown) => this.options.logger.error('watcher flush failed', { root: this.options.root, error }))
    }, Math.max(0, at - Date.now()))
  }

  /** Takes every path whose quiet time is over and whose size and mtime held still. */
  private async flush(): Promise<void> {
    this.flushing = true
    try {
      await this.takeSettled()
    } finally {
      this.flushing = false
    }
    this.schedule()
  }

  private async takeSettled(): Promise<void> {
    const now = Date.now()
    const due = [...this.pending].filter(([, p]) => p.due <= now)
    const ready: string[] = []
    await Promise.all(
      due.map(async ([rel, p]) => {
        let size = -1
        let mtimeMs = -1
        try {
          const stat = await this.options.fs.lstat(join(this.options.root, rel))
          if (stat.isFile()) [size, mtimeMs] = [stat.size, stat.mtimeMs]
        } catch {
          // gone: take it as it is
        }
        if (this.pending.get(rel) !== p) return // a newer event came in meanwhile
        if (size !== p.size || mtimeMs !== p.mtimeMs) {
          // Still moving (or a different state than the event said): look again after another quiet spell.
          this.pending.set(rel, { due: Date.now() + this.debounceMs, size, mtimeMs })
          return
        }
        this.pending.delete(rel)
        ready.push(rel)
      }),
    )
    if (ready.length > 0 && !this.closed) this.options.onBatch(ready.sort())
    this.pendingSince = Date.now()
  }
}
