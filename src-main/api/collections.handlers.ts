import type { LibraryManager } from '../core/library/library-manager'
import type { DomainHandlers, EventPublisher } from './handlers'

type CollectionsMethod =
  | 'collections:tree' | 'collections:create' | 'collections:rename' | 'collections:move' | 'collections:delete'
  | 'collections:add-files' | 'collections:remove-files'

export function collectionsHandlers(libraries: LibraryManager, events: EventPublisher): DomainHandlers<CollectionsMethod> {
  const collections = () => libraries.require().collections
  const changed = async <T>(run: Promise<T>, fileIds?: number[]): Promise<T> => {
    const value = await run
    events.publish('collections:tree-changed', {})
    if (fileIds?.length) events.publish('files:files-changed', { change: 'collections', fileIds })
    return value
  }
  return {
    'collections:tree': async () => ({ roots: await collections().tree() }),
    'collections:create': ({ name, parentId }) => changed(collections().create(name, parentId ?? null)),
    'collections:rename': ({ id, name }) => changed(collections().rename(id, name)),
    'collections:move': ({ id, parentId }) => changed(collections().move(id, parentId)),
    'collections:delete': ({ id }) => changed(collections().delete(id)),
    'collections:add-files': ({ id, fileIds }) => changed(collections().addFiles(id, fileIds), fileIds),
    'collections:remove-files': ({ id, fileIds }) => changed(collections().removeFiles(id, fileIds), fileIds),
  }
}
