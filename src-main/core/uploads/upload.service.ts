import { randomUUID } from 'node:crypto'
import type { Selectable } from 'kysely'
import {
  UPLOAD_CHUNK_BYTES,
  UPLOAD_EXPIRY_MS,
  type UploadDto,
  type UploadOutcomeDto,
  type UploadProgressDto,
} from '../../../src-preload/contract/uploads'
import { AppError, fromFsError } from '../common/app-error'
import { KeyedMutex } from '../common/keyed-mutex'
import type { ImportOutcome, UploadRow } from '../db/schema'
import { ingestFile, type IngestContext } from '../ingest/ingest-file'
import { isUploadId, UploadStaging } from './upload-staging'

type Row = Selectable<UploadRow>

/** A staging file with no row is only removed once it is this old (a begin may be under way). */
const ORPHAN_GRACE_MS = 60 * 60 * 1000
/** `begin` sweeps expired uploads when the last sweep is older than this. */
const SWEEP_EVERY_MS = 60 * 60 * 1000

export interface UploadSweepReport {
  /** Uploads dropped because no chunk came for UPLOAD_EXPIRY_MS. */
  expired: number
  /** Staging files (or stray entries) in uploads/ that no upload owned. */
  orphanFiles: number
  /** Upload rows whose staging file was gone. */
  orphanRows: number
}

/**
 * Resumable chunked uploads for content without a path. Bytes are appended strictly in order
 * to `uploads/<id>.part` and fsynced before `received` advances in the row, so an offset the
 * client was told about survives a crash; `finish` feeds the staged file to the import
 * pipeline. Calls on one upload run one at a time.
 */
export class UploadService {
  private readonly staging: UploadStaging
  private readonly locks = new KeyedMutex()
  /** Uploads with a call running or waiting: live by definition, so the sweep leaves them be. */
  private readonly busy = new Map<string, number>()
  private lastSweepAt = Number.NEGATIVE_INFINITY

  constructor(
    private readonly ctx: IngestContext,
    uploadsDir: string,
  ) {
    this.staging = new UploadStaging(ctx.fs, uploadsDir)
  }

  async begin(input: { name: string; size?: number | null; batchId?: string }): Promise<UploadDto> {
    const name = input.name.trim() || 'untitled'
    const size = input.size ?? null
    const batchId = input.batchId ?? randomUUID()
    if (size !== null && size > this.ctx.maxFileBytes) {
      const error = new AppError('TOO_LARGE', `${name} is ${size} bytes, over the library's limit of ${this.ctx.maxFileBytes} bytes.`, { limit: this.ctx.maxFileBytes })
      await this.record({ name, batch_id: batchId }, 'rejected', error, size)
      throw error
    }
    if (this.ctx.clock.now() - this.lastSweepAt > SWEEP_EVERY_MS) {
      await this.sweepExpired().catch((error: unknown) => this.ctx.logger.warn('upload sweep failed', { error }))
    }
    const uploadId = randomUUID()
    return this.exclusive(uploadId, async () => {
      // The file first, then the row: a row always has its file, even after a crash.
      await this.staging.create(uploadId).catch((err: unknown) => {
        throw fromFsError(err, 'create the upload in', this.staging.dir)
      })
      const now = this.ctx.clock.now()
      const row: Row = { id: uploadId, name, expected_size: size, received: 0, batch_id: batchId, created_at: now, updated_at: now, expires_at: now + UPLOAD_EXPIRY_MS }
      try {
        await this.ctx.db.insertInto('uploads').values(row).execute()
      } catch (err) {
        await this.staging.remove(uploadId).catch(() => undefined)
        throw err
      }
      return this.toDto(row, 0)
    })
  }

  async append(uploadId: string, offset: number, bytes: Uint8Array): Promise<UploadProgressDto> {
    if (bytes.byteLength > UPLOAD_CHUNK_BYTES) {
      throw new AppError('TOO_LARGE', `A chunk may hold at most ${UPLOAD_CHUNK_BYTES} bytes (1 MiB); this one has ${bytes.byteLength}. Send it in smaller chunks.`, { limit: UPLOAD_CHUNK_BYTES })
    }
    return this.exclusive(uploadId, async () => {
      const row = await this.live(uploadId)
      const received = await this.reconcile(row)
      if (offset !== received) {
        throw new AppError('INVALID_INPUT', `This upload expects the chunk at offset ${received}, not ${offset}. Continue from offset ${received}.`, { expectedOffset: received })
      }
      const total = received + bytes.byteLength
      if (row.expected_size !== null && total > row.expected_size) {
        throw new AppError('INVALID_INPUT', `This chunk would take the upload to ${total} bytes, past the ${row.expected_size} bytes declared at its start.`, { expectedOffset: received, size: row.expected_size })
      }
      if (total > this.ctx.maxFileBytes) {
        const error = new AppError('TOO_LARGE', `${row.name} is larger than the library's limit of ${this.ctx.maxFileBytes} bytes: the upload was stopped and nothing was kept.`, { limit: this.ctx.maxFileBytes })
        await this.end(row, { outcome: 'rejected', error, size: total })
        throw error
      }
      if (bytes.byteLength > 0) {
        await this.staging.writeAt(uploadId, offset, bytes).catch((err: unknown) => {
          throw fromFsError(err, 'write the upload to', this.staging.dir)
        })
      }
      // Only now, with the bytes fsynced, is the offset acknowledged.
      const now = this.ctx.clock.now()
      const expiresAt = now + UPLOAD_EXPIRY_MS
      const updated = await this.ctx.db
        .updateTable('uploads')
        .set({ received: total, updated_at: now, expires_at: expiresAt })
        .where('id', '=', uploadId)
        .where('received', '=', received)
        .executeTakeFirst()
      if (Number(updated.numUpdatedRows) !== 1) throw new Error(`upload ${uploadId} changed under its lock`)
      return { uploadId, received: total, size: row.expected_size, expiresAt }
    })
  }

  async status(uploadId: string): Promise<UploadDto> {
    return this.exclusive(uploadId, async () => {
      const row = await this.live(uploadId)
      return this.toDto(row, await this.reconcile(row))
    })
  }

  /**
   * Imports the received bytes. Stored, duplicate and rejected end the upload (row first, then
   * the staged file); a failure (no space, a disk error) keeps it so finish can be retried.
   * Every finish leaves a record in the import history.
   */
  async finish(uploadId: string): Promise<UploadOutcomeDto> {
    return this.exclusive(uploadId, async () => {
      const row = await this.live(uploadId)
      const received = await this.reconcile(row)
      if (row.expected_size !== null && received !== row.expected_size) {
        throw new AppError('INVALID_INPUT', `Only ${received} of the ${row.expected_size} bytes declared have arrived: send the rest from offset ${received}, then finish.`, { expectedOffset: received, size: row.expected_size })
      }
      const result = await ingestFile(this.ctx, {
        batchId: row.batch_id,
        source: { kind: 'upload', path: row.name, originalName: row.name, open: () => this.staging.read(uploadId, received) },
      })
      const retryable = result.outcome === 'failed'
      if (!retryable) {
        await this.remove(row).catch((error: unknown) => this.ctx.logger.warn('could not clear a finished upload', { uploadId, error }))
      }
      return {
        uploadId, batchId: row.batch_id, outcome: result.outcome, reasonCode: result.reasonCode, reasonMessage: result.reasonMessage,
        fileId: result.fileId, sha256: result.sha256, name: result.name, size: result.size ?? received, mime: result.mime,
        existingSince: result.existingSince, restored: result.restored, retryable,
      }
    })
  }

  /**
   * Hands an upload's received bytes to `consume` instead of the import pipeline (the diary
   * encrypts them), then ends the upload whatever `consume` did: row first, then the staged
   * bytes, so plaintext stays on disk no longer than the encryption takes. No import record is
   * written: the name of a private file stays out of the history.
   */
  async take<T>(uploadId: string, consume: (upload: TakenUpload) => Promise<T>): Promise<T> {
    return this.exclusive(uploadId, async () => {
      const row = await this.live(uploadId)
      const received = await this.reconcile(row)
      if (row.expected_size !== null && received !== row.expected_size) {
        throw new AppError('INVALID_INPUT', `Only ${received} of the ${row.expected_size} bytes declared have arrived: send the rest from offset ${received} first.`, { expectedOffset: received, size: row.expected_size })
      }
      try {
        return await consume({ uploadId, name: row.name, size: received, path: this.staging.pathOf(uploadId) })
      } finally {
        // The name is blanked in place before the row goes, so the freed cell does not keep it.
        await this.ctx.db.updateTable('uploads').set({ name: '_'.repeat(Buffer.byteLength(row.name)) }).where('id', '=', uploadId).execute().catch(() => undefined)
        await this.remove(row).catch((error: unknown) => this.ctx.logger.warn('could not clear a taken upload', { uploadId, error }))
      }
    })
  }

  async abort(uploadId: string): Promise<{ aborted: boolean }> {
    if (!isUploadId(uploadId)) return { aborted: false }
    return this.exclusive(uploadId, async () => {
      const row = await this.find(uploadId)
      if (!row) return { aborted: false }
      await this.end(row, { outcome: 'failed', error: new AppError('CANCELLED', 'Not imported: the upload was cancelled.'), size: row.received })
      return { aborted: true }
    })
  }

  /**
   * Drops uploads with no chunk for UPLOAD_EXPIRY_MS (recorded in the history), staging files
   * no upload owns, and rows whose staging file is gone. Runs when the library opens and from
   * `begin` at most hourly; safe to call on a timer.
   */
  async sweepExpired(): Promise<UploadSweepReport> {
    const now = this.ctx.clock.now()
    this.lastSweepAt = now
    const report: UploadSweepReport = { expired: 0, orphanFiles: 0, orphanRows: 0 }
    const { db } = this.ctx

    const expired = await db.selectFrom('uploads').select('id').where('expires_at', '<=', now).execute()
    for (const { id } of expired) {
      if (this.busy.has(id)) continue
      await this.locks.run(id, async () => {
        const row = await this.find(id)
        if (!row || row.expires_at > now) return
        await this.end(row, { outcome: 'failed', error: expiredError(), size: row.received })
        report.expired++
      })
    }

    for (const entry of await this.staging.list()) {
      if (now - entry.mtimeMs < ORPHAN_GRACE_MS) continue
      if (entry.id === null) {
        await this.staging.removeEntry(entry.entry)
        report.orphanFiles++
        continue
      }
      const id = entry.id
      if (this.busy.has(id)) continue
      await this.locks.run(id, async () => {
        if (await this.find(id)) return
        await this.staging.remove(id)
        report.orphanFiles++
      })
    }

    for (const { id } of await db.selectFrom('uploads').select('id').execute()) {
      if (this.busy.has(id)) continue
      await this.locks.run(id, async () => {
        if (!isUploadId(id) || (await this.staging.length(id)) === null) {
          const gone = await db.deleteFrom('uploads').where('id', '=', id).executeTakeFirst()
          if (Number(gone.numDeletedRows) > 0) report.orphanRows++
        }
      })
    }
    if (report.expired + report.orphanFiles + report.orphanRows > 0) this.ctx.logger.info('uploads swept', { ...report })
    return report
  }

  /** Runs one call on an upload, after any earlier call on it. */
  private async exclusive<T>(uploadId: string, task: () => Promise<T>): Promise<T> {
    this.busy.set(uploadId, (this.busy.get(uploadId) ?? 0) + 1)
    try {
      return await this.locks.run(uploadId, task)
    } finally {
      const left = (this.busy.get(uploadId) ?? 1) - 1
      if (left > 0) this.busy.set(uploadId, left)
      else this.busy.delete(uploadId)
    }
  }

  private async find(uploadId: string): Promise<Row | undefined> {
    if (!isUploadId(uploadId)) return undefined
    return this.ctx.db.selectFrom('uploads').selectAll().where('id', '=', uploadId).executeTakeFirst()
  }

  /** The upload's row, or NOT_FOUND when it is unknown, over, or expired (then swept). */
  private async live(uploadId: string): Promise<Row> {
    const row = await this.find(uploadId)
    if (!row) {
      throw new AppError('NOT_FOUND', `There is no upload ${uploadId} in progress: it is unknown, already finished or cancelled. Start it again with uploads:begin.`)
    }
    if (row.expires_at <= this.ctx.clock.now()) {
      await this.end(row, { outcome: 'failed', error: expiredError(), size: row.received })
      throw new AppError('NOT_FOUND', `Upload ${uploadId} expired: no chunk arrived for 24 hours. Start it again with uploads:begin.`)
    }
    return row
  }

  /**
   * The trustworthy offset: what the row acknowledged, cut to what the file holds. Bytes past
   * the row's count were written but never acknowledged (a crash before the row was updated):
   * they are dropped and the client sends them again. A file shorter than the row (bytes lost
   * despite the fsync) lowers the row, so the client resends rather than leaving a hole.
   */
  private async reconcile(row: Row): Promise<number> {
    try {
      return await this.reconcileLength(row)
    } catch (err) {
      throw fromFsError(err, 'read the upload in', this.staging.dir)
    }
  }

  private async reconcileLength(row: Row): Promise<number> {
    const length = await this.staging.length(row.id)
    if (length === null) {
      this.ctx.logger.warn('upload staging file is gone; dropping the upload', { uploadId: row.id })
      await this.ctx.db.deleteFrom('uploads').where('id', '=', row.id).execute()
      throw new AppError('NOT_FOUND', `The bytes of upload ${row.id} are gone from the library folder. Start it again with uploads:begin.`)
    }
    if (length > row.received) {
      await this.staging.truncate(row.id, row.received)
      return row.received
    }
    if (length < row.received) {
      this.ctx.logger.warn('upload staging file is shorter than acknowledged; resuming from its length', { uploadId: row.id, received: row.received, length })
      await this.ctx.db.updateTable('uploads').set({ received: length, updated_at: this.ctx.clock.now() }).where('id', '=', row.id).execute()
      return length
    }
    return row.received
  }

  /** Ends an upload that will not finish: history record, then row, then staged bytes. */
  private async end(row: Row, how: { outcome: ImportOutcome; error: AppError; size: number }): Promise<void> {
    await this.record(row, how.outcome, how.error, how.size)
    await this.remove(row)
  }

  private async remove(row: Row): Promise<void> {
    await this.ctx.db.deleteFrom('uploads').where('id', '=', row.id).execute()
    await this.staging.remove(row.id)
  }

  private async record(row: Pick<Row, 'name' | 'batch_id'>, outcome: ImportOutcome, error: AppError, size: number | null): Promise<void> {
    const now = this.ctx.clock.now()
    await this.ctx.db
      .insertInto('import_records')
      .values({
        batch_id: row.batch_id, original_name: row.name, original_path: null, outcome, reason_code: error.code,
        reason_message: error.message, size, mime: null, sha256: null, file_id: null, started_at: now, finished_at: now,
      })
      .execute()
  }

  private toDto(row: Row, received: number): UploadDto {
    return { uploadId: row.id, name: row.name, size: row.expected_size, received, chunkSize: UPLOAD_CHUNK_BYTES, expiresAt: row.expires_at, batchId: row.batch_id }
  }
}

/** An upload handed over by `take`: its staged file (read-only for the taker) and what arrived. */
export interface TakenUpload {
  uploadId: string
  name: string
  size: number
  /** The staged file; only the first `size` bytes are the upload's. Deleted after `take`. */
  path: string
}

const expiredError = () => new AppError('CANCELLED', 'Not imported: no part of the upload arrived for 24 hours, so it was discarded.')
