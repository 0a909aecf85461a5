import type { LibraryManager } from '../core/library/library-manager'
import { extractedText } from '../core/library/search-index'
import type { DomainHandlers, EventPublisher } from './handlers'

type FilesMethod =
  | 'files:list' | 'files:get' | 'files:search' | 'files:set-note' | 'files:trash' | 'files:restore' | 'files:empty-trash' | 'files:purge'
  | 'files:stats' | 'files:extracted-text'

export function filesHandlers(libraries: LibraryManager, events: EventPublisher): DomainHandlers<FilesMethod> {
  const lib = () => libraries.require()
  return {
    'files:list': (input) => lib().files.list(input),
    'files:get': (input) => lib().files.get(input),
    'files:search': (input) => lib().search.search(input),
    'files:extracted-text': ({ id, maxChars }) => extractedText(lib().library.connection.db, id, maxChars),
    'files:set-note': async ({ id, note }) => {
      await lib().notes.set(id, note)
      events.publish('files:files-changed', { change: 'note', fileIds: [id] })
      return lib().files.dto(id)
    },
    'files:trash': async ({ ids }) => {
      const result = await lib().trash.trash(ids)
      if (result.trashed) events.publish('files:files-changed', { change: 'trashed', fileIds: ids })
      return result
    },
    'files:restore': async ({ ids }) => {
      const result = await lib().trash.restore(ids)
      if (result.restored) events.publish('files:files-changed', { change: 'restored', fileIds: ids })
      return result
    },
    'files:empty-trash': async ({ olderThanDays }) => {
      const { fileIds, ...result } = await lib().trash.empty(olderThanDays)
      if (fileIds.length) events.publish('files:files-changed', { change: 'purged', fileIds })
      return result
    },
    'files:purge': async ({ ids }) => {
      const { fileIds, ...result } = await lib().trash.purgeFiles(ids)
      if (fileIds.length) events.publish('files:files-changed', { change: 'purged', fileIds })
      return result
    },
    'files:stats': () => lib().stats.stats(),
  }
}
