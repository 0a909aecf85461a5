import { sql, type Kysely, type Transaction } from 'kysely'
import type { Database } from '../db/schema'

type Db = Kysely<Database> | Transaction<Database>

/**
 * The id of the collection at `names` below `parentId` (null = top level), creating the
 * missing levels. Names match case-insensitively, as the unique index does.
 */
export async function ensureCollectionPath(db: Db, parentId: number | null, names: string[], now: number): Promise<number | null> {
  let current = parentId
  for (const raw of names) {
    const name = raw.normalize('NFC').slice(0, 255)
    const query = db.selectFrom('collections').select('id').where(sql<string>`name COLLATE NOCASE`, '=', name)
    const existing = await (current === null ? query.where('parent_id', 'is', null) : query.where('parent_id', '=', current)).executeTakeFirst()
    if (existing) {
      current = existing.id
      continue
    }
    const created = await db.insertInto('collections').values({ name, parent_id: current, created_at: now }).returning('id').executeTakeFirstOrThrow()
    current = created.id
  }
  return current
}
