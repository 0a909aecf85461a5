import { randomUUID } from 'node:crypto'
import type { JobDto } from '../../../src-preload/contract/jobs'
import type { Clock } from '../common/clock'

/** A long-running piece of work as the status area shows it: the contract's JobDto, declared once. */
export type Job = JobDto
export type JobState = Job['state']

export type JobUpdate = Partial<Pick<Job, 'label' | 'itemsDone' | 'itemsTotal' | 'bytesDone' | 'bytesTotal' | 'current' | 'summary'>>

export interface JobHandle {
  readonly id: string
  readonly signal: AbortSignal
  update(update: JobUpdate): void
  finish(state: Exclude<JobState, 'running'>, final?: JobUpdate & { error?: string }): void
}

const PROGRESS_INTERVAL_MS = 100
const KEEP_FINISHED = 50

/**
 * Running and recently finished jobs of this process, with cancel. Progress notifications are
 * throttled (at most one per job per 100 ms); state changes are sent at once.
 */
export class JobRegistry {
  private readonly jobs = new Map<string, { job: Job; controller: AbortController; lastSent: number; timer?: NodeJS.Timeout }>()
  private readonly listeners = new Set<(job: Job) => void>()

  constructor(private readonly clock: Clock) {}

  start(kind: string, label: string): JobHandle {
    const id = randomUUID()
    const controller = new AbortController()
    const job: Job = {
      id, kind, label, state: 'running', startedAt: this.clock.now(), finishedAt: null,
      itemsDone: 0, itemsTotal: null, bytesDone: 0, bytesTotal: null, current: null, summary: null, error: null,
    }
    const entry = { job, controller, lastSent: 0 as number, timer: undefined as NodeJS.Timeout | undefined }
    this.jobs.set(id, entry)
    this.emit(entry)
    return {
      id,
      signal: controller.signal,
      update: (update) => {
        if (job.state !== 'running') return
        Object.assign(job, update)
        this.emitThrottled(entry)
      },
      finish: (state, final = {}) => {
        if (job.state !== 'running') return
        const { error, ...rest } = final
        Object.assign(job, rest, { state, finishedAt: this.clock.now(), current: null, error: error ?? null })
        clearTimeout(entry.timer)
        this.emit(entry)
        this.prune()
      },
    }
  }

  /** Asks a running job to stop; it ends as `cancelled` at its next check. */
  cancel(id: string): boolean {
    const entry = this.jobs.get(id)
    if (!entry || entry.job.state !== 'running') return false
    entry.controller.abort()
    return true
  }

  get(id: string): Job | undefined {
    const entry = this.jobs.get(id)
    return entry ? { ...entry.job } : undefined
  }

  list(): Job[] {
    return [...this.jobs.values()].map((e) => ({ ...e.job })).sort((a, b) => b.startedAt - a.startedAt)
  }

  onChange(listener: (job: Job) => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  /** Cancels every running job (shutdown). */
  cancelAll(): void {
    for (const { job, controller } of this.jobs.values()) if (job.state === 'running') controller.abort()
  }

  private emitThrottled(entry: { job: Job; lastSent: number; timer?: NodeJS.Timeout }): void {
    const wait = entry.lastSent + PROGRESS_INTERVAL_MS - this.clock.now()
    if (wait <= 0) return this.emit(entry)
    if (!entry.timer) entry.timer = setTimeout(() => this.emit(entry), wait)
  }

  private emit(entry: { job: Job; lastSent: number; timer?: NodeJS.Timeout }): void {
    clearTimeout(entry.timer)
    entry.timer = undefined
    entry.lastSent = this.clock.now()
    const snapshot = { ...entry.job }
    for (const listener of this.listeners) listener(snapshot)
  }

  private prune(): void {
    const finished = [...this.jobs.values()].filter((e) => e.job.state !== 'running').sort((a, b) => (b.job.finishedAt ?? 0) - (a.job.finishedAt ?? 0))
    for (const stale of finished.slice(KEEP_FINISHED)) this.jobs.delete(stale.job.id)
  }
}
