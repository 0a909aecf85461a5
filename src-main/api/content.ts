import type { LibraryManager } from '../core/library/library-manager'
import { resolveContent, type ContentAnswer, type ContentRequest } from '../core/media/content-resolver'

/**
 * What both byte transports (the trove: protocol and the loopback server's /content/) ask:
 * the open library's content by hash, through the one core resolver.
 */
export interface ContentSource {
  resolve(request: ContentRequest): Promise<ContentAnswer>
}

export function contentSource(libraries: LibraryManager): ContentSource {
  return {
    async resolve(request) {
      if (!libraries.current) return { status: 404, reason: 'no library is open' }
      const services = libraries.require()
      return resolveContent(
        { db: services.library.connection.db, fs: services.ingest.fs, store: services.store, layout: services.library.layout },
        request,
      )
    },
  }
}

export type { ContentAnswer, ContentRequest }
