import type { Kysely } from 'kysely'
import type { DiaryEntrySummaryDto, DiaryMediaDto } from '../../../src-preload/contract/diary'
import { isAppError } from '../common/app-error'
import type { Logger } from '../common/logger'
import type { Database } from '../db/schema'
import type { VaultKey } from '../vault/key-file'
import { openEntry, openMedia, type EntryContent, type MediaMeta } from './diary-rows'
import { DiarySearchIndex } from './diary-search-index'

export interface OpenEntry {
  id: string
  content: EntryContent
  createdAt: number
  updatedAt: number
}

export interface OpenMedia {
  id: string
  entryId: string
  meta: MediaMeta
  addedAt: number
}

/**
 * The diary as it reads while unlocked: every entry and media item opened once, in memory,
 * with the search index. Diaries hold thousands of entries, not millions, so the timeline and
 * the calendar sort and group here rather than in SQL (the date is sealed, see DECISIONS.md).
 * Built at the first call after unlocking; dropped (and with it every plaintext) at lock.
 */
export class DiaryCatalogue {
  readonly entries = new Map<string, OpenEntry>()
  readonly media = new Map<string, OpenMedia>()
  private readonly mediaByEntry = new Map<string, Set<string>>()
  readonly index = new DiarySearchIndex()
  /** Rows that did not open: reported by verify and answered CORRUPT by get. */
  readonly damagedEntries = new Set<string>()
  readonly damagedMedia = new Set<string>()

  static async load(db: Kysely<Database>, key: VaultKey, logger: Logger): Promise<DiaryCatalogue> {
    const catalogue = new DiaryCatalogue()
    for (const row of await db.selectFrom('diary_entries').selectAll().execute()) {
      try {
        catalogue.putEntry({ id: row.id, content: openEntry(key, row.id, row.sealed), createdAt: row.created_at, updatedAt: row.updated_at })
      } catch (err) {
        if (!isAppError(err) || err.code !== 'CORRUPT') throw err
        catalogue.damagedEntries.add(row.id)
        logger.warn('diary entry does not open', { entryId: row.id })
      }
    }
    for (const row of await db.selectFrom('diary_media').selectAll().execute()) {
      try {
        catalogue.putMedia({ id: row.id, entryId: row.entry_id, meta: openMedia(key, row), addedAt: row.added_at })
      } catch (err) {
        if (!isAppError(err) || err.code !== 'CORRUPT') throw err
        catalogue.damagedMedia.add(row.id)
        logger.warn('diary media details do not open', { mediaId: row.id })
      }
    }
    return catalogue
  }

  putEntry(entry: OpenEntry): void {
    this.entries.set(entry.id, entry)
    this.damagedEntries.delete(entry.id)
    this.index.put({ id: entry.id, title: entry.content.title, body: entry.content.body, tags: entry.content.tags })
  }

  removeEntry(id: string): void {
    this.entries.delete(id)
    this.damagedEntries.delete(id)
    this.index.remove(id)
    for (const media of this.mediaOf(id)) this.removeMedia(media.id)
  }

  putMedia(media: OpenMedia): void {
    this.media.set(media.id, media)
    let ids = this.mediaByEntry.get(media.entryId)
    if (!ids) this.mediaByEntry.set(media.entryId, (ids = new Set()))
    ids.add(media.id)
  }

  removeMedia(id: string): void {
    const media = this.media.get(id)
    if (!media) return
    this.media.delete(id)
    this.mediaByEntry.get(media.entryId)?.delete(id)
  }

  /** An entry's media, in the order they were attached. */
  mediaOf(entryId: string): OpenMedia[] {
    const ids = [...(this.mediaByEntry.get(entryId) ?? [])]
    return ids.map((id) => this.media.get(id)!).sort((a, b) => a.addedAt - b.addedAt || a.id.localeCompare(b.id))
  }

  summary(entry: OpenEntry): DiaryEntrySummaryDto {
    const media = this.mediaOf(entry.id)
    const thumb = media.find((m) => m.meta.kind === 'photo' && m.meta.thumbName !== null) ?? media.find((m) => m.meta.thumbName !== null)
    const { date, title, mood, tags } = entry.content
    return { id: entry.id, date, title, mood, tags, mediaCount: media.length, thumbMediaId: thumb?.id ?? null, createdAt: entry.createdAt, updatedAt: entry.updatedAt }
  }

  /** Releases what it can: maps emptied, so the opened texts are left to the collector. */
  clear(): void {
    this.entries.clear()
    this.media.clear()
    this.mediaByEntry.clear()
    this.index.clear()
    this.damagedEntries.clear()
    this.damagedMedia.clear()
  }
}

export function mediaDto(media: OpenMedia): DiaryMediaDto {
  const { name, kind, mime, size, durationSeconds, width, height, thumbName } = media.meta
  return { id: media.id, entryId: media.entryId, name, kind, mime, size, durationSeconds, width, height, hasThumb: thumbName !== null, addedAt: media.addedAt }
}
