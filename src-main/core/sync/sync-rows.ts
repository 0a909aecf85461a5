import { basename } from 'node:path'
import type { SqliteHandle } from '../db/connection'
import type { FileKind } from '../db/schema'
import { MAX_INDEXED_BODY_CHARS } from '../library/search-index'
import { sanitizeName } from '../ingest/sanitize-name'
import type { SyncChangeDto } from '../../../src-preload/contract/sync'
import { isPreviewable } from '../media/previewable'
import { recordsDigest } from './dir-listing'

/** Paths per SELECT when comparing a batch with what was recorded. */
export const LOOKUP_CHUNK = 500

/** What was recorded for one path of a watched folder. */
export interface RecordInfo {
  id: number
  rel_path: string
  path_key: string
  disk_path: string | null
  size: number
  mtime_ms: number
  sha256: string | null
  file_id: number | null
}

/** Where a file sits and what it looked like when it was read. */
export interface SeenFile {
  relPath: string
  key: string
  /** The on-disk relative path when it differs from relPath. */
  diskPath: string | null
  size: number
  mtimeMs: number
}

/** A type and search text for a content not yet in the library (index mode). */
export interface NewContent {
  mime: string
  kind: FileKind
  ext: string
  body: string
}

/** One row change to apply, decided outside the transaction. */
export type RowChange =
  /** The file at this path has this content (new, changed, or seen again). */
  | { kind: 'content'; seen: SeenFile; record: RecordInfo | null; sha256: string; fileId: number | null; content: NewContent | null }
  /** Same content, the path's spelling changed (case or Unicode form): no read needed. */
  | { kind: 'respell'; seen: SeenFile; record: RecordInfo }
  /** Seen but not taken in (an import-mode folder rejected it): remembered so it is not retried until it changes. */
  | { kind: 'rejected'; seen: SeenFile; record: RecordInfo | null }
  /** The path is gone: retire its record and source. */
  | { kind: 'gone'; record: RecordInfo }

/** What a change did, as the history, the events and `watch run` report it: the contract's SyncChangeDto. */
export type AppliedChange = SyncChangeDto

/**
 * The rows a sync writes, as prepared statements. `apply` writes a batch of changes in one
 * transaction (never half-applied); trash decisions are taken at its end, so a file moved
 * within the batch never passes through the trash.
 */
export class SyncRows {
  private readonly s

  constructor(private readonly sqlite: SqliteHandle) {
    const p = <T extends unknown[] = unknown[], R = unknown>(sql: string) => sqlite.prepare<T, R>(sql)
    this.s = {
      findFile: p<[string], { id: number; trashed_at: number | null; storage: string }>('SELECT id, trashed_at, storage FROM files WHERE sha256 = ?'),
      restore: p('UPDATE files SET trashed_at = NULL WHERE id = ?'),
      insertFile: p(
        `INSERT INTO files (sha256, size, mime, kind, ext, name, added_at, modified_at, preview_state, storage)
         VALUES (@sha256, @size, @mime, @kind, @ext, @name, @now, @modifiedAt, @previewState, 'in_place')`,
      ),
      insertSearch: p("INSERT INTO files_fts (rowid, name, tags, note, body) VALUES (?, ?, '', '', ?)"),
      upsertSource: p(
        `INSERT INTO file_sources (file_id, kind, path, folder_id, original_name, first_seen_at, last_seen_at)
         VALUES (@fileId, 'watch', @path, @folderId, @name, @now, @now)
         ON CONFLICT (file_id, kind, ifnull(folder_id, 0), path) DO UPDATE SET last_seen_at = @now, available = 1, original_name = @name`,
      ),
      deleteSource: p("DELETE FROM file_sources WHERE file_id = ? AND kind = 'watch' AND folder_id = ? AND path = ?"),
      countSources: p<[number], { n: number }>('SELECT count(*) AS n FROM file_sources WHERE file_id = ?'),
      trashInPlace: p("UPDATE files SET trashed_at = ? WHERE id = ? AND storage = 'in_place' AND trashed_at IS NULL"),
      insertRecord: p(
        `INSERT INTO file_records (folder_id, rel_path, path_key, disk_path, size, mtime_ms, sha256, file_id, scan_generation, last_scanned)
         VALUES (@folderId, @relPath, @key, @diskPath, @size, @mtimeMs, @sha256, @fileId, @gen, @now)`,
      ),
      updateRecord: p(
        `UPDATE file_records SET rel_path = @relPath, path_key = @key, disk_path = @diskPath, size = @size, mtime_ms = @mtimeMs,
           sha256 = @sha256, file_id = @fileId, scan_generation = @gen, last_scanned = @now WHERE id = @id`,
      ),
      deleteRecord: p('DELETE FROM file_records WHERE id = ?'),
      inRoot: p<[number], RecordInfo>(
        `SELECT id, rel_path, path_key, disk_path, size, mtime_ms, sha256, file_id FROM file_records
         WHERE folder_id = ? AND instr(path_key, '/') = 0`,
      ),
      // Keys that start with the folder's key ('a/b/' .. 'a/b0': '0' follows '/') and go no deeper.
      inDir: p<[{ folderId: number; dir: string; end: string }], RecordInfo>(
        `SELECT id, rel_path, path_key, disk_path, size, mtime_ms, sha256, file_id FROM file_records
         WHERE folder_id = @folderId AND path_key > @dir AND path_key < @end AND instr(substr(path_key, length(@dir) + 1), '/') = 0`,
      ),
      listings: p<[number], { dir_key: string; listing: string | null }>('SELECT dir_key, listing FROM folder_listings WHERE folder_id = ?'),
      setListing: p(
        `INSERT INTO folder_listings (folder_id, dir_key, listing) VALUES (?, ?, ?)
         ON CONFLICT (folder_id, dir_key) DO UPDATE SET listing = excluded.listing`,
      ),
      dropListing: p('DELETE FROM folder_listings WHERE folder_id = ? AND dir_key = ?'),
      under: p<[{ folderId: number; key: string }], RecordInfo>(
        `SELECT id, rel_path, path_key, disk_path, size, mtime_ms, sha256, file_id FROM file_records
         WHERE folder_id = @folderId AND (path_key = @key OR substr(path_key, 1, length(@key) + 1) = @key || '/')`,
      ),
      availability: p("UPDATE file_sources SET available = ? WHERE kind = 'watch' AND folder_id = ? AND available <> ?"),
    }
  }

  /** The records of these keys (chunks of LOOKUP_CHUNK per SELECT). */
  recordsByKey(folderId: number, keys: readonly string[]): Map<string, RecordInfo> {
    const out = new Map<string, RecordInfo>()
    for (let i = 0; i < keys.length; i += LOOKUP_CHUNK) {
      const chunk = keys.slice(i, i + LOOKUP_CHUNK)
      const rows = this.sqlite
        .prepare<unknown[], RecordInfo>(
          `SELECT id, rel_path, path_key, disk_path, size, mtime_ms, sha256, file_id FROM file_records
           WHERE folder_id = ? AND path_key IN (${chunk.map(() => '?').join(',')})`,
        )
        .all(folderId, ...chunk)
      for (const row of rows) out.set(row.path_key, row)
    }
    return out
  }

  /** Records at `key` or under it (a folder that went away). */
  recordsUnder(folderId: number, key: string): RecordInfo[] {
    return this.s.under.all({ folderId, key })
  }

  /** The records directly in one folder (`dirKey` as dirKeyOfKey gives it), not deeper. */
  recordsInDir(folderId: number, dirKey: string): RecordInfo[] {
    if (dirKey === '') return this.s.inRoot.all(folderId)
    return this.s.inDir.all({ folderId, dir: dirKey, end: `${dirKey.slice(0, -1)}0` })
  }

  /** Every folder of a watched folder that holds records, with its listing when its records last matched it (else null). */
  listings(folderId: number): Map<string, string | null> {
    return new Map(this.s.listings.all(folderId).map((r) => [r.dir_key, r.listing]))
  }

  /**
   * After a scan: each folder looked at keeps the listing seen on disk only if its records now
   * say exactly the same (every change applied, nothing left to retry); folders with no records
   * left are forgotten. `seen` maps a folder to the listing found (null: not the whole story).
   */
  settleListings(folderId: number, seen: ReadonlyMap<string, string | null>): void {
    this.sqlite.transaction(() => {
      for (const [dirKey, onDisk] of seen) {
        const records = this.recordsInDir(folderId, dirKey)
        if (records.length === 0) {
          this.s.dropListing.run(folderId, dirKey)
          continue
        }
        const recorded = recordsDigest(records)
        this.s.setListing.run(folderId, dirKey, onDisk !== null && recorded === onDisk ? onDisk : null)
      }
    })()
  }

  findFile(sha256: string): { id: number; trashed_at: number | null; storage: string } | undefined {
    return this.s.findFile.get(sha256)
  }

  /** Marks every watch source of a folder available or not (offline and back). */
  setAvailable(folderId: number, available: boolean): number {
    const v = available ? 1 : 0
    return this.s.availability.run(v, folderId, v).changes
  }

  /** Applies a batch of changes atomically. Items whose content vanished meanwhile are left for the next pass. */
  apply(folderId: number, changes: readonly RowChange[], generation: number, now: number): AppliedChange[] {
    return this.sqlite.transaction(() => {
      const out: AppliedChange[] = []
      /** Entries that lost a source in this batch, and the change that took it. */
      const lostSource = new Map<number, AppliedChange | null>()
      const retireSource = (record: RecordInfo, by: AppliedChange | null) => {
        if (record.file_id === null) return
        this.s.deleteSource.run(record.file_id, folderId, record.rel_path)
        lostSource.set(record.file_id, by)
      }
      for (const change of changes) {
        if (change.kind === 'gone') {
          const applied: AppliedChange = { type: 'removed', folderId, path: change.record.rel_path, fileId: change.record.file_id, sha256: change.record.sha256 }
          retireSource(change.record, applied)
          this.s.deleteRecord.run(change.record.id)
          out.push(applied)
          continue
        }
        const { seen } = change
        const row = { folderId, relPath: seen.relPath, key: seen.key, diskPath: seen.diskPath, size: seen.size, mtimeMs: seen.mtimeMs, gen: generation, now }
        if (change.kind === 'respell') {
          const { record } = change
          if (record.file_id !== null && record.rel_path !== seen.relPath) {
            this.s.deleteSource.run(record.file_id, folderId, record.rel_path)
            this.s.upsertSource.run({ fileId: record.file_id, path: seen.relPath, folderId, name: basename(seen.relPath), now })
          }
          this.s.updateRecord.run({ ...row, id: record.id, sha256: record.sha256, fileId: record.file_id })
          if (record.rel_path !== seen.relPath) {
            out.push({ type: 'moved', folderId, path: seen.relPath, from: record.rel_path, fileId: record.file_id, sha256: record.sha256 })
          }
          continue
        }
        if (change.kind === 'rejected') {
          if (change.record) {
            retireSource(change.record, null)
            this.s.updateRecord.run({ ...row, id: change.record.id, sha256: null, fileId: null })
          } else this.s.insertRecord.run({ ...row, sha256: null, fileId: null })
          continue
        }
        let fileId = change.fileId
        let newEntry = false
        let restored = false
        if (fileId === null) {
          const existing = this.s.findFile.get(change.sha256)
          if (existing) {
            fileId = existing.id
            // Back after it went to the trash for lack of a source: restore it. (An entry the
            // person trashed while its file stayed here keeps its source, and stays trashed.)
            if (existing.trashed_at !== null && this.s.countSources.get(existing.id)!.n === 0) {
              this.s.restore.run(existing.id)
              restored = true
            }
          } else if (change.content) {
            fileId = this.insertInPlace(change.sha256, seen, change.content, now)
            newEntry = true
          } else continue // purged since it was looked up: the next pass reads it again
        }
        this.s.upsertSource.run({ fileId, path: seen.relPath, folderId, name: basename(seen.relPath), now })
        const { record } = change
        const applied: AppliedChange = { type: record ? 'updated' : 'added', folderId, path: seen.relPath, fileId, sha256: change.sha256, newEntry, restored }
        if (record) {
          if (record.file_id !== null && (record.file_id !== fileId || record.rel_path !== seen.relPath)) retireSource(record, applied)
          this.s.updateRecord.run({ ...row, id: record.id, sha256: change.sha256, fileId })
        } else this.s.insertRecord.run({ ...row, sha256: change.sha256, fileId })
        const sameAsRecorded = record !== null && record.sha256 === change.sha256 && record.file_id === fileId && record.rel_path === seen.relPath
        if (!sameAsRecorded || restored) out.push(applied) // else: touched, same bytes
      }
      // An entry left with no source at all, whose bytes lived only in watched folders, goes to the trash.
      for (const [fileId, by] of lostSource) {
        if (this.s.countSources.get(fileId)!.n > 0) continue
        if (this.s.trashInPlace.run(now, fileId).changes > 0 && by) by.trashed = true
      }
      return out
    })()
  }

  private insertInPlace(sha256: string, seen: SeenFile, content: NewContent, now: number): number {
    const name = sanitizeName(basename(seen.relPath))
    const fileId = Number(
      this.s.insertFile.run({
        sha256, size: seen.size, mime: content.mime, kind: content.kind, ext: content.ext, name, now,
        modifiedAt: Math.floor(seen.mtimeMs), previewState: isPreviewable(content.kind) ? 'pending' : 'none',
      }).lastInsertRowid,
    )
    this.s.insertSearch.run(fileId, name, content.body.slice(0, MAX_INDEXED_BODY_CHARS))
    return fileId
  }
}
