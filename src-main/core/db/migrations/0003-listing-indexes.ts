import { sql, type Kysely } from 'kysely'

/**
 * Keyset listing filtered by kind and sorted by name or by size walks one index in order,
 * as listing by kind and date already does with `files_by_kind` (0002). Without these, a
 * rare kind sorted by name would walk the whole name index and look up every row.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE INDEX files_by_kind_name ON files (trashed_at, kind, name COLLATE NOCASE, id)`.execute(db)
  await sql`CREATE INDEX files_by_kind_size ON files (trashed_at, kind, size, id)`.execute(db)
}
