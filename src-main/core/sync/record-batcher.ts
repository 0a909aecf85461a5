import type { FolderRun, Reconciler } from './reconciler'
import type { RunTally } from './run-tally'
import type { RecordInfo, RowChange } from './sync-rows'
import type { WalkEntry } from './walk-folder'

/** Files read (hashed, or copied in import mode) side by side. */
export const READ_CONCURRENCY = 3
/** Row changes per transaction. */
const APPLY_BATCH = 200

/**
 * Compares entries with their records, reads what is new or changed a few at a time, and
 * applies row changes in transactions of APPLY_BATCH. An unchanged file costs nothing here:
 * no read, no write.
 */
export class RecordBatcher {
  private pending: RowChange[] = []
  private failure: unknown = null
  private readonly reading = new Set<Promise<void>>()
  private applying: Promise<void> = Promise.resolve()
  current: string | null = null

  constructor(
    private readonly reconciler: Reconciler,
    private readonly folder: FolderRun,
    private readonly tally: RunTally,
    /** Called as files are read. */
    private readonly onProgress: () => void = () => undefined,
  ) {}

  /**
   * Looks at entries against their records (`records` by path key when the caller has them,
   * else looked up); resolves once every read it started has ended.
   */
  async examine(rootReal: string, entries: WalkEntry[], signal?: AbortSignal, records?: ReadonlyMap<string, RecordInfo>): Promise<void> {
    const keyed = entries.map((e) => ({ e, key: this.reconciler.keyOf(this.folder, e.relPath) }))
    const known = records ?? this.reconciler.deps.rows.recordsByKey(this.folder.id, keyed.map((k) => k.key))
    for (const { e, key } of keyed) {
      const record = known.get(key) ?? null
      const diskPath = e.diskRel === e.relPath ? null : e.diskRel
      if (record && record.size === e.size && record.mtime_ms === e.mtimeMs) {
        if (record.rel_path !== e.relPath || record.disk_path !== diskPath) {
          this.push({ kind: 'respell', record, seen: { relPath: e.relPath, key, diskPath, size: e.size, mtimeMs: e.mtimeMs } })
        }
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
          // null: an issue was noted and the record is kept as it was, for the next pass.
          if (change && change !== 'vanished') this.push(change)
        })
        .catch((err: unknown) => {
          this.failure ??= err // cancelled, or a fault not about one file: the run stops once the reads in flight end
        })
        .finally(() => this.reading.delete(task))
      this.reading.add(task)
    }
    await this.settleReads()
    await this.flushIfFull()
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
