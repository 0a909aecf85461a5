import { sql, type Kysely, type Transaction } from 'kysely'
import type { Database } from '../db/schema'

type Db = Kysely<Database> | Transaction<Database>

/** Most text kept in the index per file: enough to find a document, bounded in size. */
export const MAX_INDEXED_BODY_CHARS = 1_000_000

/**
 * Rewrites one file's entry in `files_fts` from its current name, note and tags. `body` (the
 * text inside the file) replaces the indexed text when given, and is kept as it was otherwise.
 * Call it inside the same transaction as the change it reflects.
 */
export async function refreshSearchEntry(db: Db, fileId: number, body?: string): Promise<void> {
  const file = await db.selectFrom('files').select(['name', 'note']).where('id', '=', fileId).executeTakeFirst()
  if (!file) {
    await removeSearchEntry(db, fileId)
    return
  }
  const tags = await db
    .selectFrom('file_tags')
    .innerJoin('tags', 'tags.id', 'file_tags.tag_id')
    .select('tags.name')
    .where('file_tags.file_id', '=', fileId)
    .execute()
  const previous =
    body === undefined
      ? ((await sql<{ body: string }>`SELECT body FROM files_fts WHERE rowid = ${fileId}`.execute(db)).rows[0]?.body ?? '')
      : body.slice(0, MAX_INDEXED_BODY_CHARS)
  await removeSearchEntry(db, fileId)
  await sql`INSERT INTO files_fts (rowid, name, tags, note, body)
            VALUES (${fileId}, ${file.name}, ${tags.map((t) => t.name).join(' ')}, ${file.note}, ${previous})`.execute(db)
}

export async function removeSearchEntry(db: Db, fileId: number): Promise<void> {
  await sql`DELETE FROM files_fts WHERE rowid = ${fileId}`.execute(db)
}
