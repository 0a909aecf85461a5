import type { LibraryManager } from '../core/library/library-manager'
import type { DomainHandlers, EventPublisher } from './handlers'

type SyncMethod = 'sync:add-folder' | 'sync:remove-folder' | 'sync:set-enabled' | 'sync:list-folders' | 'sync:scan' | 'sync:history'

export function syncHandlers(libraries: LibraryManager): DomainHandlers<SyncMethod> {
  const sync = () => libraries.require().sync
  return {
    'sync:add-folder': (input) => sync().add(input),
    'sync:remove-folder': ({ folderId, keepEntries }) => sync().remove(folderId, keepEntries),
    'sync:set-enabled': ({ folderId, enabled }) => sync().setEnabled(folderId, enabled),
    'sync:list-folders': async () => ({ folders: await sync().list() }),
    'sync:scan': async ({ folderId }) => ({ operations: await sync().scan(folderId) }),
    'sync:history': async ({ folderId, limit }) => ({ operations: await sync().history(folderId, limit) }),
  }
}

/** Publishes the open library's folder changes as `sync:folder-changed`, following the library as it changes. */
export function publishSyncChanges(libraries: LibraryManager, events: EventPublisher): void {
  libraries.followServices((services) => services.sync.onChange((event) => events.publish('sync:folder-changed', event)))
}
