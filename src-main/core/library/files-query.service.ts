import { sql, type Kysely } from 'kysely'
import type { FileDetailDto, FileDto, FilePageDto, FileSort, GetFileInput, ListFilesInput } from '../../../src-preload/contract/files'
import { AppError } from '../common/app-error'
import type { Database } from '../db/schema'
import { collectionPaths } from './collections.service'
import { fileDtoById, fileDtosByIds } from './file-dto'
import { driverSetQuery, driverSetSize, hasDates, resolveScope, scopeConditions, whereAll, type DriverSet, type FileScope } from './file-filters'
import { resolveFileRef } from './file-refs'
import { decodeCursor, encodeCursor, type CursorValue } from './page-cursor'

/** Sort keys: each is the leading column of an index after trashed_at (and kind), see 0002/0003. */
const SORT_COLUMN: Record<FileSort, string> = {
  added: 'f.added_at',
  name: 'f.name COLLATE NOCASE',
  size: 'f.size',
}
const SORT_INDEX: Record<FileSort, string> = { added: 'files_by_added', name: 'files_by_name', size: 'files_by_size' }
const KIND_SORT_INDEX: Record<FileSort, string> = { added: 'files_by_kind', name: 'files_by_kind_name', size: 'files_by_kind_size' }
const DEFAULT_ORDER: Record<FileSort, 'asc' | 'desc'> = { added: 'desc', name: 'asc', size: 'desc' }

/**
 * How a page is found. With a tag, collection, watched folder or date range holding at most `driverSetLimit`
 * files, that set drives the query: its files are looked up and sorted (cost ~ its size, at
 * any depth). A bigger set is dense, so walking the sort index in order and checking each
 * file fills a page quickly; the walk is bounded, though, because a big set can be clustered
 * (one import's files) far from the cursor, and when the bound is hit the set drives instead.
 * Measured on 100,000 files: see docs/DECISIONS.md.
 */
export const DRIVER_SET_LIMIT = 8000
/** Index entries a bounded walk may visit: about four times what a page needs on average. */
const WALK_WINDOW = { min: 1000, max: 20_000, slack: 4 }

/** The value a cursor records: the column itself (for name, not its NOCASE form). */
const SORT_VALUE: Record<FileSort, string> = { added: 'f.added_at', name: 'f.name', size: 'f.size' }

interface PageRow {
  id: number
  k: CursorValue
}

type Plan = { mode: 'walk'; fallback: DriverSet | null; window: number } | { mode: 'drive'; set: DriverSet }

interface PageRequest {
  scope: FileScope
  sort: FileSort
  order: 'asc' | 'desc'
  after: CursorValue[] | null
  limit: number
}

/** Listing (keyset-paged) and single-file lookups. */
export class FilesQueryService {
  private readonly driverSetLimit: number
  private readonly walkWindow: number | undefined

  /** The options exist for tests, to take each path on a small library. */
  constructor(
    private readonly db: Kysely<Database>,
    options: { driverSetLimit?: number; walkWindow?: number } = {},
  ) {
    this.driverSetLimit = options.driverSetLimit ?? DRIVER_SET_LIMIT
    this.walkWindow = options.walkWindow
  }

  /**
   * One page, ordered by the sort key then id. The cursor carries the last row's (key, id), so
   * the next page starts strictly after it: files added meanwhile never repeat or shift a page.
   */
  async list(input: ListFilesInput): Promise<FilePageDto> {
    const order = input.order ?? DEFAULT_ORDER[input.sort]
    const scopeKey = `files:${input.sort}:${order}`
    const after = input.cursor ? decodeCursor(input.cursor, scopeKey, [input.sort === 'name' ? 'string' : 'number', 'number']) : null
    const request: PageRequest = { scope: await resolveScope(this.db, input), sort: input.sort, order, after, limit: input.limit }

    const plan = await this.plan(request)
    let rows: PageRow[]
    if (plan.mode === 'drive') {
      rows = await this.page(request, { set: plan.set })
    } else {
      const bound = plan.fallback ? await this.walkBound(request, plan.window) : null
      rows = await this.page(request, { bound })
      // The bounded walk ended before filling the page: the set must drive to be sure.
      if (bound && plan.fallback && rows.length <= input.limit) rows = await this.page(request, { set: plan.fallback })
    }

    const page = rows.slice(0, input.limit)
    const last = page.at(-1)
    const nextCursor = rows.length > input.limit && last ? encodeCursor(scopeKey, [last.k, last.id]) : null
    return { items: await fileDtosByIds(this.db, page.map((r) => r.id)), nextCursor }
  }

  private async plan(request: PageRequest): Promise<Plan> {
    const { scope, sort, limit } = request
    const sets: DriverSet[] = []
    if (scope.tagId !== null) sets.push('tag')
    if (scope.collectionIds !== null) sets.push('collection')
    if (scope.folderId !== null) sets.push('folder')
    if (hasDates(scope) && sort !== 'added') sets.push('dates')
    let smallest: { set: DriverSet; size: number } | null = null
    for (const set of sets) {
      const size = await driverSetSize(this.db, scope, set, this.driverSetLimit)
      if (!smallest || size < smallest.size) smallest = { set, size }
    }
    if (!smallest) return { mode: 'walk', fallback: null, window: 0 }
    if (smallest.size <= this.driverSetLimit) return { mode: 'drive', set: smallest.set }
    if (this.walkWindow !== undefined) return { mode: 'walk', fallback: smallest.set, window: this.walkWindow }
    const { rows } = await sql<{ n: number | null }>`SELECT max(id) AS n FROM files`.execute(this.db)
    const total = Number(rows[0]?.n ?? 0)
    const window = Math.ceil((WALK_WINDOW.slack * (limit + 1) * total) / smallest.size)
    return { mode: 'walk', fallback: smallest.set, window: Math.min(WALK_WINDOW.max, Math.max(WALK_WINDOW.min, window)) }
  }

  /**
   * The key `window` entries further along the sort index (trash state and kind only: what the
   * index holds), or null when fewer remain, in which case the walk is short anyway.
   */
  private async walkBound(request: PageRequest, window: number): Promise<CursorValue[] | null> {
    const { scope, sort } = request
    const conditions = [scope.filters.trashed ? sql`f.trashed_at IS NOT NULL` : sql`f.trashed_at IS NULL`]
    if (scope.filters.kind !== undefined) conditions.push(sql`f.kind = ${scope.filters.kind}`)
    if (request.after) conditions.push(keyset(request, request.after, 'after'))
    const { rows } = await sql<{ v: CursorValue; id: number }>`
      SELECT ${sql.raw(SORT_COLUMN[sort])} AS v, f.id FROM ${walkFrom(request)}
      WHERE ${whereAll(conditions)} ${orderBy(request)} LIMIT 1 OFFSET ${window}`.execute(this.db)
    return rows[0] ? [rows[0].v, rows[0].id] : null
  }

  /**
   * The ids and sort keys of one page plus one row (to know whether there is a next page).
   * Only these go through the sort: whole rows are read afterwards for the page alone.
   */
  private async page(request: PageRequest, how: { set: DriverSet } | { bound: CursorValue[] | null }): Promise<PageRow[]> {
    const set = 'set' in how ? how.set : undefined
    const conditions = scopeConditions(request.scope, set)
    if (request.after) conditions.push(keyset(request, request.after, 'after'))
    if ('bound' in how && how.bound) conditions.push(keyset(request, how.bound, 'upTo'))
    const from = set ? sql`(${driverSetQuery(request.scope, set)}) AS d CROSS JOIN files AS f ON f.id = d.file_id` : walkFrom(request)
    const { rows } = await sql<PageRow>`
      SELECT f.id, ${sql.raw(SORT_VALUE[request.sort])} AS k FROM ${from}
      WHERE ${whereAll(conditions)} ${orderBy(request)} LIMIT ${request.limit + 1}`.execute(this.db)
    return rows
  }

  /** One file with where it came from and the collections it is in. */
  async get(ref: GetFileInput): Promise<FileDetailDto> {
    const id = await resolveFileRef(this.db, ref)
    const file = await this.dto(id)
    const sources = await this.db
      .selectFrom('file_sources')
      .select(['kind', 'path', 'original_name', 'available', 'first_seen_at', 'last_seen_at'])
      .where('file_id', '=', id)
      .orderBy('first_seen_at')
      .orderBy('id')
      .execute()
    const memberOf = await this.db.selectFrom('collection_members').select('collection_id').where('file_id', '=', id).execute()
    const paths = await collectionPaths(this.db, memberOf.map((m) => m.collection_id))
    const collections = [...paths.entries()]
      .map(([collectionId, path]) => ({ id: collectionId, name: path.at(-1) ?? '', path }))
      .sort((a, b) => a.path.join('/').localeCompare(b.path.join('/')))
    return {
      ...file,
      sources: sources.map((s) => ({
        kind: s.kind,
        path: s.path,
        originalName: s.original_name,
        available: s.available === 1,
        firstSeenAt: s.first_seen_at,
        lastSeenAt: s.last_seen_at,
      })),
      collections,
    }
  }

  /** The FileDto of one file, NOT_FOUND if there is none. */
  async dto(id: number): Promise<FileDto> {
    const file = await fileDtoById(this.db, id)
    if (!file) throw new AppError('NOT_FOUND', `There is no file with id ${id} in this library.`, { id })
    return file
  }
}

/**
 * Walking the sort index: named, because without ANALYZE statistics SQLite may otherwise take
 * the sort index without the kind and filter row by row, or sort everything.
 */
const walkFrom = (request: PageRequest) =>
  sql`files AS f INDEXED BY ${sql.raw(request.scope.filters.kind === undefined ? SORT_INDEX[request.sort] : KIND_SORT_INDEX[request.sort])}`

const orderBy = ({ sort, order }: PageRequest) => {
  const direction = sql.raw(order === 'asc' ? 'ASC' : 'DESC')
  return sql`ORDER BY ${sql.raw(SORT_COLUMN[sort])} ${direction}, f.id ${direction}`
}

/**
 * Rows strictly after a (key, id) position in the listing's order, or up to one inclusive.
 * The single-column bound lets SQLite seek the index; the row value settles ties by id.
 */
function keyset({ sort, order }: PageRequest, [value, id]: CursorValue[], side: 'after' | 'upTo') {
  const column = sql.raw(SORT_COLUMN[sort])
  // Ascending "after" and descending "up to" keep what sorts above the position; the others below.
  const above = (order === 'asc') === (side === 'after')
  const seek = sql.raw(above ? '>=' : '<=')
  const compare = sql.raw(`${above ? '>' : '<'}${side === 'after' ? '' : '='}`)
  return sql`${column} ${seek} ${value} AND (${column}, f.id) ${compare} (${value}, ${id})`
}
