import type { Clock } from '../common/clock'
import type { FsSeam } from '../common/fs-seam'
import { KeyedMutex } from '../common/keyed-mutex'
import type { Logger } from '../common/logger'
import { createDiaryServices, type DiaryOptions, type DiaryServices } from '../diary/diary-services'
import { ImportService } from '../ingest/import-service'
import type { IngestContext } from '../ingest/ingest-file'
import { IngestRows } from '../ingest/ingest-rows'
import type { JobRegistry } from '../jobs/job-registry'
import { ocrMaker } from '../media/makers/ocr'
import { closeSharedOcrEngine } from '../media/ocr/ocr-engine'
import { PreviewQueue } from '../media/preview-queue'
import { runStartupChecks, verifyLibrary, type IntegrityDeps, type StartupReport, type VerifyReport } from '../store/integrity'
import { ObjectStore } from '../store/object-store'
import { recordStartupFindings, type RecoveryReport } from '../recovery/recovery-report'
import { SyncManager, type SyncOptions } from '../sync/sync-manager'
import { UploadService } from '../uploads/upload.service'
import { createBrowseServices, type BrowseServices } from './browse-services'
import { readLibrarySettings } from './library-settings'
import type { Library } from './open-library'

export interface LibraryServiceDeps {
  fs: FsSeam
  logger: Logger
  clock: Clock
  jobs: JobRegistry
  /** Watched folders: `autoStart: false` opens without watching (one-shot commands). */
  sync?: SyncOptions & { autoStart?: boolean }
  /** The diary's auto-lock timer and (tests only) key-file cost. */
  diary?: DiaryOptions
}

/** Everything that works on one open library, built once when it opens. */
export interface LibraryServices extends BrowseServices {
  library: Library
  store: ObjectStore
  ingest: IngestContext
  imports: ImportService
  /** Thumbnails and image metadata, made in the background; poked by every other job. */
  previews: PreviewQueue
  /** Resumable chunked uploads; `sweepExpired()` may also be called on a timer. */
  uploads: UploadService
  /** Watched folders: watchers, reconciliation scans, history. */
  sync: SyncManager
  /** The encrypted diary: locked at first, and locked again when the library closes. */
  diary: DiaryServices
  integrity: {
    /** The start-up checks of this opening (run in the background once the library is open). */
    startupReport: Promise<StartupReport>
    /** The start-up findings added to the recovery report (settles once it is written). */
    recoveryRecorded: Promise<RecoveryReport | null>
    verify(signal?: AbortSignal): Promise<VerifyReport>
  }
  /** Stops background work and waits for it, so nothing writes after the database closes. */
  stop(): Promise<void>
}

export async function createLibraryServices(library: Library, deps: LibraryServiceDeps): Promise<LibraryServices> {
  const { db } = library.connection
  const store = new ObjectStore(deps.fs, library.layout)
  const settings = await readLibrarySettings(db)
  const ingest: IngestContext = {
    db, rows: new IngestRows(library.connection.sqlite), fs: deps.fs, store, clock: deps.clock, logger: deps.logger, locks: new KeyedMutex(), maxFileBytes: settings.maxFileBytes,
  }
  const integrityDeps: IntegrityDeps = { db, fs: deps.fs, store, layout: library.layout, clock: deps.clock, logger: deps.logger }
  const startupReport = runStartupChecks(integrityDeps)
  startupReport.catch((error: unknown) => deps.logger.error('start-up checks failed', { error }))
  const recoveryRecorded = startupReport.then((report) => recordStartupFindings({ fs: deps.fs, root: library.layout.root, clock: deps.clock, logger: deps.logger }, library.tmpEntriesRemoved, report))
  recoveryRecorded.catch((error: unknown) => deps.logger.warn('could not record the start-up recovery report', { error }))
  const imports = new ImportService(ingest, deps.jobs)
  const previews = new PreviewQueue({ db, fs: deps.fs, store, layout: library.layout, jobs: deps.jobs, logger: deps.logger, clock: deps.clock, ocr: ocrMaker })
  const uploads = new UploadService(ingest, library.layout.uploads)
  await uploads.sweepExpired().catch((error: unknown) => deps.logger.warn('could not sweep expired uploads', { error }))
  previews.start()
  const sync = new SyncManager(
    { db, sqlite: library.connection.sqlite, fs: deps.fs, ingest, jobs: deps.jobs, logger: deps.logger, clock: deps.clock, libraryRoot: library.layout.root, onEntriesAdded: () => previews.poke() },
    deps.sync,
  )
  if (deps.sync?.autoStart !== false) sync.start()
  const diary = await createDiaryServices({ db, fs: deps.fs, clock: deps.clock, logger: deps.logger, layout: library.layout, uploads, ...deps.diary })
  const browse = createBrowseServices({ db, sqlite: library.connection.sqlite, store, locks: ingest.locks, clock: deps.clock, logger: deps.logger })
  // Trashed files past the retention period go at each opening, after the start-up checks.
  const purge = startupReport
    .then(() => browse.trash.purgeExpired())
    .then((purged) => purged.fileIds.length && deps.logger.info('purged expired trash', { files: purged.fileIds.length }))
    .catch((error: unknown) => deps.logger.warn('could not purge the expired trash', { error }))
  return {
    library,
    store,
    ingest,
    imports,
    previews,
    uploads,
    sync,
    diary,
    ...browse,
    stop: async () => {
      await diary.stop()
      await purge
      await sync.stop()
      await imports.stop()
      await previews.close()
      await closeSharedOcrEngine()
      await startupReport.catch(() => undefined)
      await recoveryRecorded.catch(() => undefined)
    },
    integrity: {
      startupReport,
      recoveryRecorded,
      verify: async (signal) => {
        const job = deps.jobs.start('verify', 'Checking every file in the library')
        try {
          const report = await verifyLibrary(integrityDeps, {
            signal: signal ?? job.signal,
            onProgress: (itemsDone, itemsTotal, bytesDone) => job.update({ itemsDone, itemsTotal, bytesDone }),
          })
          const bad = report.missing.length + report.corrupt.length
          job.finish('completed', { summary: bad ? `${bad} file(s) missing or damaged` : `${report.checked} files intact` })
          return report
        } catch (err) {
          job.finish(job.signal.aborted ? 'cancelled' : 'failed', { error: err instanceof Error ? err.message : String(err) })
          throw err
        }
      },
    },
  }
}
