import type { Logger } from '../core/common/logger'
import type { JobRegistry } from '../core/jobs/job-registry'
import type { LibraryManager } from '../core/library/library-manager'
import { appHandlers, appInfo, type AppHost } from './app.handlers'
import { contentSource, type ContentSource } from './content'
import { createDispatcher, type Dispatch } from './dispatcher'
import { desktopHandlers } from './desktop.handlers'
import { EventHub } from './event-hub'
import type { Handlers } from './handlers'
import { jobsHandlers } from './jobs.handlers'
import { libraryHandlers } from './library.handlers'
import { previewsHandlers, publishPreviewChanges } from './previews.handlers'
import { uploadsHandlers } from './uploads.handlers'
import { publishSyncChanges, syncHandlers } from './sync.handlers'
import { collectionsHandlers } from './collections.handlers'
import { filesHandlers } from './files.handlers'
import { historyHandlers } from './history.handlers'
import { tagsHandlers } from './tags.handlers'
import { diaryHandlers, publishDiaryLockChanges } from './diary.handlers'
import { backupHandlers, type BackupApiDeps } from './backup.handlers'
import { exportHandlers } from './export.handlers'
import { recoveryHandlers } from './recovery.handlers'

export interface ApiDeps {
  host: AppHost
  libraries: LibraryManager
  jobs: JobRegistry
  logger: Logger
  backup: BackupApiDeps
}

export interface Api {
  dispatch: Dispatch
  events: EventHub
  /** Library bytes by hash, for the trove: protocol and the loopback /content/ route. */
  content: ContentSource
}

/** Wires every domain's handlers to the dispatcher, and core's changes to contract events. */
export function createApi(deps: ApiDeps): Api {
  const events = new EventHub()
  const handlers: Handlers = {
    ...appHandlers(deps),
    ...jobsHandlers(deps.jobs),
    ...libraryHandlers(deps.libraries),
    ...previewsHandlers(deps.libraries),
    ...uploadsHandlers(deps.libraries, events),
    ...desktopHandlers(deps.libraries, deps.host.desktop),
    ...syncHandlers(deps.libraries),
    ...filesHandlers(deps.libraries, events),
    ...tagsHandlers(deps.libraries, events),
    ...collectionsHandlers(deps.libraries, events),
    ...historyHandlers(deps.libraries),
    ...diaryHandlers(deps.libraries, events),
    ...backupHandlers(deps.backup),
    ...exportHandlers({ ...deps, appVersion: deps.host.appVersion }),
    ...recoveryHandlers(deps.libraries, deps.logger),
  }
  deps.jobs.onChange((job) => events.publish('jobs:job-changed', job))
  publishPreviewChanges(deps.libraries, events)
  publishSyncChanges(deps.libraries, events)
  publishDiaryLockChanges(deps.libraries, events)
  deps.libraries.onChange(() => {
    const library = deps.libraries.current
    appInfo(deps)
      .then((info) => events.publish('app:library-changed', info))
      .catch((error: unknown) => {
        // Closed meanwhile (a switch, or a short CLI run ending): a newer change says the rest.
        if (deps.libraries.current === library && library !== null) deps.logger.warn('could not publish library change', { error })
      })
  })
  return { dispatch: createDispatcher(handlers, deps.logger), events, content: contentSource(deps.libraries) }
}

export type { AppHost } from './app.handlers'
export type { CallContext } from './handlers'
