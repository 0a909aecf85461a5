import { sql } from 'kysely'
import { collectionPaths } from '../library/collections.service'
import { FILE_DTO_COLUMNS, idList, type Db, type FileDtoRow } from '../library/file-dto'
import type { ExportRecord } from './export-source'

const iso = (ms: number) => new Date(ms).toISOString()

function parseMetadata(json: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(json)
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {}
  } catch {
    return {}
  }
}

export interface ExportFileRow extends FileDtoRow {
  storage: string
}

/** The files rows of these ids (any order; unknown ids left out). */
export async function exportRows(db: Db, ids: readonly number[]): Promise<Map<number, ExportFileRow>> {
  if (ids.length === 0) return new Map()
  const { rows } = await sql<ExportFileRow>`SELECT ${FILE_DTO_COLUMNS}, f.storage FROM files AS f WHERE f.id IN ${idList([...new Set(ids)])}`.execute(db)
  return new Map(rows.map((r) => [r.id, r]))
}

/** The sidecar entries of a batch of files: tags, sources, collections and original names, four queries in all. */
export async function exportRecords(db: Db, rows: readonly ExportFileRow[]): Promise<Map<number, Omit<ExportRecord, 'path'>>> {
  const ids = rows.map((r) => r.id)
  const out = new Map<number, Omit<ExportRecord, 'path'>>()
  if (ids.length === 0) return out
  const tags = await sql<{ file_id: number; name: string }>`
    SELECT ft.file_id, t.name FROM file_tags AS ft JOIN tags AS t ON t.id = ft.tag_id
    WHERE ft.file_id IN ${idList(ids)} ORDER BY t.name COLLATE NOCASE`.execute(db)
  const sources = await sql<{ file_id: number; kind: string; path: string; folder: string | null; original_name: string; available: number; first_seen_at: number; last_seen_at: number }>`
    SELECT s.file_id, s.kind, s.path, w.path AS folder, s.original_name, s.available, s.first_seen_at, s.last_seen_at
    FROM file_sources AS s LEFT JOIN watched_folders AS w ON w.id = s.folder_id
    WHERE s.file_id IN ${idList(ids)} ORDER BY s.id`.execute(db)
  const imported = await sql<{ file_id: number; original_name: string }>`
    SELECT DISTINCT file_id, original_name FROM import_records WHERE file_id IN ${idList(ids)}`.execute(db)
  const members = await sql<{ file_id: number; collection_id: number }>`
    SELECT file_id, collection_id FROM collection_members WHERE file_id IN ${idList(ids)}`.execute(db)
  const paths = await collectionPaths(db, members.rows.map((m) => m.collection_id))

  for (const row of rows) {
    out.set(row.id, {
      sha256: row.sha256, size: row.size, mime: row.mime, kind: row.kind, name: row.name,
      originalNames: [], tags: [], note: row.note, sources: [], collections: [],
      addedAt: iso(row.added_at), modifiedAt: row.modified_at === null ? null : iso(row.modified_at), metadata: parseMetadata(row.metadata_json),
    })
  }
  for (const t of tags.rows) out.get(t.file_id)?.tags.push(t.name)
  for (const s of sources.rows) {
    out.get(s.file_id)?.sources.push({
      kind: s.kind, path: s.path, folder: s.folder, originalName: s.original_name, available: s.available === 1,
      firstSeenAt: iso(s.first_seen_at), lastSeenAt: iso(s.last_seen_at),
    })
  }
  for (const m of members.rows) {
    const path = paths.get(m.collection_id)
    if (path) out.get(m.file_id)?.collections.push(path.join('/'))
  }
  for (const record of out.values()) {
    const names = new Set(record.sources.map((s) => s.originalName))
    record.originalNames = [...names]
    record.collections.sort()
  }
  for (const i of imported.rows) {
    const record = out.get(i.file_id)
    if (record && !record.originalNames.includes(i.original_name)) record.originalNames.push(i.original_name)
  }
  return out
}
