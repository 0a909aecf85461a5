import type { LibraryManager } from '../core/library/library-manager'
import type { DomainHandlers, EventPublisher } from './handlers'

type TagsMethod =
  | 'tags:list' | 'tags:suggest' | 'tags:create' | 'tags:rename' | 'tags:recolor' | 'tags:merge' | 'tags:delete' | 'tags:apply' | 'tags:remove'

export function tagsHandlers(libraries: LibraryManager, events: EventPublisher): DomainHandlers<TagsMethod> {
  const tags = () => libraries.require().tags
  /** Runs a change, then tells the renderer that tags (and, when given, files) changed. */
  const changed = async <T>(run: Promise<T>, fileIds?: (value: T) => number[]): Promise<T> => {
    const value = await run
    events.publish('tags:tags-changed', {})
    const ids = fileIds?.(value) ?? []
    if (ids.length) events.publish('files:files-changed', { change: 'tags', fileIds: ids })
    return value
  }
  return {
    'tags:list': async () => ({ tags: await tags().list() }),
    'tags:suggest': async ({ prefix, limit }) => ({ tags: await tags().suggest(prefix, limit) }),
    'tags:create': ({ name, color }) => changed(tags().create(name, color ?? null)),
    'tags:rename': ({ id, name }) => changed(tags().rename(id, name)),
    'tags:recolor': ({ id, color }) => changed(tags().recolor(id, color)),
    'tags:merge': ({ sourceId, targetId }) => changed(tags().merge(sourceId, targetId)),
    'tags:delete': ({ id }) => changed(tags().delete(id)),
    'tags:apply': async ({ fileIds, tagIds, names, create }) => {
      const { fileIds: _touched, ...result } = await changed(tags().apply(fileIds, { tagIds, names }, create), (v) => v.fileIds)
      return result
    },
    'tags:remove': async ({ fileIds, tagIds, names }) => {
      const { fileIds: _touched, ...result } = await changed(tags().remove(fileIds, { tagIds, names }), (v) => v.fileIds)
      return result
    },
  }
}
