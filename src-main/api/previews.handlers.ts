import type { LibraryManager } from '../core/library/library-manager'
import type { LibraryServices } from '../core/library/library-services'
import type { DomainHandlers, EventPublisher } from './handlers'

export function previewsHandlers(libraries: LibraryManager): DomainHandlers<'previews:retry' | 'previews:regenerate-all' | 'previews:status'> {
  return {
    'previews:retry': ({ fileId }) => libraries.require().previews.retry(fileId),
    'previews:regenerate-all': () => libraries.require().previews.regenerateAll(),
    'previews:status': () => libraries.require().previews.status(),
  }
}

/**
 * Publishes the open library's preview changes as `previews:changed`, following the library
 * as it is opened, switched and closed.
 */
export function publishPreviewChanges(libraries: LibraryManager, events: EventPublisher): void {
  let unsubscribe: (() => void) | null = null
  const follow = () => {
    unsubscribe?.()
    unsubscribe = null
    const services = currentServices(libraries)
    if (services) unsubscribe = services.previews.onChange((change) => events.publish('previews:changed', change))
  }
  libraries.onChange(follow)
  follow()
}

function currentServices(libraries: LibraryManager): LibraryServices | null {
  if (!libraries.current) return null
  try {
    return libraries.require()
  } catch {
    return null
  }
}
