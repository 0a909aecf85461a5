import { basename, join, relative, sep } from 'node:path'
import { setImmediate as nextTurn } from 'node:timers/promises'
import { isAppError, errnoOf } from '../common/app-error'
import type { Clock } from '../common/clock'
import { realFs, type FsSeam } from '../common/fs-seam'
import type { KeyedMutex } from '../common/keyed-mutex'
import type { Logger } from '../common/logger'
import type { WatchMode } from '../db/schema'
import { detectTypeOfHead } from '../ingest/detect-type'
import { ingestFile, type IngestContext } from '../ingest/ingest-file'
import { hashFile } from './hash-file'
import { ignoreRules, type IgnoreRules } from './ignore-rules'
import { entriesDigest } from './dir-listing'
import { RecordBatcher } from './record-batcher'
import { RunTally } from './run-tally'
import type { AppliedChange, RecordInfo, RowChange, SeenFile, SyncRows } from './sync-rows'
import { isUnder, toRelPath, walkFolder, type WalkEntry, type WalkReport } from './walk-folder'

export { READ_CONCURRENCY } from './record-batcher'
export { RunTally } from './run-tally'

/** Unchanged folders passed between two progress reports. */
const PROGRESS_EVERY = 50
/** Folders whose listings are settled per transaction at the end of a scan. */
const SETTLE_BATCH = 100

/** A watched folder as one run sees it. */
export interface FolderRun {
  id: number
  path: string
  mode: WatchMode
  ignore: readonly string[]
  caseSensitive: boolean
  /** This run's number (records it writes carry it). */
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

export interface ScanOptions {
  signal?: AbortSignal
  onProgress?: (p: RunProgress) => void
  /** The folder is on a local disk: files may be stat'ed synchronously (see walkFolder). */
  local?: boolean
}

export interface RunProgress {
  scanned: number
  hashed: number
  bytesHashed: number
  current: string | null
}

export type RootCheck = () => Promise<boolean>

const SAME_NAME = 'Another name here differs only in letter case or Unicode form; only the first is kept.'

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
   * The whole tree, a folder at a time. A folder whose listing (names, sizes, mtimes) is the
   * one stored when its records last matched it is done: nothing in it changed. Any other is
   * compared file by file; what is new or changed is read. Records not seen are retired only if
   * the root is still there at the end (`rootPresent`), and never under a folder that could not
   * be read. Listings are stored last, and only where the records now match the disk.
   */
  async scan(folder: FolderRun, rootReal: string, rules: IgnoreRules, rootPresent: RootCheck, options: ScanOptions = {}): Promise<{ tally: RunTally; offline: boolean }> {
    const { rows } = this.deps
    const tally = new RunTally()
    const report: WalkReport = { issues: [], unreadable: [] }
    const batch = new RecordBatcher(this, folder, tally, () => progress())
    const progress = () => options.onProgress?.({ scanned: tally.scanned, hashed: tally.hashed, bytesHashed: tally.bytesHashed, current: batch.current })
    const known = rows.listings(folder.id)
    /** Folders looked at file by file, with the listing found (null: not the whole story). */
    const examined = new Map<string, string | null>()
    const visited = new Set<string>()
    const unseen: RecordInfo[] = []
    let unchangedDirs = 0
    const walk = walkFolder(this.deps.fs, rootReal, rules, report, { signal: options.signal, quickStat: options.local === true && this.deps.fs === realFs })
    for await (const dir of walk) {
      const dirKey = this.keyOf(folder, dir.relDir === '' ? '' : `${dir.relDir}/`)
      tally.scanned += dir.entries.length
      if (visited.has(dirKey)) {
        // Another folder here differs only in case or Unicode form: the first one seen is kept.
        for (const e of dir.entries) tally.issue({ path: e.relPath, code: 'ALREADY_EXISTS', message: SAME_NAME })
        examined.set(dirKey, null)
        continue
      }
      visited.add(dirKey)
      if (dir.entries.length === 0 && !known.has(dirKey)) continue
      const listing = dir.complete ? entriesDigest(dir.entries) : null
      if (listing !== null && known.get(dirKey) === listing) {
        if (++unchangedDirs % PROGRESS_EVERY === 0) progress()
        continue
      }
      // A stored listing never holds two names with one key (their records could not both match it).
      const keys = new Set<string>()
      const entries = dir.entries.filter((e) => {
        const key = this.keyOf(folder, e.relPath)
        if (!keys.has(key)) return keys.add(key)
        tally.issue({ path: e.relPath, code: 'ALREADY_EXISTS', message: SAME_NAME })
        return false
      })
      const records = new Map(rows.recordsInDir(folder.id, dirKey).map((r) => [r.path_key, r]))
      await batch.examine(rootReal, entries, options.signal, records)
      for (const record of records.values()) if (!keys.has(record.path_key)) unseen.push(record)
      examined.set(dirKey, listing)
      progress()
    }
    await batch.finish()
    for (const issue of report.issues) tally.issue(issue)
    if (!(await rootPresent())) return { tally, offline: true }
    const kept = (record: RecordInfo) => report.unreadable.some((u) => isUnder(record.rel_path, u))
    for (const dirKey of known.keys()) {
      if (visited.has(dirKey)) continue
      unseen.push(...rows.recordsInDir(folder.id, dirKey)) // a folder gone, or now ignored
      examined.set(dirKey, null)
    }
    for (const record of unseen) {
      if (kept(record)) continue
      batch.push({ kind: 'gone', record })
      await batch.flushIfFull()
    }
    await batch.finish()
    const settle = [...examined]
    for (let i = 0; i < settle.length; i += SETTLE_BATCH) {
      options.signal?.throwIfAborted()
      rows.settleListings(folder.id, new Map(settle.slice(i, i + SETTLE_BATCH)))
      if (i + SETTLE_BATCH < settle.length) await nextTurn()
    }
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
    const batch = new RecordBatcher(this, folder, tally)
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
          for await (const dir of walkFolder(this.deps.fs, rootReal, rules, report, { startRel: diskRel, signal })) entries.push(...dir.entries)
          missing.push(relPath) // what was recorded under it and is no longer there
        } else missing.push(relPath) // replaced by a link or a special file
      } catch (err) {
        const code = errnoOf(err)
        if (code === 'ENOENT' || code === 'ENOTDIR') missing.push(relPath)
        else tally.issue({ path: relPath, code: code ?? 'EIO', message: `The file could not be looked at (${code ?? 'error'}).` })
      }
    }
    const byKey = new Map(entries.map((e) => [this.keyOf(folder, e.relPath), e]))
    tally.scanned += byKey.size
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

