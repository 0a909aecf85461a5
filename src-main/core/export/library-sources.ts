import type { Readable } from 'node:stream'
import { sql } from 'kysely'
import { AppError } from '../common/app-error'
import { collectionPaths } from '../library/collections.service'
import type { Db } from '../library/file-dto'
import { locateFile, type FileLocationDeps } from '../library/file-location'
import { requireFileIds } from '../library/file-refs'
import { exportRecords, exportRows } from './export-records'
import type { ExportItem, ExportSource } from './export-source'

const BATCH = 200

export type LibrarySelection = { kind: 'files'; fileIds: number[] } | { kind: 'collection'; id: number } | { kind: 'tag'; id: number }

/** A batch of file ids to write into one folder of the export. */
interface FolderBatch {
  folder: string[]
  ids: number[]
}

/** Items for a batch of ids, in the batch's order; each opens its bytes only when written. */
async function* itemsOf(deps: FileLocationDeps, batch: FolderBatch): AsyncIterable<ExportItem> {
  const rows = await exportRows(deps.db, batch.ids)
  const ordered = batch.ids.flatMap((id) => rows.get(id) ?? [])
  const records = await exportRecords(deps.db, ordered)
  for (const row of ordered) {
    yield {
      folder: batch.folder,
      name: row.name,
      sha256: row.sha256,
      modifiedAt: row.modified_at ?? row.added_at,
      open: async (): Promise<Readable> => {
        const { bytesPath } = await locateFile(deps, row.id)
        const handle = await deps.fs.open(bytesPath, 'r')
        return handle.createReadStream({ highWaterMark: 1 << 20 })
      },
      record: records.get(row.id) ?? null,
    }
  }
}

async function* pages(db: Db, folder: string[], query: (afterId: number) => Promise<number[]>, signal: AbortSignal): AsyncIterable<FolderBatch> {
  let after = 0
  for (;;) {
    signal.throwIfAborted()
    const ids = await query(after)
    if (ids.length === 0) return
    yield { folder, ids }
    after = ids[ids.length - 1]!
    if (ids.length < BATCH) return
  }
}

/** Files of the library as an export source: a selection, a collection (subcollections as subfolders) or a tag. */
export async function librarySource(deps: FileLocationDeps, selection: LibrarySelection): Promise<ExportSource> {
  const { db } = deps
  const fileIds = selection.kind === 'files' ? [...new Set(selection.fileIds)] : []
  const batches = (signal: AbortSignal): AsyncIterable<FolderBatch> => {
    if (selection.kind === 'files') {
      return (async function* () {
        for (let i = 0; i < fileIds.length; i += BATCH) yield { folder: [], ids: fileIds.slice(i, i + BATCH) }
      })()
    }
    if (selection.kind === 'tag') {
      return pages(db, [], async (after) => {
        const { rows } = await sql<{ id: number }>`
          SELECT f.id FROM file_tags AS ft JOIN files AS f ON f.id = ft.file_id
          WHERE ft.tag_id = ${selection.id} AND f.trashed_at IS NULL AND f.id > ${after} ORDER BY f.id LIMIT ${BATCH}`.execute(db)
        return rows.map((r) => r.id)
      }, signal)
    }
    return (async function* () {
      for (const { id, folder } of await collectionTree(db, selection.id)) {
        yield* pages(db, folder, async (after) => {
          const { rows } = await sql<{ id: number }>`
            SELECT f.id FROM collection_members AS m JOIN files AS f ON f.id = m.file_id
            WHERE m.collection_id = ${id} AND f.trashed_at IS NULL AND f.id > ${after} ORDER BY f.id LIMIT ${BATCH}`.execute(db)
          return rows.map((r) => r.id)
        }, signal)
      }
    })()
  }

  let label: string
  let description: Record<string, unknown>
  let count: () => Promise<number>
  if (selection.kind === 'files') {
    await requireFileIds(db, fileIds)
    const n = fileIds.length
    label = 'Trove export'
    description = { kind: 'files', count: n }
    count = async () => n
  } else if (selection.kind === 'tag') {
    const tag = await db.selectFrom('tags').select(['id', 'name']).where('id', '=', selection.id).executeTakeFirst()
    if (!tag) throw new AppError('NOT_FOUND', `There is no tag with id ${selection.id} in this library.`, { id: selection.id })
    label = tag.name
    description = { kind: 'tag', tag: tag.name }
    count = async () => {
      const row = await sql<{ n: number }>`SELECT count(*) AS n FROM file_tags AS ft JOIN files AS f ON f.id = ft.file_id WHERE ft.tag_id = ${tag.id} AND f.trashed_at IS NULL`.execute(db)
      return Number(row.rows[0]?.n ?? 0)
    }
  } else {
    const path = (await collectionPaths(db, [selection.id])).get(selection.id)
    if (!path) throw new AppError('NOT_FOUND', `There is no collection with id ${selection.id} in this library.`, { id: selection.id })
    const rootId = selection.id
    label = path[path.length - 1]!
    description = { kind: 'collection', collection: path.join('/') }
    count = async () => {
      const ids = (await collectionTree(db, rootId)).map((c) => c.id)
      const row = await sql<{ n: number }>`
        SELECT count(*) AS n FROM collection_members AS m JOIN files AS f ON f.id = m.file_id
        WHERE m.collection_id IN (SELECT value FROM json_each(${JSON.stringify(ids)})) AND f.trashed_at IS NULL`.execute(db)
      return Number(row.rows[0]?.n ?? 0)
    }
  }
  return {
    kind: selection.kind,
    label,
    description,
    count,
    items: (signal) =>
      (async function* () {
        for await (const batch of batches(signal)) yield* itemsOf(deps, batch)
      })(),
  }
}

/** The collection and every collection below it, each with its folder path below the export root. */
async function collectionTree(db: Db, rootId: number): Promise<{ id: number; folder: string[] }[]> {
  const { rows } = await sql<{ id: number; parent_id: number | null; name: string; depth: number }>`
    WITH RECURSIVE down(id, parent_id, name, depth) AS (
      SELECT id, parent_id, name, 0 FROM collections WHERE id = ${rootId}
      UNION ALL
      SELECT c.id, c.parent_id, c.name, down.depth + 1 FROM collections AS c JOIN down ON c.parent_id = down.id WHERE down.depth < 10000
    )
    SELECT id, parent_id, name, depth FROM down ORDER BY depth, name COLLATE NOCASE, id`.execute(db)
  const folders = new Map<number, string[]>()
  const out: { id: number; folder: string[] }[] = []
  for (const row of rows) {
    const folder = row.depth === 0 ? [] : [...(folders.get(row.parent_id!) ?? []), row.name]
    folders.set(row.id, folder)
    out.push({ id: row.id, folder })
  }
  return out
}
