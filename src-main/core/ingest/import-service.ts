import { randomUUID } from 'node:crypto'
import { resolve } from 'node:path'
import { AppError } from '../common/app-error'
import type { Job, JobHandle, JobRegistry } from '../jobs/job-registry'
import { ensureCollectionPath } from '../library/collection-paths'
import { ingestFile, type IngestContext, type IngestResult } from './ingest-file'
import { walkDropped, type FoundFile, type SkippedEntry } from './walk'

/**
 * Files in flight at once: many small ones hide per-file latency and share commits; large
 * ones stream one or two at a time so a disk is read sequentially.
 */
const CONCURRENCY = 16
const LARGE_FILE_BYTES = 8 * 1024 * 1024
const LARGE_CONCURRENCY = 2

export interface ImportOptions {
  /** Put everything under this collection (null: top level). */
  collectionId?: number | null
  /** Mirror dropped folders as nested collections (default true). */
  keepFolders?: boolean
}

export interface ImportedFile {
  name: string
  path: string
  outcome: IngestResult['outcome']
  reasonCode: string | null
  reasonMessage: string | null
  sha256: string | null
  fileId: number | null
  size: number | null
}

export interface ImportSummary {
  batchId: string
  jobId: string
  stored: number
  duplicate: number
  rejected: number
  failed: number
  restored: number
  bytes: number
  seconds: number
  files: ImportedFile[]
}

/**
 * Imports dropped paths as one job: walk, then ingest each file a few at a time, with
 * progress and cancel. Every file seen ends as an import record, including the ones skipped,
 * and (on cancel) the ones never started.
 */
export class ImportService {
  /** Outcomes of this process's recent imports, by batch (the history has them for good). */
  private readonly results = new Map<string, Promise<ImportSummary>>()
  private readonly running = new Set<{ id: string; done: Promise<ImportSummary> }>()

  constructor(
    private readonly ctx: IngestContext,
    private readonly jobs: JobRegistry,
  ) {}

  start(paths: string[], options: ImportOptions = {}): { jobId: string; batchId: string; done: Promise<ImportSummary> } {
    const batchId = randomUUID()
    const job = this.jobs.start('import', paths.length === 1 ? `Importing ${paths[0]}` : `Importing ${paths.length} items`)
    const done = this.run(paths.map((p) => resolve(p)), options, job, batchId)
    this.results.set(batchId, done)
    const entry = { id: job.id, done }
    this.running.add(entry)
    done.catch(() => undefined).finally(() => this.running.delete(entry))
    while (this.results.size > 20) this.results.delete(this.results.keys().next().value!)
    return { jobId: job.id, batchId, done }
  }

  /** Cancels running imports and waits until each has recorded its outcome. */
  async stop(): Promise<void> {
    const running = [...this.running]
    for (const job of running) this.jobs.cancel(job.id)
    await Promise.allSettled(running.map((r) => r.done))
  }

  /** The summary of a batch started by this process, once it is done. */
  result(batchId: string): Promise<ImportSummary> | undefined {
    return this.results.get(batchId)
  }

  private async run(paths: string[], options: ImportOptions, job: JobHandle, batchId: string): Promise<ImportSummary> {
    const started = this.ctx.clock.now()
    const files: ImportedFile[] = []
    const note = (path: string, r: IngestResult) =>
      files.push({ name: r.name, path, outcome: r.outcome, reasonCode: r.reasonCode, reasonMessage: r.reasonMessage, sha256: r.sha256, fileId: r.fileId, size: r.size })
    try {
      const entries: Array<FoundFile | SkippedEntry> = await walkDropped(this.ctx.fs, paths, job.signal).catch((err: unknown) => {
        if (job.signal.aborted) return []
        throw err
      })
      const found = entries.filter((e): e is FoundFile => e.kind === 'file')
      job.update({ itemsTotal: entries.length, bytesTotal: found.reduce((n, f) => n + f.size, 0) })
      const collections = await this.collectionsFor(found, options)
      let itemsDone = 0
      let bytesDone = 0

      for (const skipped of entries) {
        if (skipped.kind !== 'skipped') continue
        note(skipped.path, await this.recordSkipped(batchId, skipped.path, skipped.name, skipped.error))
        job.update({ itemsDone: ++itemsDone })
      }

      const queue = [...found]
      const large = new Semaphore(LARGE_CONCURRENCY)
      const worker = async () => {
        for (let file = queue.shift(); file; file = queue.shift()) {
          const current = file
          if (job.signal.aborted) {
            note(current.path, await this.recordSkipped(batchId, current.path, current.name, new AppError('CANCELLED', 'Not imported: the import was cancelled.')))
            continue
          }
          job.update({ current: current.name })
          const release = current.size >= LARGE_FILE_BYTES ? await large.acquire() : () => undefined
          const result = await ingestFile(this.ctx, {
            batchId,
            signal: job.signal,
            collectionId: collections.get(current.folders.join('/')) ?? options.collectionId ?? null,
            onBytes: (delta) => job.update({ bytesDone: (bytesDone += delta) }),
            source: {
              kind: 'import',
              path: current.path,
              originalName: current.name,
              before: { size: current.size, mtimeMs: current.mtimeMs },
              open: async () => {
                const handle = await this.ctx.fs.open(current.path, 'r')
                return handle.createReadStream({ highWaterMark: 1024 * 1024 })
              },
              restat: async () => {
                const s = await this.ctx.fs.stat(current.path)
                return { size: s.size, mtimeMs: s.mtimeMs }
              },
            },
          })
          release()
          note(current.path, result)
          job.update({ itemsDone: ++itemsDone })
        }
      }
      await Promise.all(Array.from({ length: CONCURRENCY }, worker))

      const summary = summarise(batchId, job.id, files, (this.ctx.clock.now() - started) / 1000)
      job.finish(job.signal.aborted ? 'cancelled' : 'completed', { summary: describe(summary) })
      return summary
    } catch (err) {
      job.finish('failed', { error: err instanceof Error ? err.message : String(err) })
      throw err
    }
  }

  /** Creates the collection tree mirroring the dropped folders, before any file is imported. */
  private async collectionsFor(found: FoundFile[], options: ImportOptions): Promise<Map<string, number | null>> {
    const map = new Map<string, number | null>()
    if (options.keepFolders === false) return map
    const now = this.ctx.clock.now()
    for (const file of found) {
      const key = file.folders.join('/')
      if (file.folders.length === 0 || map.has(key)) continue
      map.set(key, await ensureCollectionPath(this.ctx.db, options.collectionId ?? null, file.folders, now))
    }
    return map
  }

  private async recordSkipped(batchId: string, path: string, name: string, error: AppError): Promise<IngestResult> {
    const now = this.ctx.clock.now()
    const outcome = error.code === 'CANCELLED' || error.code === 'PERMISSION_DENIED' ? 'failed' : 'rejected'
    await this.ctx.db
      .insertInto('import_records')
      .values({ batch_id: batchId, original_name: name, original_path: path, outcome, reason_code: error.code, reason_message: error.message, size: null, mime: null, sha256: null, file_id: null, started_at: now, finished_at: now })
      .execute()
    return { outcome, reasonCode: error.code, reasonMessage: error.message, fileId: null, sha256: null, size: null, mime: null, name, restored: false, existingSince: null }
  }
}

/** A counting semaphore: at most `slots` holders at once. */
class Semaphore {
  private readonly waiting: Array<() => void> = []
  constructor(private slots: number) {}

  async acquire(): Promise<() => void> {
    if (this.slots > 0) this.slots--
    else await new Promise<void>((resolve) => this.waiting.push(resolve))
    return () => {
      const next = this.waiting.shift()
      if (next) next()
      else this.slots++
    }
  }
}

function summarise(batchId: string, jobId: string, files: ImportedFile[], seconds: number): ImportSummary {
  const count = (o: ImportedFile['outcome']) => files.filter((f) => f.outcome === o).length
  return {
    batchId, jobId, stored: count('stored'), duplicate: count('duplicate'), rejected: count('rejected'), failed: count('failed'),
    restored: files.filter((f) => f.reasonMessage?.includes('restored')).length,
    bytes: files.filter((f) => f.outcome === 'stored').reduce((n, f) => n + (f.size ?? 0), 0), seconds, files,
  }
}

/** "12 added, 3 already in the library, 1 rejected: <why>". */
export function describe(summary: Pick<ImportSummary, 'stored' | 'duplicate' | 'rejected' | 'failed' | 'files'>): string {
  const parts = [`${summary.stored} added`]
  if (summary.duplicate) parts.push(`${summary.duplicate} already in the library`)
  const firstProblem = summary.files.find((f) => f.outcome === 'rejected' || f.outcome === 'failed')
  if (summary.rejected) parts.push(`${summary.rejected} rejected`)
  if (summary.failed) parts.push(`${summary.failed} failed`)
  return firstProblem ? `${parts.join(', ')}: ${firstProblem.reasonMessage}` : parts.join(', ')
}

export type { Job }
