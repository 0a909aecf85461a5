import type { Kysely, Selectable } from 'kysely'
import type { FolderStatusDto, SyncIssueDto, SyncOperationDto, WatchedFolderDto } from '../../../src-preload/contract/sync'
import type { Database, SyncOperationRow, SyncOperationType, WatchedFolderRow } from '../db/schema'
import type { RunTally } from './reconciler'

export type FolderRow = Selectable<WatchedFolderRow>

/** How a folder is doing in this process, beyond what its row says. */
export interface FolderLiveState {
  status: FolderStatusDto
  progress: WatchedFolderDto['progress']
  lastError: string | null
  pollingReason: string | null
}

export const parseIgnore = (json: string): string[] => {
  try {
    const value: unknown = JSON.parse(json)
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []
  } catch {
    return []
  }
}

export async function folderRows(db: Kysely<Database>, id?: number): Promise<FolderRow[]> {
  let query = db.selectFrom('watched_folders').selectAll().orderBy('id')
  if (id !== undefined) query = query.where('id', '=', id)
  return query.execute()
}

/** Folders with their counts, as the contract shows them. */
export async function folderDtos(db: Kysely<Database>, rows: FolderRow[], live: (row: FolderRow) => FolderLiveState): Promise<WatchedFolderDto[]> {
  if (rows.length === 0) return []
  const counts = await db
    .selectFrom('file_records')
    .select((eb) => [
      'folder_id',
      eb.fn.countAll<number>().as('files'),
      eb.fn.count<number>('file_id').distinct().as('entries'),
      eb.fn.coalesce(eb.fn.sum<number>('size'), eb.lit(0)).as('bytes'),
    ])
    .where('folder_id', 'in', rows.map((r) => r.id))
    .groupBy('folder_id')
    .execute()
  const byFolder = new Map(counts.map((c) => [c.folder_id, c]))
  return rows.map((row) => {
    const c = byFolder.get(row.id)
    const state = live(row)
    return {
      id: row.id, path: row.path, mode: row.mode, ignore: parseIgnore(row.ignore_json), enabled: row.enabled === 1,
      intervalMs: row.interval_ms, createdAt: row.created_at, lastScanAt: row.last_scan_at, nextScanAt: row.next_scan_at,
      status: state.status, progress: state.progress, lastError: state.lastError, pollingReason: state.pollingReason,
      counts: { files: Number(c?.files ?? 0), entries: Number(c?.entries ?? 0), bytes: Number(c?.bytes ?? 0) },
    }
  })
}

export async function history(db: Kysely<Database>, folderId: number | undefined, limit: number): Promise<SyncOperationDto[]> {
  let query = db.selectFrom('sync_operations').selectAll().orderBy('started_at', 'desc').orderBy('id', 'desc').limit(limit)
  if (folderId !== undefined) query = query.where('folder_id', '=', folderId)
  return (await query.execute()).map(operationDto)
}

export async function operation(db: Kysely<Database>, id: number): Promise<SyncOperationDto> {
  return operationDto(await db.selectFrom('sync_operations').selectAll().where('id', '=', id).executeTakeFirstOrThrow())
}

export function operationDto(row: Selectable<SyncOperationRow>): SyncOperationDto {
  let errors: SyncIssueDto[] = []
  try {
    errors = JSON.parse(row.errors_json) as SyncIssueDto[]
  } catch {
    errors = []
  }
  return {
    id: row.id, folderId: row.folder_id, folderPath: row.folder_path, type: row.type, status: row.status,
    filesScanned: row.files_scanned, filesAdded: row.files_added, filesUpdated: row.files_updated, filesRemoved: row.files_removed,
    filesHashed: row.files_hashed, bytesHashed: row.bytes_hashed, errors, startedAt: row.started_at, finishedAt: row.finished_at,
    durationMs: row.duration_ms, error: row.error,
  }
}

export async function startOperation(db: Kysely<Database>, folder: FolderRow, type: SyncOperationType, startedAt: number): Promise<number> {
  const row = await db
    .insertInto('sync_operations')
    .values({ folder_id: folder.id, folder_path: folder.path, type, started_at: startedAt })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

/** Writes a run's counts and outcome (an error makes it `failed`). */
export async function finishOperation(db: Kysely<Database>, id: number, tally: RunTally | null, startedAt: number, finishedAt: number, error: string | null): Promise<void> {
  await db
    .updateTable('sync_operations')
    .set({
      files_scanned: tally?.scanned ?? 0, files_added: tally?.added ?? 0, files_updated: tally?.updated ?? 0, files_removed: tally?.removed ?? 0,
      files_hashed: tally?.hashed ?? 0, bytes_hashed: tally?.bytesHashed ?? 0, errors_json: JSON.stringify(issuesOf(tally)),
      status: error ? 'failed' : 'completed', finished_at: finishedAt, duration_ms: finishedAt - startedAt, error,
    })
    .where('id', '=', id)
    .execute()
}

/** A realtime batch: one finished row written at once. */
export async function recordBatch(db: Kysely<Database>, folder: FolderRow, tally: RunTally, startedAt: number, finishedAt: number): Promise<number> {
  const id = await startOperation(db, folder, 'realtime', startedAt)
  await finishOperation(db, id, tally, startedAt, finishedAt, null)
  return id
}

function issuesOf(tally: RunTally | null): SyncIssueDto[] {
  if (!tally) return []
  const listed: SyncIssueDto[] = [...tally.issues]
  if (tally.issueCount > listed.length) listed.push({ path: '', code: 'MORE', message: `${tally.issueCount - listed.length} more problems were not listed.` })
  return listed
}

/** Operations left `running` by a process that stopped: marked failed at the next start. */
export async function failInterrupted(db: Kysely<Database>, now: number): Promise<void> {
  await db
    .updateTable('sync_operations')
    .set({ status: 'failed', finished_at: now, error: 'Interrupted: Trove stopped before this run finished.' })
    .where('status', '=', 'running')
    .execute()
}
