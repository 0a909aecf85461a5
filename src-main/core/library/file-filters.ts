import { sql, type RawBuilder } from 'kysely'
import type { FileFilters } from '../../../src-preload/contract/files'
import { AppError } from '../common/app-error'
import { idList, type Db } from './file-dto'

/** Filters checked against the database: the tag exists, the collection and its sub-collections. */
export interface FileScope {
  filters: FileFilters
  tagId: number | null
  /** The collection and (when asked) every collection below it. */
  collectionIds: number[] | null
  /** The watched folder whose files these are. */
  folderId: number | null
}

export async function resolveScope(db: Db, filters: FileFilters): Promise<FileScope> {
  let tagId: number | null = null
  if (filters.tagId !== undefined) {
    const tag = await db.selectFrom('tags').select('id').where('id', '=', filters.tagId).executeTakeFirst()
    if (!tag) throw new AppError('NOT_FOUND', 'That tag does not exist any more. It may have been deleted or merged.', { tagId: filters.tagId })
    tagId = tag.id
  }
  let collectionIds: number[] | null = null
  if (filters.collectionId !== undefined) {
    collectionIds = filters.includeSubcollections ? await subtreeIds(db, filters.collectionId) : await existing(db, filters.collectionId)
    if (collectionIds.length === 0) {
      throw new AppError('NOT_FOUND', 'That collection does not exist any more. It may have been deleted.', { collectionId: filters.collectionId })
    }
  }
  let folderId: number | null = null
  if (filters.folderId !== undefined) {
    const folder = await db.selectFrom('watched_folders').select('id').where('id', '=', filters.folderId).executeTakeFirst()
    if (!folder) throw new AppError('NOT_FOUND', 'That folder is not watched any more. It may have been removed.', { folderId: filters.folderId })
    folderId = folder.id
  }
  return { filters, tagId, collectionIds, folderId }
}

/** The collection `rootId` and all its descendants (empty when it does not exist). */
export async function subtreeIds(db: Db, rootId: number): Promise<number[]> {
  // ifnull(parent_id, 0) is what the unique index on collections is built on, so each level is an index search.
  const { rows } = await sql<{ id: number }>`
    WITH RECURSIVE sub(id) AS (
      SELECT id FROM collections WHERE id = ${rootId}
      UNION
      SELECT c.id FROM collections AS c JOIN sub ON ifnull(c.parent_id, 0) = sub.id
    )
    SELECT id FROM sub`.execute(db)
  return rows.map((r) => r.id)
}

async function existing(db: Db, id: number): Promise<number[]> {
  const row = await db.selectFrom('collections').select('id').where('id', '=', id).executeTakeFirst()
  return row ? [row.id] : []
}

/**
 * A set of files that can drive a listing: one tag's files, a collection subtree's files, a
 * watched folder's files, or the files added in a date range (useful when sorting by something
 * other than the date).
 */
export type DriverSet = 'tag' | 'collection' | 'folder' | 'dates'

/**
 * WHERE conditions on `files AS f` for the scope. `except` leaves out the condition that a
 * driving set (see `driverSetQuery`) already guarantees.
 */
export function scopeConditions(scope: FileScope, except?: DriverSet): RawBuilder<unknown>[] {
  const { filters } = scope
  const out: RawBuilder<unknown>[] = [filters.trashed ? sql`f.trashed_at IS NOT NULL` : sql`f.trashed_at IS NULL`]
  if (filters.kind !== undefined) out.push(sql`f.kind = ${filters.kind}`)
  if (except !== 'dates') out.push(...dateConditions(scope, 'f.'))
  if (scope.tagId !== null && except !== 'tag') {
    out.push(sql`EXISTS (SELECT 1 FROM file_tags AS ft WHERE ft.file_id = f.id AND ft.tag_id = ${scope.tagId})`)
  }
  if (scope.collectionIds !== null && except !== 'collection') {
    out.push(
      scope.collectionIds.length === 1
        ? sql`EXISTS (SELECT 1 FROM collection_members AS cm WHERE cm.collection_id = ${scope.collectionIds[0]} AND cm.file_id = f.id)`
        : sql`EXISTS (SELECT 1 FROM collection_members AS cm WHERE cm.file_id = f.id AND cm.collection_id IN ${idList(scope.collectionIds)})`,
    )
  }
  if (scope.folderId !== null && except !== 'folder') {
    // ifnull(folder_id, 0) is what file_sources_unique is built on: (file_id, kind, folder) is one index search.
    out.push(sql`EXISTS (SELECT 1 FROM file_sources AS s WHERE s.file_id = f.id AND s.kind = 'watch' AND ifnull(s.folder_id, 0) = ${scope.folderId})`)
  }
  if (filters.availability !== undefined) out.push(availabilityCondition(filters.availability))
  return out
}

/**
 * Whether a file's bytes can be read now: a stored object for entries kept in the library
 * folder (`stored` says whether the start-up check found it), an online watched copy for
 * entries indexed in place (`available` is cleared while their folder is offline).
 */
function availabilityCondition(availability: 'available' | 'unavailable'): RawBuilder<unknown> {
  const watchedCopy = sql`EXISTS (SELECT 1 FROM file_sources AS s WHERE s.file_id = f.id AND s.kind = 'watch' AND s.available = 1)`
  return availability === 'available'
    ? sql`((f.storage = 'object' AND f.stored = 1) OR (f.storage = 'in_place' AND ${watchedCopy}))`
    : sql`((f.storage = 'object' AND f.stored = 0) OR (f.storage = 'in_place' AND NOT ${watchedCopy}))`
}

function dateConditions(scope: FileScope, prefix: '' | 'f.'): RawBuilder<unknown>[] {
  const column = sql.raw(`${prefix}added_at`)
  const out: RawBuilder<unknown>[] = []
  if (scope.filters.addedFrom !== undefined) out.push(sql`${column} >= ${scope.filters.addedFrom}`)
  if (scope.filters.addedTo !== undefined) out.push(sql`${column} <= ${scope.filters.addedTo}`)
  return out
}

/**
 * True when the scope narrows by nothing but the trash state: no kind, tag, collection, watched
 * folder, availability or dates. A shortcut that skips `scopeConditions` is only right then.
 */
export const onlyTrashState = (scope: FileScope): boolean =>
  scope.filters.kind === undefined && scope.tagId === null && scope.collectionIds === null && scope.folderId === null &&
  scope.filters.availability === undefined && !hasDates(scope)

export const hasDates = (scope: FileScope) => scope.filters.addedFrom !== undefined || scope.filters.addedTo !== undefined

/** The ids of the files in a driving set, each once (as `file_id`). */
export function driverSetQuery(scope: FileScope, set: DriverSet): RawBuilder<unknown> {
  if (set === 'tag') return sql`SELECT file_id FROM file_tags WHERE tag_id = ${scope.tagId}`
  if (set === 'dates') {
    const trashed = scope.filters.trashed ? sql`trashed_at IS NOT NULL` : sql`trashed_at IS NULL`
    return sql`SELECT id AS file_id FROM files INDEXED BY files_by_added WHERE ${whereAll([trashed, ...dateConditions(scope, '')])}`
  }
  if (set === 'folder') return sql`SELECT DISTINCT file_id FROM file_sources WHERE folder_id = ${scope.folderId} AND kind = 'watch'`
  const ids = scope.collectionIds ?? []
  return ids.length === 1
    ? sql`SELECT file_id FROM collection_members WHERE collection_id = ${ids[0]}`
    : sql`SELECT DISTINCT file_id FROM collection_members WHERE collection_id IN ${idList(ids)}`
}

/** How many files a driving set holds, counting no further than `cap` (so it stays cheap). */
export async function driverSetSize(db: Db, scope: FileScope, set: DriverSet, cap: number): Promise<number> {
  const { rows } = await sql<{ n: number }>`SELECT count(*) AS n FROM (${driverSetQuery(scope, set)} LIMIT ${cap + 1})`.execute(db)
  return Number(rows[0]?.n ?? 0)
}

export const whereAll = (conditions: RawBuilder<unknown>[]) => sql.join(conditions, sql` AND `)
