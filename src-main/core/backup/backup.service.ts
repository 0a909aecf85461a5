import { AppError, isAppError } from '../common/app-error'
import type { Clock } from '../common/clock'
import type { FsSeam } from '../common/fs-seam'
import type { Logger } from '../common/logger'
import type { JobHandle, JobRegistry } from '../jobs/job-registry'
import type { LibraryManager } from '../library/library-manager'
import { readLastBackup, readSchedule, writeLastBackup, writeSchedule, nextDueAt, type BackupSchedule, type LastBackup } from './backup-settings'
import { runBackup, type BackupReport } from './backup-run'
import { phaseLabel } from './phase-labels'
import { verifyBackup, type BackupVerifyReport } from './backup-verify'
import { restoreBackup, type RestoreReport } from './restore-backup'

export interface BackupServiceDeps {
  fs: FsSeam
  clock: Clock
  logger: Logger
  jobs: JobRegistry
  libraries: LibraryManager
  appVersion: string
}

export interface BackupStatus {
  schedule: BackupSchedule
  last: LastBackup | null
  /** When the next scheduled backup is due (epoch ms; 0 = at the next check), null when none is scheduled. */
  nextDueAt: number | null
  /** The backup job running now, if any. */
  runningJobId: string | null
}

const messageOf = (err: unknown) => (err instanceof Error ? err.message : String(err))

/** Runs `work` as a job: progress through the handle, the job ends completed, failed or cancelled. */
export async function asJob<T>(jobs: JobRegistry, kind: string, label: string, work: (job: JobHandle) => Promise<T>, summary: (value: T) => string): Promise<T> {
  const job = jobs.start(kind, label)
  try {
    const value = await work(job)
    job.finish('completed', { summary: summary(value) })
    return value
  } catch (err) {
    const error = job.signal.aborted && !(isAppError(err) && err.code !== 'CANCELLED') ? new AppError('CANCELLED', `${label}: cancelled.`) : err
    job.finish(job.signal.aborted ? 'cancelled' : 'failed', { error: messageOf(error) })
    throw error
  }
}

/**
 * Backups of the open library (one at a time), their verification, the schedule and the last
 * result (kept in the library's settings), and restoring a backup into a new folder.
 */
export class BackupService {
  private running: { jobId: string | null; destination: string } | null = null

  constructor(private readonly deps: BackupServiceDeps) {}

  async status(): Promise<BackupStatus> {
    const { db } = this.deps.libraries.require().library.connection
    const [schedule, last] = [await readSchedule(db), await readLastBackup(db)]
    return { schedule, last, nextDueAt: nextDueAt(schedule, last), runningJobId: this.running?.jobId ?? null }
  }

  async setSchedule(patch: Partial<BackupSchedule>): Promise<BackupStatus> {
    await writeSchedule(this.deps.libraries.require().library.connection.db, patch)
    return this.status()
  }

  /** Backs up to `destination` (default: the scheduled one) and records the result. */
  async run(destination?: string): Promise<BackupReport> {
    const services = this.deps.libraries.require()
    const { db, sqlite } = services.library.connection
    const target = destination ?? (await readSchedule(db)).destination
    if (!target) throw new AppError('INVALID_INPUT', 'Choose a backup folder first.')
    if (this.running) throw new AppError('UNAVAILABLE', `A backup to ${this.running.destination} is already running.`)
    this.running = { jobId: null, destination: target }
    const startedAt = this.deps.clock.now()
    try {
      // The result is recorded before the job ends, so whoever hears the end reads it.
      return await asJob(this.deps.jobs, 'backup', `Backing up to ${target}`, async (job) => {
        this.running!.jobId = job.id
        try {
          const report = await runBackup(this.deps, { layout: services.library.layout, sqlite }, target, {
            signal: job.signal,
            onProgress: (p) => job.update({ itemsDone: p.itemsDone, itemsTotal: p.itemsTotal, bytesDone: p.bytesDone, bytesTotal: p.bytesTotal, current: phaseLabel(p.phase) }),
          })
          await this.record(db, { destination: report.destination, startedAt, finishedAt: this.deps.clock.now(), outcome: 'completed', objectsCopied: report.objectsCopied, problems: report.problems.length })
          return report
        } catch (err) {
          const cancelled = job.signal.aborted || (isAppError(err) && err.code === 'CANCELLED')
          await this.record(db, { destination: target, startedAt, finishedAt: this.deps.clock.now(), outcome: cancelled ? 'cancelled' : 'failed', error: messageOf(err) })
          throw err
        } finally {
          this.running = null
        }
      }, (r) => `${r.objectsCopied} new file(s) copied and checked, ${r.objectsSkipped} already there${r.problems.length ? `, ${r.problems.length} problem(s)` : ''}`)
    } finally {
      this.running = null
    }
  }

  /** Checks a backup folder; when it is the last backup's, the result is kept beside it. */
  async verify(folder: string): Promise<BackupVerifyReport> {
    const report = await asJob(this.deps.jobs, 'backup-verify', `Checking the backup in ${folder}`, (job) =>
      verifyBackup(this.deps.fs, folder, { signal: job.signal, onProgress: ({ items, bytes, total }) => job.update({ itemsDone: items, itemsTotal: total, bytesDone: bytes }) }),
    (r) => (r.ok ? `${r.objectsChecked} files intact` : `${r.problems.length} problem(s) found`))
    const db = this.deps.libraries.current?.connection.db
    const last = db ? await readLastBackup(db) : null
    if (db && last && last.destination === report.backup) {
      await this.record(db, { ...last, verifiedAt: this.deps.clock.now(), verifyOk: report.ok, verifyProblems: report.problems.length + (report.database.sha256Matches ? 0 : 1) + report.database.integrity.length })
    }
    return report
  }

  restore(backup: string, newLibrary: string): Promise<RestoreReport> {
    return asJob(this.deps.jobs, 'restore', `Restoring ${backup} into ${newLibrary}`, (job) =>
      restoreBackup(this.deps, backup, newLibrary, { signal: job.signal, onProgress: (p) => job.update(p) }),
    (r) => `${r.files} file(s), ${r.objectsVerified} checked${r.problems.length ? `, ${r.problems.length} problem(s)` : ''}`)
  }

  /** Runs the scheduled backup if it is due; false when nothing was due (or one is running). */
  async runIfDue(): Promise<boolean> {
    const services = this.deps.libraries.current ? this.deps.libraries.require() : null
    if (!services || this.running) return false
    const status = await this.status()
    if (status.nextDueAt === null || status.nextDueAt > this.deps.clock.now()) return false
    await this.run(status.schedule.destination!).catch((error: unknown) => this.deps.logger.warn('scheduled backup failed', { error: messageOf(error) }))
    return true
  }

  private async record(db: Parameters<typeof writeLastBackup>[0], last: Parameters<typeof writeLastBackup>[1]): Promise<void> {
    await writeLastBackup(db, last).catch((error: unknown) => this.deps.logger.warn('could not record the backup result', { error }))
  }
}
