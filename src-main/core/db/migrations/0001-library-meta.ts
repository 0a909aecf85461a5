import { sql, type Kysely } from 'kysely'

/** The library's identity and its settings. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('library_meta')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .execute()
  await db.schema
    .createTable('settings')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value_json', 'text', (c) => c.notNull().check(sql`json_valid(value_json)`))
    .addColumn('updated_at', 'text', (c) => c.notNull().defaultTo(sql`(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`))
    .execute()
  await sql`INSERT INTO library_meta (key, value) VALUES
    ('library_id', lower(hex(randomblob(16)))),
    ('created_at', strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`.execute(db)
}
