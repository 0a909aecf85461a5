import type { SqliteHandle } from '../db/connection'
import type { FileKind, ImportOutcome, SourceKind } from '../db/schema'
import { MAX_INDEXED_BODY_CHARS } from '../library/search-index'

/** How long the first commit of a group waits for others (a few ms against a ~1 ms fsync each). */
const GROUP_WINDOW_MS = 3
const MAX_GROUP = 64

export interface ExistingFile {
  id: number
  sha256: string
  size: number
  mime: string
  ext: string
  name: string
  added_at: number
  stored: number
  trashed_at: number | null
  /** 'in_place': the bytes live only in watched folders; a copy arriving here makes it 'object'. */
  storage: 'object' | 'in_place'
}

export interface SourceRow {
  kind: SourceKind
  path: string
  originalName: string
  /** The watched folder of a 'watch' source (path is then relative to it). */
  folderId?: number | null
}

export interface RecordRow {
  batchId: string
  originalName: string
  originalPath: string | null
  outcome: ImportOutcome
  reasonCode: string | null
  reasonMessage: string | null
  size: number | null
  mime: string | null
  sha256: string | null
  fileId: number | null
  startedAt: number
  finishedAt: number
}

export interface NewFile {
  sha256: string
  size: number
  mime: string
  kind: FileKind
  ext: string
  name: string
  addedAt: number
  modifiedAt: number | null
  previewState: 'pending' | 'none'
  body: string
}

/**
 * The rows an import writes, as prepared statements on the connection (the hot path of
 * importing many small files). Commits that arrive together are grouped into one SQLite
 * transaction (one WAL fsync), each in its own savepoint so one failure spoils only itself;
 * a commit's promise settles only after the transaction holding it is durable.
 */
export class IngestRows {
  private queue: Array<{ run: () => unknown; resolve: (value: unknown) => void; reject: (err: unknown) => void }> = []
  private flushScheduled = false

  private readonly findStatement
  private readonly insertFile
  private readonly upsertSource
  private readonly insertMember
  private readonly insertSearch
  private readonly insertRecord
  private readonly reviveFile

  constructor(private readonly sqlite: SqliteHandle) {
    this.findStatement = sqlite.prepare<[string], ExistingFile>(
      'SELECT id, sha256, size, mime, ext, name, added_at, stored, trashed_at, storage FROM files WHERE sha256 = ?',
    )
    this.insertFile = sqlite.prepare(
      `INSERT INTO files (sha256, size, mime, kind, ext, name, added_at, modified_at, preview_state)
       VALUES (@sha256, @size, @mime, @kind, @ext, @name, @addedAt, @modifiedAt, @previewState)`,
    )
    this.upsertSource = sqlite.prepare(
      `INSERT INTO file_sources (file_id, kind, path, folder_id, original_name, first_seen_at, last_seen_at)
       VALUES (@fileId, @kind, @path, @folderId, @originalName, @now, @now)
       ON CONFLICT (file_id, kind, ifnull(folder_id, 0), path) DO UPDATE SET last_seen_at = @now, available = 1`,
    )
    this.insertMember = sqlite.prepare(
      'INSERT INTO collection_members (collection_id, file_id, added_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING',
    )
    this.insertSearch = sqlite.prepare("INSERT INTO files_fts (rowid, name, tags, note, body) VALUES (?, ?, '', '', ?)")
    this.insertRecord = sqlite.prepare(
      `INSERT INTO import_records (batch_id, original_name, original_path, outcome, reason_code, reason_message,
         size, mime, sha256, file_id, started_at, finished_at)
       VALUES (@batchId, @originalName, @originalPath, @outcome, @reasonCode, @reasonMessage,
         @size, @mime, @sha256, @fileId, @startedAt, @finishedAt)`,
    )
    this.reviveFile = sqlite.prepare("UPDATE files SET trashed_at = NULL, stored = 1, storage = 'object' WHERE id = ?")
  }

  find(sha256: string): ExistingFile | undefined {
    return this.findStatement.get(sha256)
  }

  /** A new content: its row, source, membership, search entry and import record, atomically. */
  commitNew(file: NewFile, source: SourceRow, collectionId: number | null, record: Omit<RecordRow, 'fileId'>): Promise<number> {
    return this.grouped(() => {
      const fileId = Number(this.insertFile.run(file).lastInsertRowid)
      this.upsertSource.run({ fileId, kind: source.kind, path: source.path, folderId: source.folderId ?? null, originalName: source.originalName, now: file.addedAt })
      if (collectionId) this.insertMember.run(collectionId, fileId, file.addedAt)
      this.insertSearch.run(fileId, file.name, file.body.slice(0, MAX_INDEXED_BODY_CHARS))
      this.insertRecord.run({ ...record, fileId })
      return fileId
    })
  }

  /** Known content seen again: one more source (restored from the trash or repaired if need be). */
  commitDuplicate(existing: ExistingFile, source: SourceRow, collectionId: number | null, record: RecordRow, now: number): Promise<void> {
    return this.grouped(() => {
      if (existing.trashed_at !== null || existing.stored === 0 || existing.storage === 'in_place') this.reviveFile.run(existing.id)
      this.upsertSource.run({ fileId: existing.id, kind: source.kind, path: source.path, folderId: source.folderId ?? null, originalName: source.originalName, now })
      if (collectionId) this.insertMember.run(collectionId, existing.id, now)
      this.insertRecord.run(record)
    })
  }

  record(record: RecordRow): Promise<void> {
    return this.grouped(() => {
      this.insertRecord.run(record)
    })
  }

  private grouped<T>(run: () => T): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ run, resolve: resolve as (value: unknown) => void, reject })
      if (this.queue.length >= MAX_GROUP) this.flush()
      else if (!this.flushScheduled) {
        this.flushScheduled = true
        setTimeout(() => this.flush(), GROUP_WINDOW_MS)
      }
    })
  }

  private flush(): void {
    this.flushScheduled = false
    if (this.queue.length === 0) return
    const batch = this.queue
    this.queue = []
    const outcomes: Array<{ ok: true; value: unknown } | { ok: false; error: unknown }> = []
    try {
      this.sqlite.transaction(() => {
        for (const item of batch) {
          try {
            outcomes.push({ ok: true, value: this.sqlite.transaction(item.run)() })
          } catch (error) {
            outcomes.push({ ok: false, error })
          }
        }
      })()
    } catch (error) {
      for (const item of batch) item.reject(error)
      return
    }
    batch.forEach((item, i) => {
      const outcome = outcomes[i]!
      if (outcome.ok) item.resolve(outcome.value)
      else item.reject(outcome.error)
    })
  }
}
