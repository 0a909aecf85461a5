import { basename, join, relative, sep } from 'node:path'
import { isAppError, errnoOf } from '../common/app-error'
import type { Clock } from '../common/clock'
import type { FsSeam } from '../common/fs-seam'
import type { KeyedMutex } from '../common/keyed-mutex'
import type { Logger } from '../common/logger'
import type { WatchMode } from '../db/schema'
import { detectTypeOfHead } from '../ingest/detect-type'
import { ingestFile, type IngestContext } from '../ingest/ingest-file'
import { hashFile } from './hash-file'
import { ignoreRules, type IgnoreRules } from './ignore-rules'
import type { AppliedChange, RecordInfo, RowChange, SeenFile, SyncRows } from './sync-rows'
import { isUnder, toRelPath, walkFolder, type SyncIssue, type WalkEntry, type WalkReport } from './walk-folder'

/** Files read (hashed, or copied in import mode) side by side. */
export const READ_CONCURRENCY = 3
/** Row changes per transaction. */
const APPLY_BATCH = 200
/** Issues kept per operation (the count goes on). */
const MAX_ISSUES = 200
const STALE_PAGE = 500
/** Unchanged records stamped per transaction. */
const STAMP_BATCH = 5000

/** A watched folder as one run sees it. */
export interface FolderRun {
  id: number
  path: string
  mode: WatchMode
  ignore: readonly string[]
  caseSensitive: boolean
  /** The generation this run stamps what it sees with. */
  generation: number
  /** Import history batch for import-mode folders. */
  batchId: string
}

export interface ReconcilerDeps {
  fs: FsSeam
  rows: SyncRows
  ingest: IngestContext
  clock: Clock
  logger: Logger
  /** Per-content locks shared with the import pipeline. */
  locks: KeyedMutex
  libraryRoot: string
}

export interface RunProgress {
  scanned: number
  hashed: number
  bytesHashed: number
  current: string | null
}

/** What one run did: the sync_operations counts, its issues and its changes. */
export class RunTally {
  scanned = 0
  added = 0
  updated = 0
  removed = 0
  hashed = 0
  bytesHashed = 0
  issueCount = 0
  readonly issues: SyncIssue[] = []
  readonly changes: AppliedChange[] = []

  issue(issue: SyncIssue): void {
    this.issueCount++
    if (this.issues.length < MAX_ISSUES) this.issues.push(issue)
  }

  /** Counts applied changes; a removal whose content was added elsewhere in the same run is a move. */
  record(applied: AppliedChange[]): void {
    this.changes.push(...applied)
  }

  settle(): AppliedChange[] {
    const added = new Map<string, AppliedChange[]>()
    for (const c of this.changes) if (c.type === 'added' && !c.newEntry && c.sha256) added.set(c.sha256, [...(added.get(c.sha256) ?? []), c])
    const out: AppliedChange[] = []
    for (const c of this.changes) {
      const twin = c.type === 'removed' && c.sha256 ? added.get(c.sha256)?.shift() : undefined
      if (twin) {
        twin.type = 'moved'
        twin.from = c.path
        continue
      }
      out.push(c)
    }
    this.added = out.filter((c) => c.type === 'added').length
    this.updated = out.filter((c) => c.type === 'updated' || c.type === 'moved').length
    this.removed = out.filter((c) => c.type === 'removed').length
    return out
  }
}

export type RootCheck = () => Promise<boolean>

/**
 * Brings a folder's records, sources and entries in step with what is on disk, either for the
 * whole tree (`scan`) or for the paths a watcher reported (`applyPaths`); both go through the
 * same comparison: size and mtime against the record, read only what is new or changed, write
 * each batch of row changes in one transaction.
 */
export class Reconciler {
  constructor(readonly deps: ReconcilerDeps) {}

  rulesFor(folder: FolderRun, rootReal: string, libraryReal: string): IgnoreRules {
    const rel = relative(rootReal, libraryReal)
    const inside = rel === '' || (!rel.startsWith('..') && !rel.startsWith(sep) && !/^[a-zA-Z]:/.test(rel))
    return ignoreRules({ patterns: folder.ignore, libraryRelPath: inside ? toRelPath(rel) : null, caseSensitive: folder.caseSensitive })
  }

  /**
   * The whole tree. Records not seen are retired only if the root is still there at the end
   * (`rootPresent`), and never under a folder that could not be read.
   */
  async scan(
    folder: FolderRun, rootReal: string, rules: IgnoreRules, rootPresent: RootCheck,
    options: { signal?: AbortSignal; onProgress?: (p: RunProgress) => void } = {},
  ): Promise<{ tally: RunTally; offline: boolean }> {
    const tally = new RunTally()
    const report: WalkReport = { issues: [], unreadable: [] }
    const batch: Batcher = new Batcher(this, folder, tally, () => progress())
    const progress = () => options.onProgress?.({ scanned: tally.scanned, hashed: tally.hashed, bytesHashed: tally.bytesHashed, current: batch.current })
    const keys = new Set<string>()
    for await (const found of walkFolder(this.deps.fs, rootReal, rules, report, { signal: options.signal })) {
      const entries = found.filter((e) => {
        const key = this.keyOf(folder, e.relPath)
        if (!keys.has(key)) return keys.add(key)
        tally.issue({ path: e.relPath, code: 'ALREADY_EXISTS', message: 'Another name here differs only in letter case or Unicode form; only the first is kept.' })
        return false
      })
      await batch.examine(rootReal, entries, options.signal)
      progress()
    }
    await batch.finish()
    for (const issue of report.issues) tally.issue(issue)
    if (!(await rootPresent())) return { tally, offline: true }
    await this.retireStale(folder, report.unreadable, batch)
    await batch.finish()
    progress()
    return { tally, offline: false }
  }

  /**
   * Paths a watcher reported (relative to the root as on disk). Each is looked at now: a
   * file is compared and read if need be, a folder is walked, a missing path retires what was
   * recorded at or under it, but only while the root is present.
   */
  async applyPaths(
    folder: FolderRun, rootReal: string, rules: IgnoreRules, diskPaths: readonly string[], rootPresent: RootCheck, signal?: AbortSignal,
  ): Promise<{ tally: RunTally; offline: boolean }> {
    const tally = new RunTally()
    const batch = new Batcher(this, folder, tally)
    const entries: WalkEntry[] = []
    const missing: string[] = []
    const report: WalkReport = { issues: [], unreadable: [] }
    for (const diskRel of new Set(diskPaths)) {
      const relPath = toRelPath(diskRel)
      if (relPath === '' || rules.ignores(relPath, undefined)) continue
      try {
        const stat = await this.deps.fs.lstat(join(rootReal, diskRel))
        if (stat.isFile()) {
          if (!rules.ignores(relPath, false)) entries.push({ relPath, diskRel, size: stat.size, mtimeMs: stat.mtimeMs })
        } else if (stat.isDirectory()) {
          if (rules.ignores(relPath, true)) continue
          for await (const found of walkFolder(this.deps.fs, rootReal, rules, report, { startRel: diskRel, signal })) entries.push(...found)
          missing.push(relPath) // what was recorded under it and is no longer there
        } else missing.push(relPath) // replaced by a link or a special file
      } catch (err) {
        const code = errnoOf(err)
        if (code === 'ENOENT' || code === 'ENOTDIR') missing.push(relPath)
        else tally.issue({ path: relPath, code: code ?? 'EIO', message: `The file could not be looked at (${code ?? 'error'}).` })
      }
    }
    const byKey = new Map(entries.map((e) => [this.keyOf(folder, e.relPath), e]))
    await batch.examine(rootReal, [...byKey.values()], signal)
    await batch.finish()
    for (const issue of report.issues) tally.issue(issue)
    if (missing.length > 0) {
      if (!(await rootPresent())) return { tally, offline: true }
      for (const relPath of missing) {
        for (const record of this.deps.rows.recordsUnder(folder.id, this.keyOf(folder, relPath))) {
          if (byKey.has(record.path_key) || report.unreadable.some((u) => isUnder(record.rel_path, u))) continue
          if (await this.exists(join(rootReal, record.disk_path ?? record.rel_path))) continue
          batch.push({ kind: 'gone', record })
        }
      }
    }
    await batch.finish()
    return { tally, offline: false }
  }

  keyOf(folder: Pick<FolderRun, 'caseSensitive'>, relPath: string): string {
    return folder.caseSensitive ? relPath : relPath.toLowerCase()
  }

  /** Reads one new or changed file; returns the row change, or null (issue noted, record kept for the next pass). */
  async read(folder: FolderRun, rootReal: string, entry: WalkEntry, record: RecordInfo | null, tally: RunTally, signal?: AbortSignal): Promise<RowChange | 'vanished' | null> {
    const { fs } = this.deps
    const path = join(rootReal, entry.diskRel)
    const seen: SeenFile = {
      relPath: entry.relPath, key: this.keyOf(folder, entry.relPath), diskPath: entry.diskRel === entry.relPath ? null : entry.diskRel, size: entry.size, mtimeMs: entry.mtimeMs,
    }
    const changed = (code: string) => {
      tally.issue({ path: entry.relPath, code, message: 'The file changed while it was being read; it will be read again once it is still.' })
      return null
    }
    if (folder.mode === 'import') {
      const result = await ingestFile(this.deps.ingest, {
        batchId: folder.batchId, signal,
        source: {
          kind: 'watch', path: entry.relPath, folderId: folder.id, originalName: basename(entry.relPath), before: { size: entry.size, mtimeMs: entry.mtimeMs },
          open: async () => (await fs.open(path, 'r')).createReadStream({ highWaterMark: 1024 * 1024 }),
          restat: async () => fs.lstat(path),
        },
      })
      if (result.outcome === 'stored' || result.outcome === 'duplicate') {
        tally.hashed++
        tally.bytesHashed += result.size ?? 0
        return { kind: 'content', seen, record, sha256: result.sha256!, fileId: result.fileId!, content: null }
      }
      if (result.reasonCode === 'NOT_FOUND') return 'vanished'
      if (result.reasonCode === 'SOURCE_CHANGED') return changed('SOURCE_CHANGED')
      tally.issue({ path: entry.relPath, code: result.reasonCode ?? 'INTERNAL', message: result.reasonMessage ?? 'Not imported.' })
      return result.outcome === 'rejected' ? { kind: 'rejected', seen, record } : null
    }
    try {
      const hashed = await hashFile(fs, path, entry.size, signal)
      tally.hashed++
      tally.bytesHashed += hashed.size
      const { after } = hashed
      if (hashed.size !== entry.size || after.size !== entry.size || after.mtimeMs !== entry.mtimeMs) return changed('SOURCE_CHANGED')
      let content = null
      if (!this.deps.rows.findFile(hashed.sha256)) {
        const type = await detectTypeOfHead(hashed.head, basename(entry.relPath))
        content = { ...type, body: type.kind === 'text' ? new TextDecoder('utf-8').decode(hashed.head) : '' }
      }
      return { kind: 'content', seen, record, sha256: hashed.sha256, fileId: null, content }
    } catch (err) {
      if (signal?.aborted) throw err
      const code = errnoOf(err) ?? (isAppError(err) ? err.code : 'EIO')
      if (code === 'ENOENT' || code === 'ENOTDIR') {
        tally.issue({ path: entry.relPath, code, message: 'The file vanished before it could be read.' })
        return 'vanished'
      }
      tally.issue({ path: entry.relPath, code, message: `The file could not be read (${code}).` })
      if (!errnoOf(err)) this.deps.logger.warn('watched file could not be read', { path, error: err })
      return null
    }
  }

  /** Applies row changes under the content locks of every hash they touch (shared with imports). */
  async apply(folder: FolderRun, changes: RowChange[]): Promise<AppliedChange[]> {
    const shas = [...new Set(changes.flatMap((c) => (c.kind === 'content' ? [c.sha256] : [])))].sort()
    const run = () => Promise.resolve(this.deps.rows.apply(folder.id, changes, folder.generation, this.deps.clock.now()))
    const take = (i: number): Promise<AppliedChange[]> => (i === shas.length ? run() : this.deps.locks.run(shas[i]!, () => take(i + 1)))
    return take(0)
  }

  private async retireStale(folder: FolderRun, unreadable: string[], batch: Batcher): Promise<void> {
    let after = 0
    for (;;) {
      const page = this.deps.rows.staleRecords(folder.id, folder.generation, after, STALE_PAGE)
      if (page.length === 0) return
      after = page[page.length - 1]!.id
      for (const record of page) {
        if (unreadable.some((u) => isUnder(record.rel_path, u))) continue
        batch.push({ kind: 'gone', record })
      }
      await batch.flushIfFull()
    }
  }

  private async exists(path: string): Promise<boolean> {
    try {
      await this.deps.fs.lstat(path)
      return true
    } catch (err) {
      const code = errnoOf(err)
      return !(code === 'ENOENT' || code === 'ENOTDIR')
    }
  }
}

/**
 * Compares entries with their records, stamps the unchanged, reads the rest a few at a time,
 * and applies row changes in transactions of APPLY_BATCH.
 */
class Batcher {
  private pending: RowChange[] = []
  private unchanged: number[] = []
  private failure: unknown = null
  private readonly reading = new Set<Promise<void>>()
  private applying: Promise<void> = Promise.resolve()
  current: string | null = null

  constructor(
    private readonly reconciler: Reconciler,
    private readonly folder: FolderRun,
    private readonly tally: RunTally,
    /** Called as files are looked at and read. */
    private readonly onProgress: () => void = () => undefined,
  ) {}

  private get deps(): ReconcilerDeps {
    return this.reconciler.deps
  }

  async examine(rootReal: string, entries: WalkEntry[], signal?: AbortSignal): Promise<void> {
    const { rows } = this.deps
    this.tally.scanned += entries.length
    this.onProgress()
    const keyed = entries.map((e) => ({ e, key: this.reconciler.keyOf(this.folder, e.relPath) }))
    const records = rows.recordsByKey(this.folder.id, keyed.map((k) => k.key))
    const unchanged: number[] = []
    for (const { e, key } of keyed) {
      const record = records.get(key) ?? null
      const diskPath = e.diskRel === e.relPath ? null : e.diskRel
      if (record && record.size === e.size && record.mtime_ms === e.mtimeMs) {
        if (record.rel_path === e.relPath && record.disk_path === diskPath) unchanged.push(record.id)
        else this.push({ kind: 'respell', record, seen: { relPath: e.relPath, key, diskPath, size: e.size, mtimeMs: e.mtimeMs } })
        continue
      }
      while (this.reading.size >= READ_CONCURRENCY) await Promise.race(this.reading)
      if (this.failure) break
      signal?.throwIfAborted()
      this.current = e.relPath
      const task = this.reconciler
        .read(this.folder, rootReal, e, record, this.tally, signal)
        .then((change) => {
          this.onProgress()
          if (change && change !== 'vanished') this.push(change)
          else if (change === null && record) unchanged.push(record.id) // keep it until it can be read
        })
        .catch((err: unknown) => {
          this.failure ??= err // cancelled, or a fault not about one file: the run stops once the reads in flight end
        })
        .finally(() => this.reading.delete(task))
      this.reading.add(task)
    }
    // Unchanged records are stamped after their reads settle, so a record kept for a retry is stamped too.
    await this.settleReads()
    this.unchanged.push(...unchanged)
    if (this.unchanged.length >= STAMP_BATCH) this.stampSeen()
    await this.flushIfFull()
  }

  /** Marks the unchanged records seen by this generation (many per transaction: a rescan is mostly this). */
  private stampSeen(): void {
    this.deps.rows.stamp(this.unchanged, this.folder.generation, this.deps.clock.now())
    this.unchanged = []
  }

  push(change: RowChange): void {
    this.pending.push(change)
  }

  async flushIfFull(): Promise<void> {
    if (this.pending.length >= APPLY_BATCH) await this.flush()
  }

  private async settleReads(): Promise<void> {
    await Promise.all(this.reading)
    if (this.failure) throw this.failure
  }

  async finish(): Promise<void> {
    await this.settleReads()
    this.stampSeen()
    await this.flush()
  }

  private async flush(): Promise<void> {
    const changes = this.pending
    this.pending = []
    if (changes.length === 0) return this.applying
    this.applying = this.applying.then(async () => {
      for (let i = 0; i < changes.length; i += APPLY_BATCH) this.tally.record(await this.reconciler.apply(this.folder, changes.slice(i, i + APPLY_BATCH)))
    })
    return this.applying
  }
}
