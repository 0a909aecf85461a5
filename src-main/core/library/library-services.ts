import type { Clock } from '../common/clock'
import type { FsSeam } from '../common/fs-seam'
import { KeyedMutex } from '../common/keyed-mutex'
import type { Logger } from '../common/logger'
import { ImportService } from '../ingest/import-service'
import type { IngestContext } from '../ingest/ingest-file'
import type { JobRegistry } from '../jobs/job-registry'
import { ObjectStore } from '../store/object-store'
import { readLibrarySettings } from './library-settings'
import type { Library } from './open-library'

export interface LibraryServiceDeps {
  fs: FsSeam
  logger: Logger
  clock: Clock
  jobs: JobRegistry
}

/** Everything that works on one open library, built once when it opens. */
export interface LibraryServices {
  library: Library
  store: ObjectStore
  ingest: IngestContext
  imports: ImportService
}

export async function createLibraryServices(library: Library, deps: LibraryServiceDeps): Promise<LibraryServices> {
  const { db } = library.connection
  const store = new ObjectStore(deps.fs, library.layout)
  const settings = await readLibrarySettings(db)
  const ingest: IngestContext = {
    db, fs: deps.fs, store, clock: deps.clock, logger: deps.logger, locks: new KeyedMutex(), maxFileBytes: settings.maxFileBytes,
  }
  return {
    library,
    store,
    ingest,
    imports: new ImportService(ingest, deps.jobs),
  }
}
