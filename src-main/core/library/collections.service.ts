import { sql, type Kysely } from 'kysely'
import type { CollectionDto, CollectionNodeDto } from '../../../src-preload/contract/collections'
import { AppError } from '../common/app-error'
import type { Clock } from '../common/clock'
import type { Database } from '../db/schema'
import { idList, type Db } from './file-dto'
import { subtreeIds } from './file-filters'
import { requireFileIds } from './file-refs'
import { foldCase, normalizeLabel } from './text-labels'

const MAX_NAME = 255
const NAME_RULE = { forbid: '/', reason: 'it separates nested collections, as in "Trips/2024".' }

/** Nestable collections: the tree, its changes, and which files are in which collection. */
export class CollectionsService {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: Clock,
  ) {}

  /** Every collection as a tree, siblings by name, each with its count of files not in the trash. */
  async tree(): Promise<CollectionNodeDto[]> {
    const collections = await this.db.selectFrom('collections').select(['id', 'name', 'parent_id']).execute()
    // All members, less those in the trash: both are index scans, with no per-member row lookup.
    const { rows: all } = await sql<{ id: number; n: number }>`
      SELECT collection_id AS id, count(*) AS n FROM collection_members GROUP BY collection_id`.execute(this.db)
    const { rows: trashed } = await sql<{ id: number; n: number }>`
      SELECT cm.collection_id AS id, count(*) AS n
      FROM files AS f JOIN collection_members AS cm ON cm.file_id = f.id
      WHERE f.trashed_at IS NOT NULL GROUP BY cm.collection_id`.execute(this.db)
    const counts = new Map(all.map((r) => [r.id, r.n]))
    for (const r of trashed) counts.set(r.id, (counts.get(r.id) ?? 0) - r.n)

    const nodes = new Map<number, CollectionNodeDto>()
    for (const c of collections) nodes.set(c.id, { id: c.id, name: c.name, parentId: c.parent_id, fileCount: counts.get(c.id) ?? 0, children: [] })
    const roots: CollectionNodeDto[] = []
    for (const node of nodes.values()) {
      const parent = node.parentId === null ? undefined : nodes.get(node.parentId)
      ;(parent ? parent.children : roots).push(node)
    }
    const sortLevel = (level: CollectionNodeDto[]) => {
      level.sort((a, b) => foldCase(a.name).localeCompare(foldCase(b.name)) || a.id - b.id)
      for (const node of level) sortLevel(node.children)
    }
    sortLevel(roots)
    return roots
  }

  async get(id: number): Promise<CollectionDto> {
    const row = await this.require(this.db, id)
    const path = (await collectionPaths(this.db, [id])).get(id) ?? [row.name]
    return { id: row.id, name: row.name, parentId: row.parent_id, path }
  }

  /** ALREADY_EXISTS when the parent has a collection of that name, ignoring case. */
  async create(rawName: string, parentId: number | null = null): Promise<CollectionDto> {
    const name = normalizeLabel(rawName, 'collection', MAX_NAME, NAME_RULE)
    const id = await this.db.transaction().execute(async (trx) => {
      if (parentId !== null) await this.require(trx, parentId)
      await this.assertFreeName(trx, parentId, name, null)
      const row = await trx.insertInto('collections').values({ name, parent_id: parentId, created_at: this.clock.now() }).returning('id').executeTakeFirstOrThrow()
      return row.id
    })
    return this.get(id)
  }

  async rename(id: number, rawName: string): Promise<CollectionDto> {
    const name = normalizeLabel(rawName, 'collection', MAX_NAME, NAME_RULE)
    await this.db.transaction().execute(async (trx) => {
      const row = await this.require(trx, id)
      await this.assertFreeName(trx, row.parent_id, name, id)
      await trx.updateTable('collections').set({ name }).where('id', '=', id).execute()
    })
    return this.get(id)
  }

  /** Re-parents a collection (null: to the top level). Refuses a move into itself or below itself. */
  async move(id: number, parentId: number | null): Promise<CollectionDto> {
    await this.db.transaction().execute(async (trx) => {
      const row = await this.require(trx, id)
      if (parentId !== null) {
        const parent = await this.require(trx, parentId)
        if (parentId === id) throw new AppError('INVALID_INPUT', `"${row.name}" cannot be moved into itself.`, { id, parentId })
        if ((await subtreeIds(trx, id)).includes(parentId)) {
          throw new AppError('INVALID_INPUT', `"${row.name}" cannot be moved into "${parent.name}", which is inside it.`, { id, parentId })
        }
      }
      await this.assertFreeName(trx, parentId, row.name, id)
      await trx.updateTable('collections').set({ parent_id: parentId }).where('id', '=', id).execute()
    })
    return this.get(id)
  }

  /** Deletes the collection and every collection below it; files stay in the library. */
  async delete(id: number): Promise<{ deleted: number }> {
    return this.db.transaction().execute(async (trx) => {
      await this.require(trx, id)
      const ids = await subtreeIds(trx, id)
      await sql`DELETE FROM collections WHERE id IN ${idList(ids)}`.execute(trx)
      return { deleted: ids.length }
    })
  }

  /** Adds files (all must exist); `added` counts those not already in it. */
  async addFiles(id: number, fileIds: readonly number[]): Promise<{ added: number }> {
    return this.db.transaction().execute(async (trx) => {
      await this.require(trx, id)
      const ids = await requireFileIds(trx, fileIds)
      const result = await sql`
        INSERT OR IGNORE INTO collection_members (collection_id, file_id, added_at)
        SELECT ${id}, value, ${this.clock.now()} FROM json_each(${JSON.stringify(ids)})`.execute(trx)
      return { added: Number(result.numAffectedRows ?? 0) }
    })
  }

  async removeFiles(id: number, fileIds: readonly number[]): Promise<{ removed: number }> {
    return this.db.transaction().execute(async (trx) => {
      await this.require(trx, id)
      const ids = await requireFileIds(trx, fileIds)
      const result = await sql`DELETE FROM collection_members WHERE collection_id = ${id} AND file_id IN ${idList(ids)}`.execute(trx)
      return { removed: Number(result.numAffectedRows ?? 0) }
    })
  }

  private async require(db: Db, id: number) {
    const row = await db.selectFrom('collections').select(['id', 'name', 'parent_id']).where('id', '=', id).executeTakeFirst()
    if (!row) throw new AppError('NOT_FOUND', `There is no collection with id ${id}; it may have been deleted.`, { id })
    return row
  }

  /** Sibling names are unique ignoring case (in every script, not only ASCII as SQLite's NOCASE). */
  private async assertFreeName(db: Db, parentId: number | null, name: string, self: number | null): Promise<void> {
    const { rows } = await sql<{ id: number; name: string }>`
      SELECT id, name FROM collections WHERE ifnull(parent_id, 0) = ${parentId ?? 0}`.execute(db)
    const clash = rows.find((r) => r.id !== self && foldCase(r.name) === foldCase(name))
    if (clash) {
      const where = parentId === null ? 'at the top level' : 'there'
      throw new AppError('ALREADY_EXISTS', `A collection named "${clash.name}" already exists ${where}. Choose another name.`, { id: clash.id })
    }
  }
}

/** For each collection id: the names from the top level down to it. Unknown ids are left out. */
export async function collectionPaths(db: Db, ids: readonly number[]): Promise<Map<number, string[]>> {
  const out = new Map<number, string[]>()
  if (ids.length === 0) return out
  const { rows } = await sql<{ start: number; name: string; depth: number }>`
    WITH RECURSIVE up(start, parent_id, name, depth) AS (
      SELECT id, parent_id, name, 0 FROM collections WHERE id IN ${idList([...new Set(ids)])}
      UNION ALL
      SELECT up.start, c.parent_id, c.name, up.depth + 1 FROM up JOIN collections AS c ON c.id = up.parent_id WHERE up.depth < 10000
    )
    SELECT start, name, depth FROM up ORDER BY start, depth DESC`.execute(db)
  for (const row of rows) {
    const path = out.get(row.start) ?? []
    path.push(row.name)
    out.set(row.start, path)
  }
  return out
}
