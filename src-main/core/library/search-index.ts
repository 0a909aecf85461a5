import { sql, type Kysely, type Transaction } from 'kysely'
import type { Database } from '../db/schema'

type Db = Kysely<Database> | Transaction<Database>

/** Most text kept in the index per file and per source: enough to find a document, bounded in size. */
export const MAX_INDEXED_BODY_CHARS = 1_000_000

/**
 * Where a file's extracted text came from, and the `files_fts` column holding it: `document` is
 * the text the file itself holds (a text file, a PDF's text layer) in `body`; `ocr` is text read
 * from its images or scanned pages, in `ocr` (0007). Kept apart so a search says which matched.
 */
export type ExtractedTextSource = 'document' | 'ocr'

/**
 * Rewrites one file's entry in `files_fts` from its current name, note and tags. `body` (the
 * text inside the file) replaces the indexed text when given, and is kept as it was otherwise;
 * OCR text is always kept. Call it inside the same transaction as the change it reflects.
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
  const before = (await sql<{ body: string | null; ocr: string | null }>`SELECT body, ocr FROM files_fts WHERE rowid = ${fileId}`.execute(db)).rows[0]
  const text = body === undefined ? (before?.body ?? '') : capText(body)
  await removeSearchEntry(db, fileId)
  await sql`INSERT INTO files_fts (rowid, name, tags, note, body, ocr)
            VALUES (${fileId}, ${file.name}, ${tags.map((t) => t.name).join(' ')}, ${file.note}, ${text}, ${before?.ocr ?? ''})`.execute(db)
}

/**
 * Puts the text extracted from a file into the index under its source, replacing what that
 * source held before (an empty text clears it); the other source's text is kept. Text beyond
 * MAX_INDEXED_BODY_CHARS is dropped. Returns false when the file is gone (nothing written).
 */
export async function setExtractedText(db: Db, fileId: number, source: ExtractedTextSource, text: string): Promise<boolean> {
  const exists = await sql<{ one: number }>`SELECT 1 AS one FROM files_fts WHERE rowid = ${fileId}`.execute(db)
  if (exists.rows.length === 0) {
    const file = await db.selectFrom('files').select('id').where('id', '=', fileId).executeTakeFirst()
    if (!file) return false
    await refreshSearchEntry(db, fileId)
  }
  const capped = capText(text)
  if (source === 'document') await sql`UPDATE files_fts SET body = ${capped} WHERE rowid = ${fileId}`.execute(db)
  else await sql`UPDATE files_fts SET ocr = ${capped} WHERE rowid = ${fileId}`.execute(db)
  return true
}

/** The extracted text of one file by source ('' when there is none), for the detail panel. */
export async function extractedText(db: Db, fileId: number, maxChars: number): Promise<Record<ExtractedTextSource, { text: string; length: number }>> {
  const row = (
    await sql<{ body: string | null; ocr: string | null; bodyLength: number | null; ocrLength: number | null }>`
      SELECT substr(body, 1, ${maxChars}) AS body, substr(ocr, 1, ${maxChars}) AS ocr,
             length(body) AS bodyLength, length(ocr) AS ocrLength
      FROM files_fts WHERE rowid = ${fileId}`.execute(db)
  ).rows[0]
  return {
    document: { text: row?.body ?? '', length: row?.bodyLength ?? 0 },
    ocr: { text: row?.ocr ?? '', length: row?.ocrLength ?? 0 },
  }
}

export async function removeSearchEntry(db: Db, fileId: number): Promise<void> {
  await sql`DELETE FROM files_fts WHERE rowid = ${fileId}`.execute(db)
}

/** Cuts a text to the index's limit without splitting a surrogate pair. */
function capText(text: string): string {
  if (text.length <= MAX_INDEXED_BODY_CHARS) return text
  const end = /[\uD800-\uDBFF]/.test(text[MAX_INDEXED_BODY_CHARS - 1]!) ? MAX_INDEXED_BODY_CHARS - 1 : MAX_INDEXED_BODY_CHARS
  return text.slice(0, end)
}
