import { sql, type Kysely } from 'kysely'
import { errnoOf, fromFsError } from '../common/app-error'
import type { FsSeam } from '../common/fs-seam'
import type { Database } from '../db/schema'
import { setExtractedText } from '../library/search-index'
import type { LibraryLayout } from '../library/library-layout'
import type { ObjectStore } from '../store/object-store'
import { inPlacePath } from '../sync/in-place'
import type { MadePreview, PreviewMaker, TextSource } from './makers/preview-maker'
import { PreviewError, thumbnailFromPicture, writeThumbnail } from './thumbnail'

export interface PendingRow {
  id: number
  sha256: string
  ext: string
  mime: string
  name: string
  storage: 'object' | 'in_place'
  preview_attempts: number
}

export interface WorkDeps {
  db: Kysely<Database>
  fs: FsSeam
  store: ObjectStore
  layout: LibraryLayout
}

/** Where the file's bytes are now, and how many: missing and empty files fail before any maker. */
export async function locate(deps: WorkDeps, row: PendingRow): Promise<{ path: string; size: number }> {
  const path = row.storage === 'in_place' ? await inPlacePath(deps.db, deps.fs, row.id) : deps.store.absolutePath(row.sha256, row.ext)
  if (path === null) throw new PreviewError('missing', 'The file lives only in a watched folder that is not reachable now; retry once it is back.')
  let size: number
  try {
    const info = await deps.fs.stat(path)
    if (!info.isFile()) throw Object.assign(new Error('not a file'), { code: 'ENOENT' })
    size = info.size
  } catch (err) {
    if (errnoOf(err) === 'ENOENT' || errnoOf(err) === 'ENOTDIR') {
      throw new PreviewError('missing', 'The original is missing from the library folder, so no preview can be made.', { cause: err })
    }
    throw new PreviewError('failed', `The original could not be read (${errnoOf(err) ?? 'unknown error'}).`, { cause: err })
  }
  if (size === 0) throw new PreviewError('empty', 'The file is empty.')
  return { path, size }
}

/** Runs the maker on one file and turns its picture into the 256 px WebP (nothing written yet). */
export async function make(deps: WorkDeps, row: PendingRow, maker: PreviewMaker, signal: AbortSignal): Promise<{ made: MadePreview; webp: Buffer | null }> {
  const { path, size } = await locate(deps, row)
  const made = await maker.make({ path, mime: row.mime, size, signal })
  if (signal.aborted || !made.thumbnail) return { made, webp: null }
  const webp = made.thumbnailReady ? made.thumbnail : await thumbnailFromPicture(made.thumbnail)
  return { made, webp }
}

/**
 * Records a made preview: the thumbnail first (atomically, in thumbs/), then in one transaction
 * the facts merged into metadata_json, the text into the search index and the state 'done'.
 * Returns false when the file was deleted or requeued meanwhile (its thumbnail taken back).
 */
export async function recordMade(deps: WorkDeps, row: PendingRow, made: MadePreview, webp: Buffer | null, ocrWanted: boolean): Promise<boolean> {
  const { db, fs, layout } = deps
  const thumb = webp
    ? await writeThumbnail(fs, layout, row.sha256, webp).catch((err: unknown) => {
        throw fromFsError(err, 'save the preview in', layout.thumbs)
      })
    : null
  const recorded = await db.transaction().execute(async (trx) => {
    const updated = await trx
      .updateTable('files')
      .set({
        preview_state: 'done',
        preview_error: null,
        preview_attempts: 0,
        ocr_state: made.needsOcr && ocrWanted ? 'pending' : 'none',
        metadata_json: sql<string>`json_patch(metadata_json, ${JSON.stringify(withoutUndefined(made.facts))})`,
      })
      .where('id', '=', row.id)
      .where('preview_state', '=', 'pending')
      .executeTakeFirst()
    if (Number(updated.numUpdatedRows) === 0) return false
    if (made.text) await storeExtractedText(trx, row.id, made.text.source, made.text.content)
    return true
  })
  if (!recorded && thumb) {
    // Deleted while it was being made: take the thumbnail back rather than leave an orphan.
    const still = await db.selectFrom('files').select('id').where('sha256', '=', row.sha256).executeTakeFirst()
    if (!still) await fs.rm(thumb, { force: true })
  }
  return recorded
}

/** The extracted text goes to the search index under its source (document text or OCR). */
export async function storeExtractedText(db: Parameters<typeof setExtractedText>[0], fileId: number, source: TextSource, text: string): Promise<void> {
  await setExtractedText(db, fileId, source, text)
}

function withoutUndefined(facts: object): Record<string, unknown> {
  return Object.fromEntries(Object.entries(facts).filter(([, v]) => v !== undefined && v !== null))
}
