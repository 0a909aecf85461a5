import { startExport } from '../core/export/export.service'
import { diarySource } from '../core/export/diary-source'
import { librarySource } from '../core/export/library-sources'
import type { JobRegistry } from '../core/jobs/job-registry'
import type { LibraryManager } from '../core/library/library-manager'
import type { Logger } from '../core/common/logger'
import type { DomainHandlers } from './handlers'

export interface ExportHandlerDeps {
  libraries: LibraryManager
  jobs: JobRegistry
  logger: Logger
  appVersion: string
}

/** Exports run as jobs: the answer names the job and the folder; the sidecar there has the outcome. */
export function exportHandlers(deps: ExportHandlerDeps): DomainHandlers<'export:run'> {
  return {
    'export:run': async ({ dest, selection }) => {
      const services = deps.libraries.require()
      const { fs, clock } = services.ingest
      // The diary only when asked for by name, and only while unlocked (VAULT_LOCKED otherwise).
      const source =
        selection.kind === 'diary' ? await diarySource(services.diary) : await librarySource({ db: services.library.connection.db, fs, store: services.store }, selection)
      const { jobId, folder } = await startExport(
        { fs, jobs: deps.jobs, clock, logger: deps.logger, libraryRoot: services.library.layout.root, appVersion: deps.appVersion },
        source,
        dest,
      )
      return { jobId, folder }
    },
  }
}
