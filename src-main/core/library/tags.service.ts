import { sql, type Kysely, type Transaction } from 'kysely'
import type { TagColor, TagDto } from '../../../src-preload/contract/tags'
import { TAG_COLORS } from '../../../src-preload/contract/tags'
import { AppError } from '../common/app-error'
import type { Clock } from '../common/clock'
import type { Database } from '../db/schema'
import { idList, type Db } from './file-dto'
import { requireFileIds } from './file-refs'
import { refreshSearchEntry } from './search-index'
import { foldCase, normalizeLabel } from './text-labels'

const MAX_NAME = 100

/** Which tags a bulk operation is about. */
export interface TagSelection {
  tagIds?: number[]
  names?: string[]
}

interface TagRow {
  id: number
  name: string
  color: string | null
  created_at: number
}

/**
 * Tags and which files carry them. Every change that alters a file's tags rewrites that
 * file's search entry in the same transaction, so search never disagrees with the tags.
 */
export class TagsService {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: Clock,
  ) {}

  /** Every tag, by name (ignoring case). */
  async list(): Promise<TagDto[]> {
    const rows = await this.db.selectFrom('tags').select(['id', 'name', 'color', 'created_at']).execute()
    const dtos = await this.toDtos(rows, null)
    return dtos.sort((a, b) => foldCase(a.name).localeCompare(foldCase(b.name)) || a.id - b.id)
  }

  /** Tags whose name starts with `prefix` ignoring case, most used first (autocomplete). */
  async suggest(prefix: string, limit: number): Promise<TagDto[]> {
    const wanted = foldCase(prefix.trim())
    const rows = (await this.db.selectFrom('tags').select(['id', 'name', 'color', 'created_at']).execute()).filter((r) =>
      foldCase(r.name).startsWith(wanted),
    )
    const dtos = await this.toDtos(rows, rows.map((r) => r.id))
    return dtos.sort((a, b) => b.usage - a.usage || foldCase(a.name).localeCompare(foldCase(b.name))).slice(0, limit)
  }

  async get(id: number): Promise<TagDto> {
    const row = await requireTag(this.db, id)
    const [dto] = await this.toDtos([row], [id])
    return dto!
  }

  /** ALREADY_EXISTS when a tag of that name exists, ignoring case. */
  async create(rawName: string, color: TagColor | null = null): Promise<TagDto> {
    const name = normalizeLabel(rawName, 'tag', MAX_NAME)
    const id = await this.db.transaction().execute(async (trx) => {
      await assertFreeName(trx, name, null)
      return (await this.insert(trx, name, checkColor(color))).id
    })
    return this.get(id)
  }

  /** Renames the tag on every file (a change of case only is allowed). */
  async rename(id: number, rawName: string): Promise<TagDto> {
    const name = normalizeLabel(rawName, 'tag', MAX_NAME)
    await this.db.transaction().execute(async (trx) => {
      await requireTag(trx, id)
      await assertFreeName(trx, name, id)
      await trx.updateTable('tags').set({ name }).where('id', '=', id).execute()
      await refreshFiles(trx, await filesOf(trx, id))
    })
    return this.get(id)
  }

  async recolor(id: number, color: TagColor | null): Promise<TagDto> {
    await requireTag(this.db, id)
    await this.db.updateTable('tags').set({ color: checkColor(color) }).where('id', '=', id).execute()
    return this.get(id)
  }

  /** Moves every file of `sourceId` to `targetId`, then deletes the source, in one transaction. */
  async merge(sourceId: number, targetId: number): Promise<TagDto> {
    if (sourceId === targetId) throw new AppError('INVALID_INPUT', 'A tag cannot be merged into itself: choose another tag to merge into.')
    await this.db.transaction().execute(async (trx) => {
      await requireTag(trx, sourceId)
      await requireTag(trx, targetId)
      const files = await filesOf(trx, sourceId)
      await sql`INSERT OR IGNORE INTO file_tags (file_id, tag_id) SELECT file_id, ${targetId} FROM file_tags WHERE tag_id = ${sourceId}`.execute(trx)
      await trx.deleteFrom('tags').where('id', '=', sourceId).execute()
      await refreshFiles(trx, files)
    })
    return this.get(targetId)
  }

  /** Deletes the tag from every file; the files are otherwise untouched. */
  async delete(id: number): Promise<{ deleted: true; filesAffected: number }> {
    return this.db.transaction().execute(async (trx) => {
      await requireTag(trx, id)
      const files = await filesOf(trx, id)
      await trx.deleteFrom('tags').where('id', '=', id).execute()
      await refreshFiles(trx, files)
      return { deleted: true as const, filesAffected: files.length }
    })
  }

  /**
   * Tags files in bulk. All files must exist; named tags that do not exist are created when
   * `create` is set, refused with NOT_FOUND otherwise. Nothing changes when anything is refused.
   */
  async apply(fileIds: readonly number[], selection: TagSelection, create = false): Promise<{ tags: TagDto[]; added: number; fileIds: number[] }> {
    const { tagIds, added, changed } = await this.db.transaction().execute(async (trx) => {
      const files = await requireFileIds(trx, fileIds)
      const tags = await this.resolve(trx, selection, create)
      const changedFiles = new Set<number>()
      let count = 0
      for (const tagId of tags) {
        const { rows } = await sql<{ id: number }>`
          SELECT value AS id FROM json_each(${JSON.stringify(files)})
          WHERE NOT EXISTS (SELECT 1 FROM file_tags WHERE file_id = value AND tag_id = ${tagId})`.execute(trx)
        if (rows.length === 0) continue
        await sql`INSERT INTO file_tags (file_id, tag_id) SELECT id, ${tagId} FROM (SELECT value AS id FROM json_each(${JSON.stringify(rows.map((r) => r.id))}))`.execute(trx)
        count += rows.length
        for (const r of rows) changedFiles.add(r.id)
      }
      await refreshFiles(trx, [...changedFiles])
      return { tagIds: tags, added: count, changed: [...changedFiles] }
    })
    return { tags: await this.getMany(tagIds), added, fileIds: changed }
  }

  /** Untags files in bulk; named tags must exist (NOT_FOUND otherwise), files too. */
  async remove(fileIds: readonly number[], selection: TagSelection): Promise<{ tags: TagDto[]; removed: number; fileIds: number[] }> {
    const { tagIds, removed, changed } = await this.db.transaction().execute(async (trx) => {
      const files = await requireFileIds(trx, fileIds)
      const tags = await this.resolve(trx, selection, false)
      const { rows } = await sql<{ file_id: number }>`
        SELECT DISTINCT file_id FROM file_tags WHERE file_id IN ${idList(files)} AND tag_id IN ${idList(tags)}`.execute(trx)
      const result = await sql`DELETE FROM file_tags WHERE file_id IN ${idList(files)} AND tag_id IN ${idList(tags)}`.execute(trx)
      const changedFiles = rows.map((r) => r.file_id)
      await refreshFiles(trx, changedFiles)
      return { tagIds: tags, removed: Number(result.numAffectedRows ?? 0), changed: changedFiles }
    })
    return { tags: await this.getMany(tagIds), removed, fileIds: changed }
  }

  /** Tag ids for a selection: ids must exist; names match ignoring case, created when asked. */
  private async resolve(trx: Transaction<Database>, selection: TagSelection, create: boolean): Promise<number[]> {
    const out = new Set<number>()
    for (const id of selection.tagIds ?? []) out.add((await requireTag(trx, id)).id)
    if (selection.names?.length) {
      const byName = new Map((await trx.selectFrom('tags').select(['id', 'name']).execute()).map((t) => [foldCase(t.name), t.id]))
      for (const raw of selection.names) {
        const name = normalizeLabel(raw, 'tag', MAX_NAME)
        let id = byName.get(foldCase(name))
        if (id === undefined) {
          if (!create) throw new AppError('NOT_FOUND', `There is no tag named "${name}".`, { name })
          id = (await this.insert(trx, name, null)).id
          byName.set(foldCase(name), id)
        }
        out.add(id)
      }
    }
    return [...out]
  }

  private insert(trx: Transaction<Database>, name: string, color: TagColor | null) {
    return trx.insertInto('tags').values({ name, color, created_at: this.clock.now() }).returning('id').executeTakeFirstOrThrow()
  }

  private async getMany(ids: number[]): Promise<TagDto[]> {
    if (ids.length === 0) return []
    const rows = await this.db.selectFrom('tags').select(['id', 'name', 'color', 'created_at']).where('id', 'in', ids).execute()
    const dtos = await this.toDtos(rows, ids)
    return ids.flatMap((id) => dtos.filter((d) => d.id === id))
  }

  /** Usage = files carrying the tag, less those in the trash (two index scans, no per-link lookups). */
  private async toDtos(rows: TagRow[], only: number[] | null): Promise<TagDto[]> {
    if (rows.length === 0) return []
    const filter = only ? sql`WHERE tag_id IN ${idList(only)}` : sql``
    const { rows: all } = await sql<{ id: number; n: number }>`SELECT tag_id AS id, count(*) AS n FROM file_tags ${filter} GROUP BY tag_id`.execute(this.db)
    const trashedFilter = only ? sql`AND ft.tag_id IN ${idList(only)}` : sql``
    const { rows: trashed } = await sql<{ id: number; n: number }>`
      SELECT ft.tag_id AS id, count(*) AS n FROM files AS f JOIN file_tags AS ft ON ft.file_id = f.id
      WHERE f.trashed_at IS NOT NULL ${trashedFilter} GROUP BY ft.tag_id`.execute(this.db)
    const usage = new Map(all.map((r) => [r.id, r.n]))
    for (const r of trashed) usage.set(r.id, (usage.get(r.id) ?? 0) - r.n)
    return rows.map((r) => ({ id: r.id, name: r.name, color: r.color as TagColor | null, usage: usage.get(r.id) ?? 0, createdAt: r.created_at }))
  }
}

async function requireTag(db: Db, id: number): Promise<TagRow> {
  const row = await db.selectFrom('tags').select(['id', 'name', 'color', 'created_at']).where('id', '=', id).executeTakeFirst()
  if (!row) throw new AppError('NOT_FOUND', `There is no tag with id ${id}; it may have been deleted or merged.`, { id })
  return row
}

/** Names are unique ignoring case in every script (SQLite's NOCASE folds only ASCII). */
async function assertFreeName(db: Db, name: string, self: number | null): Promise<void> {
  const folded = foldCase(name)
  const clash = (await db.selectFrom('tags').select(['id', 'name']).execute()).find((t) => t.id !== self && foldCase(t.name) === folded)
  if (clash) throw new AppError('ALREADY_EXISTS', `A tag named "${clash.name}" already exists. Use it, or merge the two.`, { id: clash.id })
}

function checkColor(color: TagColor | null): TagColor | null {
  if (color !== null && !(TAG_COLORS as readonly string[]).includes(color)) {
    throw new AppError('INVALID_INPUT', `"${color}" is not a tag colour. Choose one of: ${TAG_COLORS.join(', ')}.`)
  }
  return color
}

async function filesOf(db: Db, tagId: number): Promise<number[]> {
  const rows = await db.selectFrom('file_tags').select('file_id').where('tag_id', '=', tagId).execute()
  return rows.map((r) => r.file_id)
}

async function refreshFiles(trx: Transaction<Database>, fileIds: readonly number[]): Promise<void> {
  for (const id of fileIds) await refreshSearchEntry(trx, id)
}
