import type { LibraryManager } from '../core/library/library-manager'
import type { DomainHandlers } from './handlers'

export function libraryHandlers(libraries: LibraryManager): DomainHandlers<'library:import' | 'library:verify' | 'library:startup-report'> {
  return {
    'library:import': ({ paths, collectionId, keepFolders }) => {
      const { jobId, batchId, done } = libraries.require().imports.start(paths, { collectionId, keepFolders })
      // The outcome is reported through the job and the import history; nothing to await here.
      done.catch(() => undefined)
      return { jobId, batchId }
    },
    'library:verify': () => libraries.require().integrity.verify(),
    'library:startup-report': () => libraries.require().integrity.startupReport,
  }
}
