/**
 * This window's imports and main's jobs, as one store the header, the panel and the pages read
 * (useSyncExternalStore). Starts imports by path (desktop) or by upload (browser, paste),
 * follows their progress, cancels them, and sums each one up in a notification when it ends.
 */
import type { ErrorDto, JobDto } from '../../../src-preload/contract'
import { trove } from '../bridge'
import { call, toErrorDto } from '../call'
import { collectDropped, snapshotFiles, type DroppedFile, type DropSnapshot } from './dropped-files'
import { labelForFiles, labelForPaths, readBatchRecords } from './path-import'
import { describeOutcomes, hasProblems, outcomeOfUpload } from './summary'
import type { ImportEntry, ImportsSnapshot, ImportTarget, PathImport, UploadImport, UploadItem } from './types'
import { cancelledOutcome, nameOf, PASTED_NAME, runUploadBatch } from './upload-batch'
import { retryFinish } from './upload-file'

export interface ImportNotice {
  title: string
  message: string
  tone: 'success' | 'warning' | 'error'
  /** The failure behind an error notice, shown with its human sentence. */
  error?: ErrorDto
}

const POLL_MS = 1500
const KEEP_ENTRIES = 30
/** Listeners hear of changes at most this often: thousands of files must not mean thousands of renders. */
const NOTIFY_MS = 50

export class ImportsStore {
  private snapshot: ImportsSnapshot = { entries: [], jobs: [], panelOpen: false, finishedCount: 0 }
  private readonly listeners = new Set<() => void>()
  private readonly batchControllers = new Map<string, AbortController>()
  private readonly itemControllers = new Map<string, AbortController>()
  /** Path imports whose outcomes are being read (they end once). */
  private readonly finishing = new Set<string>()
  private pollTimer: ReturnType<typeof setTimeout> | null = null
  private notifyTimer: ReturnType<typeof setTimeout> | null = null
  private nextId = 1

  constructor(private readonly notify: (notice: ImportNotice) => void) {}

  readonly subscribe = (listener: () => void) => {
    this.listeners.add(listener)
    return () => {
      this.listeners.delete(listener)
    }
  }

  readonly getSnapshot = () => this.snapshot

  /** Follows main's jobs; answers a function that stops following. */
  start(): () => void {
    const off = trove.on('jobs:job-changed', (job) => this.jobChanged(job))
    call('jobs:list', {}).then(({ jobs }) => jobs.forEach((job) => this.jobChanged(job)), () => undefined)
    return () => {
      off()
      if (this.pollTimer) clearTimeout(this.pollTimer)
      this.pollTimer = null
    }
  }

  openPanel = () => this.set({ panelOpen: true })
  closePanel = () => this.set({ panelOpen: false })
  togglePanel = () => this.set({ panelOpen: !this.snapshot.panelOpen })

  /** Removes finished imports from the panel. */
  clearFinished = () => this.set({ entries: this.snapshot.entries.filter((e) => e.finishedAt === null) })

  /** Imports what a drop, a file input or a paste brought. */
  async importDropped(snapshot: DropSnapshot, target: ImportTarget | null): Promise<void> {
    const collected = await collectDropped(snapshot)
    const notes: string[] = []
    if (collected.skipped.length) notes.push(`Left out ${collected.skipped.length} system file${collected.skipped.length === 1 ? '' : 's'} (${collected.skipped.slice(0, 3).join(', ')}).`)
    for (const problem of collected.unreadable) notes.push(`Could not be read: ${problem}`)
    if (collected.hadFolders && collected.files.length) {
      notes.push('Folders were sent file by file; each folder became a collection, as in the desktop app.')
    }
    if (collected.paths.length) await this.importPaths(collected.paths, target)
    if (collected.files.length) this.uploadFiles(collected.files, target, notes)
    else if (!collected.paths.length) {
      this.notify({ title: 'Nothing to import', message: notes.join(' ') || 'The drop held no files.', tone: 'warning' })
    }
  }

  importFiles(files: File[], target: ImportTarget | null): Promise<void> {
    return this.importDropped(snapshotFiles(files, (file) => trove.pathForFile(file)), target)
  }

  async importPaths(paths: string[], target: ImportTarget | null): Promise<void> {
    let started: { jobId: string; batchId: string }
    try {
      started = await call('library:import', { paths, collectionId: target?.collectionId ?? null })
    } catch (err) {
      this.notify({ title: 'The import could not start', message: toErrorDto(err).message, tone: 'error', error: toErrorDto(err) })
      return
    }
    const entry: PathImport = {
      ...this.base(started.batchId, labelForPaths(paths), target), kind: 'paths', jobId: started.jobId,
      job: this.snapshot.jobs.find((j) => j.id === started.jobId) ?? null, records: [], recordsTruncated: false, recordsError: null,
    }
    this.addEntry(entry)
    if (entry.job && entry.job.state !== 'running') void this.finishPathImport(entry.id)
    this.schedulePoll()
  }

  uploadFiles(files: DroppedFile[], target: ImportTarget | null, notes: string[] = []): void {
    const id = `import-${this.nextId++}`
    const keys = files.map((_, i) => `${id}-${i}`)
    const items: UploadItem[] = files.map(({ file, folders }, i) => ({
      key: keys[i]!, name: nameOf(file), folders, size: file.size, received: 0, state: 'queued', resumedFrom: null, outcome: null, error: null, retryUploadId: null,
    }))
    const batchId = crypto.randomUUID()
    const entry: UploadImport = {
      ...this.base(batchId, labelForFiles(files.length, items[0]?.name, files.some((f) => f.folders.length > 0)), target, id),
      kind: 'uploads', items, cancelled: false, notes,
    }
    const controller = new AbortController()
    this.batchControllers.set(id, controller)
    for (const key of keys) this.itemControllers.set(key, new AbortController())
    this.addEntry(entry)
    runUploadBatch({
      files, keys, batchId, target, signal: controller.signal,
      itemSignal: (key) => this.itemControllers.get(key)?.signal ?? controller.signal,
      update: (key, patch) => this.updateItem(id, key, patch),
    })
      .then((more) => this.finishUploads(id, more))
      .catch((err: unknown) => this.finishUploads(id, [toErrorDto(err).message]))
  }

  /** Pasted content: files (an image copied from a page or a screenshot). */
  pasteFiles(files: File[], target: ImportTarget | null): void {
    const named = files.map((file) => (file.name ? file : new File([file], PASTED_NAME, { type: file.type, lastModified: file.lastModified })))
    this.uploadFiles(named.map((file) => ({ file, folders: [] })), target)
  }

  /** Stops an import: the job in main, or the uploads still going. */
  async cancel(entryId: string): Promise<void> {
    const entry = this.snapshot.entries.find((e) => e.id === entryId)
    if (!entry || entry.finishedAt !== null) return
    if (entry.kind === 'paths') return this.cancelJob(entry.jobId)
    this.replaceEntry(entryId, (e) => ({ ...e, cancelled: true }))
    this.batchControllers.get(entryId)?.abort()
  }

  cancelItem(key: string): void {
    this.itemControllers.get(key)?.abort()
  }

  async cancelJob(jobId: string): Promise<void> {
    try {
      await call('jobs:cancel', { jobId })
    } catch (err) {
      this.notify({ title: 'The job could not be cancelled', message: toErrorDto(err).message, tone: 'error', error: toErrorDto(err) })
    }
  }

  /** Finishing again an upload the library kept after a failure (no space, a disk error). */
  async retryItem(entryId: string, key: string): Promise<void> {
    const item = this.itemOf(entryId, key)
    if (!item?.retryUploadId) return
    this.updateItem(entryId, key, { state: 'finishing', retryUploadId: null })
    const result = await retryFinish(item.retryUploadId)
    if (result.kind === 'outcome') {
      this.updateItem(entryId, key, { state: 'done', outcome: outcomeOfUpload(result.outcome, item.name), retryUploadId: result.outcome.retryable ? item.retryUploadId : null, error: null })
    } else if (result.kind === 'error' || result.kind === 'refused') {
      const { code, message } = result.error
      this.updateItem(entryId, key, { state: 'done', error: result.error, outcome: { name: item.name, outcome: 'failed', reasonCode: code, reasonMessage: message, size: item.size, fileId: null } })
    }
    this.bumpFinished()
  }

  private base(batchId: string, label: string, target: ImportTarget | null, id = `import-${this.nextId++}`) {
    return { id, batchId, label, target, startedAt: Date.now(), finishedAt: null, notes: [] as string[] }
  }

  private addEntry(entry: ImportEntry): void {
    const finished = this.snapshot.entries.filter((e) => e.finishedAt !== null).slice(KEEP_ENTRIES)
    const entries = [entry, ...this.snapshot.entries.filter((e) => !finished.includes(e))]
    this.set({ entries, panelOpen: true })
  }

  private itemOf(entryId: string, key: string): UploadItem | undefined {
    const entry = this.snapshot.entries.find((e) => e.id === entryId)
    return entry?.kind === 'uploads' ? entry.items.find((i) => i.key === key) : undefined
  }

  private updateItem(entryId: string, key: string, patch: Partial<UploadItem>): void {
    this.replaceEntry(entryId, (entry) =>
      entry.kind === 'uploads' ? { ...entry, items: entry.items.map((item) => (item.key === key ? { ...item, ...patch } : item)) } : entry,
    )
  }

  private replaceEntry(entryId: string, change: (entry: ImportEntry) => ImportEntry): void {
    this.set({ entries: this.snapshot.entries.map((e) => (e.id === entryId ? change(e) : e)) })
  }

  private finishUploads(entryId: string, notes: string[]): void {
    this.batchControllers.delete(entryId)
    let finished: UploadImport | null = null
    this.replaceEntry(entryId, (entry) => {
      if (entry.kind !== 'uploads') return entry
      const items = entry.items.map((item) => (item.outcome ? item : { ...item, state: 'cancelled' as const, outcome: cancelledOutcome(item.name, item.size) }))
      finished = { ...entry, items, finishedAt: Date.now(), notes: [...entry.notes, ...notes] }
      return finished
    })
    const done = finished as UploadImport | null
    if (!done) return
    for (const item of done.items) this.itemControllers.delete(item.key)
    const outcomes = done.items.map((i) => i.outcome!).filter(Boolean)
    this.announce(done, done.cancelled ? 'cancelled' : 'completed', describeOutcomes(outcomes), hasProblems(outcomes))
  }

  private jobChanged(job: JobDto): void {
    const jobs = [job, ...this.snapshot.jobs.filter((j) => j.id !== job.id)].sort((a, b) => b.startedAt - a.startedAt).slice(0, 50)
    const entries = this.snapshot.entries.map((e) => (e.kind === 'paths' && e.jobId === job.id ? { ...e, job } : e))
    this.set({ jobs, entries })
    const owner = entries.find((e): e is PathImport => e.kind === 'paths' && e.jobId === job.id)
    if (owner && owner.finishedAt === null && job.state !== 'running') void this.finishPathImport(owner.id)
  }

  private async finishPathImport(entryId: string): Promise<void> {
    if (this.finishing.has(entryId)) return
    this.finishing.add(entryId)
    const entry = this.snapshot.entries.find((e): e is PathImport => e.id === entryId && e.kind === 'paths')
    if (!entry) return
    const read = await readBatchRecords(entry.batchId)
    let done: PathImport | null = null
    this.replaceEntry(entryId, (e) => {
      if (e.kind !== 'paths') return e
      done = { ...e, records: read.records, recordsTruncated: read.truncated, recordsError: read.error, finishedAt: Date.now() }
      return done
    })
    const final = done as PathImport | null
    if (!final) return
    const job = final.job
    const state = job?.state ?? 'completed'
    if (state === 'failed') {
      this.announce(final, 'failed', job?.error ?? 'The import stopped because of an error.', true)
    } else {
      this.announce(final, state === 'cancelled' ? 'cancelled' : 'completed', job?.summary ?? describeOutcomes(final.records), hasProblems(final.records))
    }
  }

  private announce(entry: ImportEntry, how: 'completed' | 'cancelled' | 'failed', summary: string, problems: boolean): void {
    const into = entry.target ? ` into “${entry.target.collectionName}”` : ''
    const title = how === 'failed' ? `Import of ${entry.label} failed` : how === 'cancelled' ? `Import of ${entry.label} cancelled` : `Imported ${entry.label}${into}`
    this.notify({ title, message: summary, tone: how === 'failed' ? 'error' : problems || how === 'cancelled' ? 'warning' : 'success' })
    this.bumpFinished()
  }

  private bumpFinished(): void {
    this.set({ finishedCount: this.snapshot.finishedCount + 1 })
  }

  /** While path imports run: their outcomes so far, and their jobs in case an event was missed. */
  private schedulePoll(): void {
    if (this.pollTimer) return
    this.pollTimer = setTimeout(async () => {
      this.pollTimer = null
      const running = this.snapshot.entries.filter((e): e is PathImport => e.kind === 'paths' && e.finishedAt === null)
      if (running.length === 0) return
      const { jobs } = await call('jobs:list', {}).catch(() => ({ jobs: [] as JobDto[] }))
      for (const job of jobs) if (running.some((e) => e.jobId === job.id)) this.jobChanged(job)
      for (const entry of running) {
        const current = this.snapshot.entries.find((e) => e.id === entry.id)
        if (!current || current.finishedAt !== null || this.finishing.has(entry.id)) continue
        const read = await readBatchRecords(entry.batchId, 100)
        if (!read.error) this.replaceEntry(entry.id, (e) => (e.kind === 'paths' && e.finishedAt === null ? { ...e, records: read.records, recordsTruncated: read.truncated } : e))
      }
      this.schedulePoll()
    }, POLL_MS)
  }

  private set(patch: Partial<ImportsSnapshot>): void {
    this.snapshot = { ...this.snapshot, ...patch }
    this.notifyTimer ??= setTimeout(() => {
      this.notifyTimer = null
      for (const listener of this.listeners) listener()
    }, NOTIFY_MS)
  }
}
