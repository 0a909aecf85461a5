import type { LibraryManager } from '../core/library/library-manager'
import type { DomainHandlers, EventPublisher } from './handlers'

export function previewsHandlers(libraries: LibraryManager): DomainHandlers<'previews:retry' | 'previews:regenerate-all' | 'previews:prioritise' | 'previews:status'> {
  return {
    'previews:retry': ({ fileId }) => libraries.require().previews.retry(fileId),
    'previews:regenerate-all': () => libraries.require().previews.regenerateAll(),
    'previews:prioritise': ({ fileIds }) => libraries.require().previews.prioritise(fileIds),
    'previews:status': () => libraries.require().previews.status(),
  }
}

/**
 * Publishes the open library's preview changes as `previews:changed`, following the library
 * as it is opened, switched and closed.
 */
export function publishPreviewChanges(libraries: LibraryManager, events: EventPublisher): void {
  libraries.followServices((services) => services.previews.onChange((change) => events.publish('previews:changed', change)))
}
