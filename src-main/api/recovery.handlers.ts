import type { Logger } from '../core/common/logger'
import type { LibraryManager } from '../core/library/library-manager'
import { dismissRecoveryReport, pendingRecoveryReport, type RecoveryDeps } from '../core/recovery/recovery-report'
import type { DomainHandlers } from './handlers'

/** The start-up recovery report: read once the opening's checks are recorded; dismissed when seen. */
export function recoveryHandlers(libraries: LibraryManager, logger: Logger): DomainHandlers<'library:recovery-report' | 'library:dismiss-recovery-report'> {
  const deps = async (): Promise<RecoveryDeps> => {
    const services = libraries.require()
    await services.integrity.recoveryRecorded.catch(() => undefined)
    return { fs: services.ingest.fs, root: services.library.layout.root, clock: services.ingest.clock, logger }
  }
  return {
    'library:recovery-report': async () => ({ report: await pendingRecoveryReport(await deps()) }),
    'library:dismiss-recovery-report': async () => ({ dismissed: await dismissRecoveryReport(await deps()) }),
  }
}
