import { sql, type Kysely, type Transaction } from 'kysely'
import type { FileDto } from '../../../src-preload/contract/files'
import type { TagColor, TagRefDto } from '../../../src-preload/contract/tags'
import type { Database, FileKind, PreviewState } from '../db/schema'

export type Db = Kysely<Database> | Transaction<Database>

/** The `files` columns a FileDto is made of, selected from `files AS f`. */
export interface FileDtoRow {
  id: number
  sha256: string
  name: string
  kind: FileKind
  mime: string
  ext: string
  size: number
  added_at: number
  modified_at: number | null
  note: string
  stored: number
  trashed_at: number | null
  preview_state: PreviewState
  metadata_json: string
}

export const FILE_DTO_COLUMNS = sql.raw(
  'f.id, f.sha256, f.name, f.kind, f.mime, f.ext, f.size, f.added_at, f.modified_at, f.note, f.stored, f.trashed_at, f.preview_state, f.metadata_json',
)

/** Passes a list of ids as one JSON parameter: `id IN (SELECT value FROM json_each(?))`. */
export const idList = (ids: readonly number[]) => sql`(SELECT value FROM json_each(${JSON.stringify(ids)}))`

/** Rows to DTOs, in the same order, with each file's tags (one query for all of them). */
export async function toFileDtos(db: Db, rows: FileDtoRow[]): Promise<FileDto[]> {
  if (rows.length === 0) return []
  const tags = await tagsOfFiles(db, rows.map((r) => r.id))
  return rows.map((row) => ({
    id: row.id,
    sha256: row.sha256,
    name: row.name,
    kind: row.kind,
    mime: row.mime,
    ext: row.ext,
    size: row.size,
    addedAt: row.added_at,
    modifiedAt: row.modified_at,
    note: row.note,
    tags: tags.get(row.id) ?? [],
    stored: row.stored === 1,
    trashedAt: row.trashed_at,
    previewState: row.preview_state,
    metadata: parseMetadata(row.metadata_json),
  }))
}

/** The DTOs of these files, in this order (ids not found are left out). */
export async function fileDtosByIds(db: Db, ids: readonly number[]): Promise<FileDto[]> {
  if (ids.length === 0) return []
  const { rows } = await sql<FileDtoRow>`SELECT ${FILE_DTO_COLUMNS} FROM files AS f WHERE f.id IN ${idList(ids)}`.execute(db)
  const byId = new Map(rows.map((r) => [r.id, r]))
  return toFileDtos(db, ids.flatMap((id) => byId.get(id) ?? []))
}

export async function fileDtoById(db: Db, id: number): Promise<FileDto | null> {
  const { rows } = await sql<FileDtoRow>`SELECT ${FILE_DTO_COLUMNS} FROM files AS f WHERE f.id = ${id}`.execute(db)
  const [dto] = await toFileDtos(db, rows)
  return dto ?? null
}

async function tagsOfFiles(db: Db, fileIds: number[]): Promise<Map<number, TagRefDto[]>> {
  const { rows } = await sql<{ file_id: number; id: number; name: string; color: string | null }>`
    SELECT ft.file_id, t.id, t.name, t.color
    FROM file_tags AS ft JOIN tags AS t ON t.id = ft.tag_id
    WHERE ft.file_id IN ${idList(fileIds)}
    ORDER BY t.name COLLATE NOCASE, t.id`.execute(db)
  const out = new Map<number, TagRefDto[]>()
  for (const row of rows) {
    const list = out.get(row.file_id) ?? []
    list.push({ id: row.id, name: row.name, color: row.color as TagColor | null })
    out.set(row.file_id, list)
  }
  return out
}

function parseMetadata(json: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(json)
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {}
  } catch {
    return {}
  }
}
