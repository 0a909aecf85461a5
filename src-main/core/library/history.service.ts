import { sql, type Kysely, type RawBuilder, type Selectable } from 'kysely'
import type { HistoryInput, ImportRecordDto } from '../../../src-preload/contract/history'
import type { Database, ImportRecordRow } from '../db/schema'
import type { SqliteHandle } from '../db/connection'
import { decodeCursor, encodeCursor } from './page-cursor'
import { FOLD_FUNCTION, escapeLike, foldCase, registerTextFunctions } from './text-labels'

/** A row of import_records as read (the table's own row type). */
type RecordRow = Selectable<ImportRecordRow>

const SCOPE = 'history:started:desc'

/** The import history: what every import saw and what became of each file, newest first. */
export class HistoryService {
  constructor(
    private readonly db: Kysely<Database>,
    sqlite: SqliteHandle,
  ) {
    registerTextFunctions(sqlite)
  }

  /** Keyset-paged on (started_at, id), using import_records_by_time or _by_outcome (0002). */
  async list(input: HistoryInput): Promise<{ items: ImportRecordDto[]; nextCursor: string | null }> {
    const conditions: RawBuilder<unknown>[] = [sql`1`]
    if (input.outcome) conditions.push(sql`outcome = ${input.outcome}`)
    if (input.since !== undefined) conditions.push(sql`started_at >= ${input.since}`)
    if (input.until !== undefined) conditions.push(sql`started_at <= ${input.until}`)
    if (input.batchId) conditions.push(sql`batch_id = ${input.batchId}`)
    if (input.name) {
      conditions.push(sql`${sql.raw(FOLD_FUNCTION)}(original_name) LIKE ${`%${escapeLike(foldCase(input.name))}%`} ESCAPE '\\'`)
    }
    if (input.cursor) {
      const [startedAt, id] = decodeCursor(input.cursor, SCOPE, ['number', 'number'])
      conditions.push(sql`started_at <= ${startedAt} AND (started_at, id) < (${startedAt}, ${id})`)
    }
    const { rows } = await sql<RecordRow>`
      SELECT id, batch_id, original_name, original_path, outcome, reason_code, reason_message, size, mime, sha256, file_id, started_at, finished_at
      FROM import_records WHERE ${sql.join(conditions, sql` AND `)}
      ORDER BY started_at DESC, id DESC LIMIT ${input.limit + 1}`.execute(this.db)
    const page = rows.slice(0, input.limit)
    const last = page.at(-1)
    return {
      items: page.map(toDto),
      nextCursor: rows.length > input.limit && last ? encodeCursor(SCOPE, [last.started_at, last.id]) : null,
    }
  }
}

const toDto = (r: RecordRow): ImportRecordDto => ({
  id: r.id,
  batchId: r.batch_id,
  originalName: r.original_name,
  originalPath: r.original_path,
  outcome: r.outcome,
  reasonCode: r.reason_code,
  reasonMessage: r.reason_message,
  size: r.size,
  mime: r.mime,
  sha256: r.sha256,
  fileId: r.file_id,
  startedAt: r.started_at,
  finishedAt: r.finished_at,
})
