import { sql, type Kysely } from 'kysely'

/**
 * The preview pipeline for every kind of file: how many times a file's preview was attempted
 * (a file that crashes its maker is not retried forever), and a second, low-priority pass
 * for scans (`ocr_state`: 'none' when no OCR is wanted, 'pending' until the OCR maker ran).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE files ADD COLUMN preview_attempts INTEGER NOT NULL DEFAULT 0 CHECK (preview_attempts >= 0)`.execute(db)
  await sql`ALTER TABLE files ADD COLUMN ocr_state TEXT NOT NULL DEFAULT 'none' CHECK (ocr_state IN ('none','pending','done','failed'))`.execute(db)
  await sql`CREATE INDEX files_ocr_pending ON files (ocr_state) WHERE ocr_state = 'pending'`.execute(db)
}
