import { sql, type Kysely } from 'kysely'

/**
 * Text read from a file by OCR is indexed apart from the text the file itself holds, so a
 * search can say where it matched ("in the document text" / "in text read from the image").
 * FTS5 cannot add a column to a table, so `files_fts` is built again with a fifth column, `ocr`,
 * and every entry copied across (name, tags, note and `body`, the file's own text, unchanged).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE VIRTUAL TABLE files_fts_0007 USING fts5(
      name, tags, note, body, ocr,
      tokenize = 'unicode61 remove_diacritics 2',
      prefix = '2 3 4'
    )`.execute(db)
  await sql`INSERT INTO files_fts_0007 (rowid, name, tags, note, body, ocr)
            SELECT rowid, name, tags, note, body, '' FROM files_fts`.execute(db)
  await sql`DROP TABLE files_fts`.execute(db)
  await sql`ALTER TABLE files_fts_0007 RENAME TO files_fts`.execute(db)
}
