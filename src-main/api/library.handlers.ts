import type { LibraryManager } from '../core/library/library-manager'
import { readLibrarySettings, writeLibrarySettings } from '../core/library/library-settings'
import type { DomainHandlers } from './handlers'

export function libraryHandlers(libraries: LibraryManager): DomainHandlers<'library:import' | 'library:verify' | 'library:startup-report' | 'library:get-settings' | 'library:set-settings'> {
  return {
    'library:import': ({ paths, collectionId, keepFolders }) => {
      const { jobId, batchId, done } = libraries.require().imports.start(paths, { collectionId, keepFolders })
      // The outcome is reported through the job and the import history; nothing to await here.
      done.catch(() => undefined)
      return { jobId, batchId }
    },
    'library:verify': () => libraries.require().integrity.verify(),
    'library:startup-report': () => libraries.require().integrity.startupReport,
    'library:get-settings': () => readLibrarySettings(libraries.require().library.connection.db),
    'library:set-settings': async (patch) => {
      const services = libraries.require()
      const next = await writeLibrarySettings(services.library.connection.db, patch)
      services.ingest.maxFileBytes = next.maxFileBytes
      // OCR switched on: the waiting scans are read now.
      if (patch.ocrEnabled) services.previews.poke()
      return next
    },
  }
}
