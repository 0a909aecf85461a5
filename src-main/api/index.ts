import type { Logger } from '../core/common/logger'
import type { JobRegistry } from '../core/jobs/job-registry'
import type { LibraryManager } from '../core/library/library-manager'
import { appHandlers, appInfo, type AppHost } from './app.handlers'
import { createDispatcher, type Dispatch } from './dispatcher'
import { EventHub } from './event-hub'
import type { Handlers } from './handlers'
import { jobsHandlers } from './jobs.handlers'
import { libraryHandlers } from './library.handlers'
import { uploadsHandlers } from './uploads.handlers'

export interface ApiDeps {
  host: AppHost
  libraries: LibraryManager
  jobs: JobRegistry
  logger: Logger
}

export interface Api {
  dispatch: Dispatch
  events: EventHub
}

/** Wires every domain's handlers to the dispatcher, and core's changes to contract events. */
export function createApi(deps: ApiDeps): Api {
  const events = new EventHub()
  const handlers: Handlers = {
    ...appHandlers(deps),
    ...jobsHandlers(deps.jobs),
    ...libraryHandlers(deps.libraries),
    ...uploadsHandlers(deps.libraries),
  }
  deps.jobs.onChange((job) => events.publish('jobs:job-changed', job))
  deps.libraries.onChange(() => {
    appInfo(deps)
      .then((info) => events.publish('app:library-changed', info))
      .catch((error) => deps.logger.warn('could not publish library change', { error }))
  })
  return { dispatch: createDispatcher(handlers, deps.logger), events }
}

export type { AppHost } from './app.handlers'
export type { CallContext } from './handlers'
