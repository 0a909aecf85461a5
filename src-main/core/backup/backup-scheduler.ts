import type { Logger } from '../common/logger'
import type { BackupService } from './backup.service'

export interface SchedulerOptions {
  /** How often the schedule is looked at (default 15 minutes). */
  checkEveryMs?: number
  /** The first look after start-up, once the library has settled (default 2 minutes). */
  firstCheckAfterMs?: number
}

/**
 * The app's timer for scheduled backups (the CLI has none): every quarter hour it asks the
 * service whether the open library's backup is due and runs it. A machine that slept past the
 * due time backs up at the first check after it wakes. Returns `stop`.
 */
export function startBackupScheduler(service: BackupService, logger: Logger, options: SchedulerOptions = {}): () => void {
  const every = options.checkEveryMs ?? 15 * 60_000
  let timer: NodeJS.Timeout | undefined
  let stopped = false
  const tick = async () => {
    try {
      await service.runIfDue()
    } catch (error) {
      logger.warn('could not check the backup schedule', { error })
    }
    if (!stopped) timer = setTimeout(tick, every).unref()
  }
  timer = setTimeout(tick, options.firstCheckAfterMs ?? 2 * 60_000).unref()
  return () => {
    stopped = true
    clearTimeout(timer)
  }
}
