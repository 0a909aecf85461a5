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
  body: string
}

/** The kysely view of trove.db. Each migration that adds a table adds its row type here. */
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
}
