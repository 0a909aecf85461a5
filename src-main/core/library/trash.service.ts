import { sql, type Kysely, type RawBuilder } from 'kysely'
import type { PurgeResultDto } from '../../../src-preload/contract/files'
import { AppError } from '../common/app-error'
import type { Clock } from '../common/clock'
import type { KeyedMutex } from '../common/keyed-mutex'
import type { Logger } from '../common/logger'
import type { Database } from '../db/schema'
import type { ObjectStore } from '../store/object-store'
import { idList } from './file-dto'
import { requireFileIds } from './file-refs'
import { readLibrarySettings } from './library-settings'
import { removeSearchEntry } from './search-index'

const DAY_MS = 24 * 60 * 60 * 1000
/** Files purged per transaction (and per set of content locks held at once). */
const PURGE_CHUNK = 200

export interface TrashDeps {
  db: Kysely<Database>
  store: ObjectStore
  /** The import pipeline's per-content locks: a purge and an import of the same bytes never overlap. */
  locks: KeyedMutex
  clock: Clock
  logger: Logger
}

/**
 * The trash: files in it keep everything (tags, collections, sources) until they are restored
 * or purged. Purging deletes the rows first and the object after, as the design's write order
 * says: a crash in between leaves an object without a row (swept later), never a row without
 * its object.
 */
export class TrashService {
  constructor(private readonly deps: TrashDeps) {}

  /** `trashed` counts the files that were not in the trash already. Unknown ids: NOT_FOUND, nothing changes. */
  async trash(fileIds: readonly number[]): Promise<{ trashed: number }> {
    const { db, clock } = this.deps
    return db.transaction().execute(async (trx) => {
      const ids = await requireFileIds(trx, fileIds)
      const result = await sql`UPDATE files SET trashed_at = ${clock.now()} WHERE id IN ${idList(ids)} AND trashed_at IS NULL`.execute(trx)
      return { trashed: Number(result.numAffectedRows ?? 0) }
    })
  }

  /** `restored` counts the files that were in the trash. */
  async restore(fileIds: readonly number[]): Promise<{ restored: number }> {
    return this.deps.db.transaction().execute(async (trx) => {
      const ids = await requireFileIds(trx, fileIds)
      const result = await sql`UPDATE files SET trashed_at = NULL WHERE id IN ${idList(ids)} AND trashed_at IS NOT NULL`.execute(trx)
      return { restored: Number(result.numAffectedRows ?? 0) }
    })
  }

  /** Purges everything in the trash, or (with `olderThanDays`) what was trashed longer ago than that. */
  async empty(olderThanDays?: number): Promise<PurgeResultDto & { fileIds: number[] }> {
    if (olderThanDays === undefined) return this.purge(sql`trashed_at IS NOT NULL`)
    return this.purge(sql`trashed_at IS NOT NULL AND trashed_at < ${this.deps.clock.now() - olderThanDays * DAY_MS}`)
  }

  /**
   * Purges chosen files, which must all be in the trash: unknown ids are NOT_FOUND, files not in
   * the trash INVALID_INPUT, and nothing is deleted when anything is refused.
   */
  async purgeFiles(fileIds: readonly number[]): Promise<PurgeResultDto & { fileIds: number[] }> {
    const { db } = this.deps
    const ids = await requireFileIds(db, fileIds)
    const { rows: live } = await sql<{ name: string }>`SELECT name FROM files WHERE id IN ${idList(ids)} AND trashed_at IS NULL LIMIT 3`.execute(db)
    if (live.length > 0) {
      throw new AppError('INVALID_INPUT', `Only files in the trash can be deleted for good, and "${live[0]!.name}" is not in it: move it to the trash first. Nothing was deleted.`)
    }
    return this.purge(sql`trashed_at IS NOT NULL AND id IN ${idList(ids)}`)
  }

  /** Purges what has been in the trash longer than the library's `trashRetentionDays`: for start-up. */
  async purgeExpired(): Promise<PurgeResultDto & { fileIds: number[] }> {
    const { trashRetentionDays } = await readLibrarySettings(this.deps.db)
    return this.empty(trashRetentionDays)
  }

  /** Purges the files for which `due` holds (checked again for each chunk, under its locks). */
  private async purge(due: RawBuilder<unknown>): Promise<PurgeResultDto & { fileIds: number[] }> {
    const { db } = this.deps
    const { rows: candidates } = await sql<{ id: number; sha256: string }>`SELECT id, sha256 FROM files WHERE ${due} ORDER BY id`.execute(db)
    const total: PurgeResultDto & { fileIds: number[] } = { purged: 0, bytes: 0, objectsRemoved: 0, objectErrors: 0, fileIds: [] }
    for (let i = 0; i < candidates.length; i += PURGE_CHUNK) {
      const chunk = candidates.slice(i, i + PURGE_CHUNK)
      await withLocks(this.deps.locks, chunk.map((c) => c.sha256), () => this.purgeChunk(chunk.map((c) => c.id), due, total))
    }
    if (total.purged > 0) this.deps.logger.info('trash purged', { purged: total.purged, bytes: total.bytes, objectErrors: total.objectErrors })
    return total
  }

  /** Under the content locks of the chunk: delete the rows (re-checking they are still due), then the objects. */
  private async purgeChunk(ids: number[], due: RawBuilder<unknown>, total: PurgeResultDto & { fileIds: number[] }): Promise<void> {
    const { db, store, logger } = this.deps
    const deleted = await db.transaction().execute(async (trx) => {
      const { rows } = await sql<{ id: number; sha256: string; ext: string; size: number }>`
        DELETE FROM files WHERE id IN ${idList(ids)} AND ${due} RETURNING id, sha256, ext, size`.execute(trx)
      for (const row of rows) await removeSearchEntry(trx, row.id)
      return rows
    })
    for (const row of deleted) {
      total.purged++
      total.bytes += row.size
      total.fileIds.push(row.id)
      // Same content = same row (sha256 is unique), so another row here means it came back since.
      const still = await db.selectFrom('files').select('id').where('sha256', '=', row.sha256).executeTakeFirst()
      if (still) continue
      try {
        if (!(await store.exists(row.sha256, row.ext))) continue
        await store.remove(row.sha256, row.ext)
        total.objectsRemoved++
      } catch (error) {
        total.objectErrors++
        logger.warn('could not delete a purged object; it will be swept later', { sha256: row.sha256, error })
      }
    }
  }
}

/** Runs `task` holding the lock of every key (taken in sorted order, so two callers cannot deadlock). */
function withLocks<T>(locks: KeyedMutex, keys: string[], task: () => Promise<T>): Promise<T> {
  const sorted = [...new Set(keys)].sort()
  const take = (i: number): Promise<T> => (i === sorted.length ? task() : locks.run(sorted[i]!, () => take(i + 1)))
  return take(0)
}
