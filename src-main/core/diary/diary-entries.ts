import type { Kysely } from 'kysely'
import type {
  DiaryCalendarDto,
  DiaryEntryDto,
  DiaryMood,
  DiaryPageDto,
  DiarySearchResultDto,
} from '../../../src-preload/contract/diary'
import { AppError } from '../common/app-error'
import type { Clock } from '../common/clock'
import type { Database } from '../db/schema'
import { mediaDto, type DiaryCatalogue, type OpenEntry } from './diary-catalogue'
import type { DiaryObjects } from './diary-objects'
import { newDiaryId, sealEntry, type EntryContent } from './diary-rows'
import { highlight, snippet, words } from './diary-search-index'
import type { DiaryVault } from './diary-vault'

export interface DiaryEntriesDeps {
  db: Kysely<Database>
  vault: DiaryVault
  clock: Clock
  objects: DiaryObjects
  /** The opened diary (built at the first call after unlocking). */
  catalogue(): Promise<DiaryCatalogue>
}

export interface ListQuery {
  from?: string
  to?: string
  order: 'asc' | 'desc'
  limit: number
  cursor?: string
}

export interface SaveInput {
  id?: string
  date: string
  title: string
  body: string
  mood: DiaryMood | null
  tags: string[]
}

/** Dated entries: the timeline, the calendar, one entry, saving, deleting and searching. */
export class DiaryEntries {
  constructor(private readonly deps: DiaryEntriesDeps) {}

  async list(query: ListQuery): Promise<DiaryPageDto> {
    const catalogue = await this.open()
    const after = query.cursor ? parseCursor(query.cursor) : null
    const sign = query.order === 'desc' ? -1 : 1
    const inRange = [...catalogue.entries.values()].filter(
      (e) => (!query.from || e.content.date >= query.from) && (!query.to || e.content.date <= query.to),
    )
    inRange.sort((a, b) => sign * compareKey(a, b))
    const rest = after ? inRange.filter((e) => sign * compareKey(e, { id: after.id, content: { date: after.date } }) > 0) : inRange
    const page = rest.slice(0, query.limit)
    const last = page[page.length - 1]
    return {
      entries: page.map((e) => catalogue.summary(e)),
      nextCursor: rest.length > query.limit && last ? `${last.content.date}~${last.id}` : null,
      total: inRange.length,
    }
  }

  async calendar(month: string): Promise<DiaryCalendarDto> {
    const catalogue = await this.open()
    const counts = new Map<string, number>()
    for (const entry of catalogue.entries.values()) {
      if (entry.content.date.startsWith(`${month}-`)) counts.set(entry.content.date, (counts.get(entry.content.date) ?? 0) + 1)
    }
    return { month, days: [...counts].sort(([a], [b]) => a.localeCompare(b)).map(([date, count]) => ({ date, count })) }
  }

  async get(id: string): Promise<DiaryEntryDto> {
    const catalogue = await this.open()
    if (catalogue.damagedEntries.has(id)) {
      throw new AppError('CORRUPT', `Diary entry ${id} is damaged and cannot be read. Restore the library folder from a backup to get it back.`, { entryId: id })
    }
    const entry = catalogue.entries.get(id)
    if (!entry) throw new AppError('NOT_FOUND', 'That diary entry does not exist (it may have been deleted).', { entryId: id })
    const { date, title, body, mood, tags } = entry.content
    return { id, date, title, body, mood, tags, createdAt: entry.createdAt, updatedAt: entry.updatedAt, media: catalogue.mediaOf(id).map(mediaDto) }
  }

  /** Creates an entry (no id) or replaces one's text; the sealed row is written before the catalogue changes. */
  async save(input: SaveInput): Promise<DiaryEntryDto> {
    const catalogue = await this.open()
    const content: EntryContent = {
      date: input.date,
      title: input.title.normalize('NFC').trim(),
      body: input.body.normalize('NFC'),
      mood: input.mood,
      tags: uniqueTags(input.tags),
    }
    const now = this.deps.clock.now()
    await this.deps.vault.use(async (key) => {
      if (input.id) {
        const existing = catalogue.entries.get(input.id)
        if (!existing && !catalogue.damagedEntries.has(input.id)) throw new AppError('NOT_FOUND', 'That diary entry does not exist (it may have been deleted).', { entryId: input.id })
        const sealed = sealEntry(key, input.id, content)
        const result = await this.deps.db.updateTable('diary_entries').set({ sealed, updated_at: now }).where('id', '=', input.id).executeTakeFirst()
        if (Number(result.numUpdatedRows) !== 1) throw new AppError('NOT_FOUND', 'That diary entry does not exist (it may have been deleted).', { entryId: input.id })
        catalogue.putEntry({ id: input.id, content, createdAt: existing?.createdAt ?? now, updatedAt: now })
      } else {
        const id = newDiaryId()
        await this.deps.db.insertInto('diary_entries').values({ id, sealed: sealEntry(key, id, content), created_at: now, updated_at: now }).execute()
        catalogue.putEntry({ id, content, createdAt: now, updatedAt: now })
        input = { ...input, id }
      }
    })
    return this.get(input.id!)
  }

  /** Deletes the entry and its media: rows first, then the encrypted files. */
  async delete(id: string): Promise<{ deleted: true; mediaRemoved: number }> {
    const catalogue = await this.open()
    this.deps.vault.requireKey()
    const files = await this.deps.db.selectFrom('diary_media').select(['object_name', 'thumb_name']).where('entry_id', '=', id).execute()
    const gone = await this.deps.db.transaction().execute(async (trx) => {
      await trx.deleteFrom('diary_media').where('entry_id', '=', id).execute()
      return trx.deleteFrom('diary_entries').where('id', '=', id).executeTakeFirst()
    })
    if (Number(gone.numDeletedRows) !== 1) throw new AppError('NOT_FOUND', 'That diary entry does not exist (it may have been deleted).', { entryId: id })
    catalogue.removeEntry(id)
    await this.deps.objects.remove(files.flatMap((f) => [f.object_name, f.thumb_name]))
    return { deleted: true, mediaRemoved: files.length }
  }

  async search(query: string, limit: number): Promise<DiarySearchResultDto> {
    const catalogue = await this.open()
    const terms = [...new Set(words(query))].slice(0, 20)
    const hits = catalogue.index
      .query(terms)
      .map((hit) => ({ hit, entry: catalogue.entries.get(hit.id) }))
      .filter((h): h is { hit: typeof h.hit; entry: OpenEntry } => h.entry !== undefined)
      .sort((a, b) => b.hit.score - a.hit.score || compareKey(b.entry, a.entry))
      .slice(0, limit)
    return {
      terms,
      hits: hits.map(({ entry }) => ({
        entry: catalogue.summary(entry),
        title: highlight(entry.content.title, terms),
        snippet: snippet(entry.content.body, terms).length ? snippet(entry.content.body, terms) : snippet(entry.content.tags.join(' '), terms),
      })),
    }
  }

  /** The opened diary; VAULT_LOCKED while locked (and it counts as activity). */
  private async open(): Promise<DiaryCatalogue> {
    this.deps.vault.requireKey()
    return this.deps.catalogue()
  }
}

type Keyed = { id: string; content: { date: string } }
const compareKey = (a: Keyed, b: Keyed) => a.content.date.localeCompare(b.content.date) || a.id.localeCompare(b.id)

function parseCursor(cursor: string): { date: string; id: string } {
  const match = /^(\d{4}-\d{2}-\d{2})~([0-9a-f]{32})$/.exec(cursor)
  if (!match) throw new AppError('INVALID_INPUT', 'That page cursor is not one diary:list gave out. Start again from the first page.')
  return { date: match[1]!, id: match[2]! }
}

/** Tags trimmed, NFC, without repeats (ignoring case), in the order given. */
function uniqueTags(tags: string[]): string[] {
  const seen = new Set<string>()
  const out: string[] = []
  for (const raw of tags) {
    const tag = raw.normalize('NFC').trim()
    const key = tag.toLowerCase()
    if (!tag || seen.has(key)) continue
    seen.add(key)
    out.push(tag)
  }
  return out
}
