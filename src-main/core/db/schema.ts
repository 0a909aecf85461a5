import type { Generated } from 'kysely'

/** `library_meta`: facts about this library folder itself (id, when it was created). */
export interface LibraryMetaRow {
  key: string
  value: string
}

/** `settings`: per-library settings as JSON values, by key. */
export interface SettingRow {
  key: string
  value_json: string
  updated_at: Generated<string>
}

export const FILE_KINDS = ['image', 'video', 'audio', 'document', 'text', 'archive', 'other'] as const
export type FileKind = (typeof FILE_KINDS)[number]
export type PreviewState = 'pending' | 'done' | 'failed' | 'none'
export type OcrState = 'none' | 'pending' | 'done' | 'failed'
/** Where an entry's bytes live: the store's objects/, or only in watched folders (0004). */
export type FileStorage = 'object' | 'in_place'

/** `files`: one row per distinct content. Times are epoch milliseconds. */
export interface FileRow {
  id: Generated<number>
  sha256: string
  size: number
  mime: string
  kind: FileKind
  ext: string
  name: string
  note: Generated<string>
  added_at: number
  modified_at: number | null
  stored: Generated<number>
  trashed_at: number | null
  metadata_json: Generated<string>
  preview_state: Generated<PreviewState>
  preview_error: string | null
  storage: Generated<FileStorage>
  /** How many times a preview was attempted since the last success or retry (0006). */
  preview_attempts: Generated<number>
  /** The low-priority OCR pass for scans (0006). */
  ocr_state: Generated<OcrState>
}

export type SourceKind = 'upload' | 'import' | 'watch'

/** `file_sources`: where a content came from or lives; many per file. */
export interface FileSourceRow {
  id: Generated<number>
  file_id: number
  kind: SourceKind
  path: string
  folder_id: number | null
  original_name: string
  available: Generated<number>
  first_seen_at: number
  last_seen_at: number
}

export interface TagRow {
  id: Generated<number>
  name: string
  color: string | null
  created_at: number
}

export interface FileTagRow {
  file_id: number
  tag_id: number
}

export interface CollectionRow {
  id: Generated<number>
  name: string
  parent_id: number | null
  created_at: number
}

export interface CollectionMemberRow {
  collection_id: number
  file_id: number
  added_at: number
}

export type ImportOutcome = 'stored' | 'duplicate' | 'rejected' | 'failed'

/** `import_records`: one row per file an import saw, whatever became of it. */
export interface ImportRecordRow {
  id: Generated<number>
  batch_id: string
  original_name: string
  original_path: string | null
  outcome: ImportOutcome
  reason_code: string | null
  reason_message: string | null
  size: number | null
  mime: string | null
  sha256: string | null
  file_id: number | null
  started_at: number
  finished_at: number
}

/** `uploads`: chunked uploads in progress (bytes staged under uploads/). */
export interface UploadRow {
  id: string
  name: string
  expected_size: number | null
  received: Generated<number>
  batch_id: string
  created_at: number
  updated_at: number
  expires_at: number
}

/** `files_fts` (FTS5): rowid = files.id. */
export interface FilesFtsRow {
  rowid: number
  name: string
  tags: string
  note: string
  /** The text the file itself holds (a text file, a PDF's text layer). */
  body: string
  /** Text read from images and scanned pages by OCR (0007). */
  ocr: string
}

export type WatchMode = 'index' | 'import'
export type WatchedFolderState = 'idle' | 'scanning' | 'offline' | 'error'

/** `watched_folders`: folders kept in step with the library (0004). */
export interface WatchedFolderRow {
  id: Generated<number>
  /** Absolute, as the user gave it. */
  path: string
  mode: Generated<WatchMode>
  /** JSON array of the user's ignore patterns. */
  ignore_json: Generated<string>
  enabled: Generated<number>
  interval_ms: Generated<number>
  created_at: number
  last_scan_at: number | null
  next_scan_at: number | null
  /** What was last known when no process watches it: idle, scanning (interrupted), offline, error. */
  state: Generated<WatchedFolderState>
  last_error: string | null
  /** Bumped when a scan starts; records not stamped with it by the end are retired. */
  scan_generation: Generated<number>
  /** Probed once: 1 case-sensitive, 0 not, null not probed yet. */
  case_sensitive: number | null
}

/** `file_records`: one per file seen in a watched folder, by its path relative to the folder. */
export interface FileRecordRow {
  id: Generated<number>
  folder_id: number
  /** POSIX separators, NFC. */
  rel_path: string
  /** rel_path as compared: itself, or case-folded on a case-insensitive filesystem. */
  path_key: string
  /** The name as it is on disk when it differs from rel_path (another Unicode form), else null. */
  disk_path: string | null
  size: number
  mtime_ms: number
  /** Null when the file was seen but not taken in (rejected by an import-mode folder). */
  sha256: string | null
  file_id: number | null
  scan_generation: number
  last_scanned: number
}

export type SyncOperationType = 'startup' | 'realtime' | 'scheduled' | 'manual'
export type SyncOperationStatus = 'running' | 'completed' | 'failed'

/** `sync_operations`: one row per scan or per applied batch of watcher events. */
export interface SyncOperationRow {
  id: Generated<number>
  folder_id: number | null
  folder_path: string
  type: SyncOperationType
  files_scanned: Generated<number>
  files_added: Generated<number>
  files_updated: Generated<number>
  files_removed: Generated<number>
  files_hashed: Generated<number>
  bytes_hashed: Generated<number>
  errors_json: Generated<string>
  status: Generated<SyncOperationStatus>
  started_at: number
  finished_at: number | null
  duration_ms: number | null
  error: string | null
}

/** The kysely view of trove.db. Each migration that adds a table adds its row type here. */
/** `diary_entries` (0005): an opaque id, times, and the sealed {date, title, body, mood, tags}. */
export interface DiaryEntryRow {
  id: string
  sealed: Uint8Array
  created_at: number
  updated_at: number
}

/** `diary_media` (0005): sealed metadata and the names of the encrypted files in vault/objects/. */
export interface DiaryMediaRow {
  id: string
  entry_id: string
  sealed: Uint8Array
  object_name: string
  thumb_name: string | null
  added_at: number
}

export interface Database {
  library_meta: LibraryMetaRow
  settings: SettingRow
  files: FileRow
  file_sources: FileSourceRow
  tags: TagRow
  file_tags: FileTagRow
  collections: CollectionRow
  collection_members: CollectionMemberRow
  import_records: ImportRecordRow
  uploads: UploadRow
  files_fts: FilesFtsRow
  watched_folders: WatchedFolderRow
  file_records: FileRecordRow
  sync_operations: SyncOperationRow
  diary_entries: DiaryEntryRow
  diary_media: DiaryMediaRow
}
