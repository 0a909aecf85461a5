import type { Kysely } from 'kysely'
import type { Clock } from '../common/clock'
import type { KeyedMutex } from '../common/keyed-mutex'
import type { Logger } from '../common/logger'
import type { SqliteHandle } from '../db/connection'
import type { Database } from '../db/schema'
import type { ObjectStore } from '../store/object-store'
import { CollectionsService } from './collections.service'
import { FilesQueryService } from './files-query.service'
import { HistoryService } from './history.service'
import { NotesService } from './notes.service'
import { SearchService } from './search.service'
import { StatsService } from './stats.service'
import { TagsService } from './tags.service'
import { TrashService } from './trash.service'

/** Browsing and organising one library: part of its LibraryServices. */
export interface BrowseServices {
  files: FilesQueryService
  search: SearchService
  tags: TagsService
  collections: CollectionsService
  /** `trash.purgeExpired()` purges what outlived `trashRetentionDays`; call it once the library is open. */
  trash: TrashService
  notes: NotesService
  history: HistoryService
  stats: StatsService
}

export interface BrowseDeps {
  db: Kysely<Database>
  sqlite: SqliteHandle
  store: ObjectStore
  /** The import pipeline's per-content locks (shared, so purges and imports of the same bytes take turns). */
  locks: KeyedMutex
  clock: Clock
  logger: Logger
}

export function createBrowseServices({ db, sqlite, store, locks, clock, logger }: BrowseDeps): BrowseServices {
  return {
    files: new FilesQueryService(db),
    search: new SearchService(db),
    tags: new TagsService(db, clock),
    collections: new CollectionsService(db, clock),
    trash: new TrashService({ db, store, locks, clock, logger }),
    notes: new NotesService(db),
    history: new HistoryService(db, sqlite),
    stats: new StatsService(db, clock),
  }
}
