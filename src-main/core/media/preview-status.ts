import type { Kysely } from 'kysely'
import { AppError } from '../common/app-error'
import type { Database, PreviewState } from '../db/schema'

const FAILURES_LISTED = 20

export interface PreviewFailureInfo {
  fileId: number
  sha256: string
  name: string
  reason: string
}

export interface PreviewStatus {
  counts: Record<PreviewState, number>
  /** The most recently added files whose preview failed, newest first. */
  failures: PreviewFailureInfo[]
  running: boolean
  jobId: string | null
}

/** Files by preview state, and the latest failures with their reasons. */
export async function countsAndFailures(db: Kysely<Database>): Promise<Pick<PreviewStatus, 'counts' | 'failures'>> {
  const counts: Record<PreviewState, number> = { pending: 0, done: 0, failed: 0, none: 0 }
  const rows = await db.selectFrom('files').select(['preview_state', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('preview_state').execute()
  for (const row of rows) counts[row.preview_state] = Number(row.n)
  const failures = await db
    .selectFrom('files')
    .select(['id', 'sha256', 'name', 'preview_error'])
    .where('preview_state', '=', 'failed')
    .orderBy('id', 'desc')
    .limit(FAILURES_LISTED)
    .execute()
  return {
    counts,
    failures: failures.map((f) => ({ fileId: f.id, sha256: f.sha256, name: f.name, reason: f.preview_error ?? 'No reason was recorded.' })),
  }
}

/** One file's preview state and, when it failed, why. */
export async function previewStateOf(db: Kysely<Database>, fileId: number): Promise<{ state: PreviewState; reason: string | null }> {
  const row = await db.selectFrom('files').select(['preview_state', 'preview_error']).where('id', '=', fileId).executeTakeFirst()
  if (!row) throw new AppError('NOT_FOUND', `There is no file ${fileId} in this library.`, { fileId })
  return { state: row.preview_state, reason: row.preview_state === 'failed' ? (row.preview_error ?? 'No reason was recorded.') : null }
}
