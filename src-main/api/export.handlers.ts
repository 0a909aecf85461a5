import { startExport } from '../core/export/export.service'
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
      const source = await librarySource({ db: services.library.connection.db, fs, store: services.store }, selection)
      const { jobId, folder } = await startExport(
        { fs, jobs: deps.jobs, clock, logger: deps.logger, libraryRoot: services.library.layout.root, appVersion: deps.appVersion },
        source,
        dest,
      )
      return { jobId, folder }
    },
  }
}
