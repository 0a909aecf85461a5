import { parseDiaryPath, type DiaryContentAnswer } from '../core/diary/diary-content'
import type { LibraryManager } from '../core/library/library-manager'
import { resolveContent, type ContentAnswer as LibraryContentAnswer, type ContentRequest } from '../core/media/content-resolver'

/**
 * A library file to send (`file`), or decrypted diary bytes to stream (`stream()`), or a
 * refusal: 404, 416, and 423 while the diary is locked.
 */
export type ContentAnswer = LibraryContentAnswer | DiaryContentAnswer

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
      // Diary media by id (`/diary/<id>`, `/diary-thumb/<id>`): decrypted, only while unlocked.
      if (parseDiaryPath(request.path)) return services.diary.resolveContent(request)
      return resolveContent(
        { db: services.library.connection.db, fs: services.ingest.fs, store: services.store, layout: services.library.layout },
        request,
      )
    },
  }
}

export type { ContentRequest }
