import type { Kysely } from 'kysely'
import type { Readable } from 'node:stream'
import { AppError, fromFsError, isAppError, type ErrorCode } from '../common/app-error'
import type { Clock } from '../common/clock'
import type { FsSeam } from '../common/fs-seam'
import type { KeyedMutex } from '../common/keyed-mutex'
import type { Logger } from '../common/logger'
import type { Database, ImportOutcome, SourceKind } from '../db/schema'
import type { ObjectStore, StagedObject } from '../store/object-store'
import { isPreviewable } from '../media/previewable'
import { detectType, type DetectedType } from './detect-type'
import type { ExistingFile, IngestRows, RecordRow } from './ingest-rows'
import { sanitizeName } from './sanitize-name'

/** Most text read from a text file for the search index. */
const MAX_BODY_BYTES = 1024 * 1024

export interface IngestContext {
  db: Kysely<Database>
  /** Prepared statements for the rows an import writes. */
  rows: IngestRows
  fs: FsSeam
  store: ObjectStore
  clock: Clock
  logger: Logger
  /** Serialises work on the same content, so two imports of the same bytes end as one entry. */
  locks: KeyedMutex
  maxFileBytes: number
}

/** Where some bytes come from, and how to read them. */
export interface IngestSource {
  kind: SourceKind
  /** Original absolute path (import), the name the content arrived with (upload), or the path in a watched folder (watch). */
  path: string
  /** The watched folder a 'watch' source is in. */
  folderId?: number
  originalName: string
  /** Opens the bytes; called once. */
  open(): Promise<Readable | AsyncIterable<Uint8Array>>
  /** Size and mtime now, to detect a source changing while it is read (paths only). */
  restat?(): Promise<{ size: number; mtimeMs: number }>
  /** Size and mtime before reading. */
  before?: { size: number; mtimeMs: number }
}

export interface IngestRequest {
  batchId: string
  source: IngestSource
  collectionId?: number | null
  signal?: AbortSignal
  onBytes?: (delta: number) => void
}

export interface IngestResult {
  outcome: ImportOutcome
  reasonCode: ErrorCode | null
  reasonMessage: string | null
  fileId: number | null
  sha256: string | null
  size: number | null
  mime: string | null
  name: string
  /** The entry was in the trash and this import restored it. */
  restored: boolean
  /** When the existing entry was added (duplicates). */
  existingSince: number | null
}

/**
 * Takes one file into the library following the write order: stream into tmp/ while hashing,
 * re-check the source, detect the type, then under a per-content lock either add a source to
 * the existing entry or move the object into place and commit its rows in one transaction.
 * Every outcome, good or bad, is written to the import history; a failure keeps nothing.
 */
export async function ingestFile(ctx: IngestContext, request: IngestRequest): Promise<IngestResult> {
  const { source } = request
  const startedAt = ctx.clock.now()
  const name = sanitizeName(source.originalName)
  let staged: StagedObject | null = null
  try {
    if (source.before && source.before.size > ctx.maxFileBytes) {
      throw new AppError('TOO_LARGE', `${source.originalName} is ${source.before.size} bytes, over the library's limit of ${ctx.maxFileBytes} bytes.`)
    }
    let last = 0
    const stream = await source.open().catch((err: unknown) => {
      throw fromFsError(err, 'read', source.path)
    })
    staged = await ctx.store.stage(readingFrom(stream, source.path), {
      maxBytes: ctx.maxFileBytes,
      signal: request.signal,
      onBytes: (total) => {
        request.onBytes?.(total - last)
        last = total
      },
    })
    if (source.restat && source.before) {
      const now = await source.restat()
      if (now.size !== source.before.size || now.mtimeMs !== source.before.mtimeMs || now.size !== staged.size) {
        throw new AppError('SOURCE_CHANGED', `${source.originalName} changed while it was being imported; nothing was kept. Import it again once it is saved.`)
      }
    }
    const type = await detectType(staged.tempPath, staged.head, source.originalName)
    const settled = staged
    staged = null
    return await ctx.locks.run(settled.sha256, () => commitContent(ctx, request, settled, type, name, startedAt))
  } catch (err) {
    if (staged) await ctx.store.discard(staged)
    const error = asAppError(err, source.originalName)
    if (error.code === 'INTERNAL') ctx.logger.error('import failed unexpectedly', { name: source.originalName, error: err })
    const outcome: ImportOutcome = error.code === 'TOO_LARGE' || error.code === 'UNSUPPORTED_TYPE' ? 'rejected' : 'failed'
    const result: IngestResult = {
      outcome, reasonCode: error.code, reasonMessage: error.message, fileId: null, sha256: null,
      size: source.before?.size ?? null, mime: null, name, restored: false, existingSince: null,
    }
    await ctx.rows.record(recordOf(request, result, startedAt, ctx.clock.now())).catch((recordErr: unknown) =>
      ctx.logger.error('could not record a failed import', { name: source.originalName, error: recordErr }),
    )
    return result
  }
}

async function commitContent(
  ctx: IngestContext, request: IngestRequest, staged: StagedObject, type: DetectedType, name: string, startedAt: number,
): Promise<IngestResult> {
  const existing = ctx.rows.find(staged.sha256)
  if (existing) return addToExisting(ctx, request, staged, existing, name, startedAt)

  const { created } = await ctx.store.commit(staged, type.ext)
  try {
    const body = type.kind === 'text' ? await readBody(ctx, staged.sha256, type.ext) : ''
    const now = ctx.clock.now()
    const result: IngestResult = {
      outcome: 'stored', reasonCode: null, reasonMessage: null, fileId: null, sha256: staged.sha256,
      size: staged.size, mime: type.mime, name, restored: false, existingSince: null,
    }
    result.fileId = await ctx.rows.commitNew(
      {
        sha256: staged.sha256, size: staged.size, mime: type.mime, kind: type.kind, ext: type.ext, name, addedAt: now,
        modifiedAt: request.source.before ? Math.floor(request.source.before.mtimeMs) : null,
        previewState: isPreviewable(type.kind) ? 'pending' : 'none', body,
      },
      request.source,
      request.collectionId ?? null,
      recordOf(request, result, startedAt, now),
    )
    return result
  } catch (err) {
    // The rows did not commit: take back the object this import put there (nothing else uses it).
    if (created) await ctx.store.remove(staged.sha256, type.ext).catch(() => undefined)
    throw err
  }
}

async function addToExisting(
  ctx: IngestContext, request: IngestRequest, staged: StagedObject, existing: ExistingFile, name: string, startedAt: number,
): Promise<IngestResult> {
  // Same content: the bytes already stored are these bytes. Repair a missing object from them,
  // or keep them when the entry had its bytes only in watched folders (it becomes 'object').
  if (existing.stored === 0 || existing.storage === 'in_place') await ctx.store.commit(staged, existing.ext)
  else await ctx.store.discard(staged)
  const restored = existing.trashed_at !== null
  const now = ctx.clock.now()
  const since = new Date(existing.added_at).toISOString()
  const result: IngestResult = {
    outcome: 'duplicate', reasonCode: 'ALREADY_EXISTS',
    reasonMessage: restored
      ? `Already in the library since ${since}, but in the trash: restored it.`
      : `Already in the library since ${since} as "${existing.name}".`,
    fileId: existing.id, sha256: existing.sha256, size: existing.size, mime: existing.mime, name, restored, existingSince: existing.added_at,
  }
  await ctx.rows.commitDuplicate(existing, request.source, request.collectionId ?? null, recordOf(request, result, startedAt, now), now)
  return result
}

function recordOf(request: IngestRequest, result: IngestResult, startedAt: number, finishedAt: number): RecordRow {
  return {
    batchId: request.batchId, originalName: request.source.originalName,
    originalPath: request.source.kind === 'import' ? request.source.path : null,
    outcome: result.outcome, reasonCode: result.reasonCode, reasonMessage: result.reasonMessage,
    size: result.size, mime: result.mime, sha256: result.sha256, fileId: result.fileId, startedAt, finishedAt,
  }
}

async function readBody(ctx: IngestContext, sha256: string, ext: string): Promise<string> {
  const handle = await ctx.fs.open(ctx.store.absolutePath(sha256, ext), 'r')
  try {
    const buffer = Buffer.alloc(MAX_BODY_BYTES)
    const { bytesRead } = await handle.read(buffer, 0, MAX_BODY_BYTES, 0)
    return new TextDecoder('utf-8').decode(buffer.subarray(0, bytesRead))
  } finally {
    await handle.close()
  }
}

/** Labels errors of the source (not of the library) as such: "Trove is not allowed to read …". */
async function* readingFrom(stream: Readable | AsyncIterable<Uint8Array>, path: string): AsyncIterable<Uint8Array> {
  try {
    for await (const chunk of stream) yield chunk as Uint8Array
  } catch (err) {
    throw fromFsError(err, 'read', path)
  }
}

function asAppError(err: unknown, name: string): AppError {
  if (isAppError(err)) return err
  if (typeof err === 'object' && err !== null && (err as { name?: string }).name === 'AbortError') {
    return new AppError('CANCELLED', 'Not imported: the import was cancelled.')
  }
  return new AppError('INTERNAL', `${name} could not be imported because of an unexpected error.`)
}
