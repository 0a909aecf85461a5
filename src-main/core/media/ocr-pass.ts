import type { Kysely } from 'kysely'
import type { Logger } from '../common/logger'
import type { Database } from '../db/schema'
import type { PreviewMaker } from './makers/preview-maker'
import { locate, storeExtractedText, type PendingRow, type WorkDeps } from './preview-work'

/**
 * The low-priority OCR pass: files whose main preview asked for it (`ocr_state = 'pending'`),
 * newest first, one at a time, once no preview is waiting. The queue decides when.
 */
export async function nextScan(db: Kysely<Database>): Promise<PendingRow | null> {
  return (
    (await db
      .selectFrom('files')
      .select(['id', 'sha256', 'ext', 'mime', 'name', 'storage', 'preview_attempts'])
      .where('ocr_state', '=', 'pending')
      .where('trashed_at', 'is', null)
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirst()) ?? null
  )
}

/** Runs the OCR maker on one file: its text goes to the index as 'ocr'; the row says done or failed. */
export async function readScan(deps: WorkDeps & { logger: Logger }, row: PendingRow, ocr: PreviewMaker, signal: AbortSignal): Promise<void> {
  const { db, logger } = deps
  try {
    const { path, size } = await locate(deps, row)
    const made = await ocr.make({ path, mime: row.mime, size, signal })
    if (signal.aborted) return
    await db.transaction().execute(async (trx) => {
      if (made.text) await storeExtractedText(trx, row.id, 'ocr', made.text.content)
      await trx.updateTable('files').set({ ocr_state: 'done' }).where('id', '=', row.id).execute()
    })
    // No previews:changed: the thumbnail is the same; the words are found by the next search.
  } catch (error) {
    if (signal.aborted) return
    logger.warn('OCR failed', { fileId: row.id, reason: error instanceof Error ? error.message : String(error) })
    await db.updateTable('files').set({ ocr_state: 'failed' }).where('id', '=', row.id).execute().catch(() => undefined)
  }
}
