import { sql, type Kysely } from 'kysely'

/**
 * Watched folders: the folders themselves, one record per file seen in them (what the last
 * scan found: size, mtime, hash, the entry it is), and one row per sync run. `files.storage`
 * tells whether an entry's bytes live in the store (`object`) or only in watched folders
 * (`in_place`: indexed where they are, nothing copied).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE files ADD COLUMN storage TEXT NOT NULL DEFAULT 'object' CHECK (storage IN ('object','in_place'))`.execute(db)

  await sql`
    CREATE TABLE watched_folders (
      id              INTEGER PRIMARY KEY,
      path            TEXT    NOT NULL UNIQUE CHECK (length(path) > 0),
      mode            TEXT    NOT NULL DEFAULT 'index' CHECK (mode IN ('index','import')),
      ignore_json     TEXT    NOT NULL DEFAULT '[]' CHECK (json_valid(ignore_json) AND json_type(ignore_json) = 'array'),
      enabled         INTEGER NOT NULL DEFAULT 1 CHECK (enabled IN (0, 1)),
      interval_ms     INTEGER NOT NULL DEFAULT 86400000 CHECK (interval_ms >= 60000),
      created_at      INTEGER NOT NULL,
      last_scan_at    INTEGER,
      next_scan_at    INTEGER,
      state           TEXT    NOT NULL DEFAULT 'idle' CHECK (state IN ('idle','scanning','offline','error')),
      last_error      TEXT,
      scan_generation INTEGER NOT NULL DEFAULT 0,
      case_sensitive  INTEGER CHECK (case_sensitive IN (0, 1))
    ) STRICT`.execute(db)

  await sql`
    CREATE TABLE file_records (
      id              INTEGER PRIMARY KEY,
      folder_id       INTEGER NOT NULL REFERENCES watched_folders(id) ON DELETE CASCADE,
      rel_path        TEXT    NOT NULL CHECK (length(rel_path) > 0),
      path_key        TEXT    NOT NULL,
      disk_path       TEXT,
      size            INTEGER NOT NULL CHECK (size >= 0),
      mtime_ms        REAL    NOT NULL,
      sha256          TEXT    CHECK (sha256 IS NULL OR (length(sha256) = 64 AND sha256 NOT GLOB '*[^0-9a-f]*')),
      file_id         INTEGER REFERENCES files(id) ON DELETE SET NULL,
      scan_generation INTEGER NOT NULL,
      last_scanned    INTEGER NOT NULL,
      UNIQUE (folder_id, rel_path)
    ) STRICT`.execute(db)
  await sql`CREATE UNIQUE INDEX file_records_by_key ON file_records (folder_id, path_key)`.execute(db)
  await sql`CREATE INDEX file_records_by_generation ON file_records (folder_id, scan_generation)`.execute(db)
  await sql`CREATE INDEX file_records_by_file ON file_records (file_id) WHERE file_id IS NOT NULL`.execute(db)
  await sql`CREATE INDEX file_sources_by_folder ON file_sources (folder_id, path) WHERE folder_id IS NOT NULL`.execute(db)

  await sql`
    CREATE TABLE sync_operations (
      id            INTEGER PRIMARY KEY,
      folder_id     INTEGER REFERENCES watched_folders(id) ON DELETE SET NULL,
      folder_path   TEXT    NOT NULL,
      type          TEXT    NOT NULL CHECK (type IN ('startup','realtime','scheduled','manual')),
      files_scanned INTEGER NOT NULL DEFAULT 0,
      files_added   INTEGER NOT NULL DEFAULT 0,
      files_updated INTEGER NOT NULL DEFAULT 0,
      files_removed INTEGER NOT NULL DEFAULT 0,
      files_hashed  INTEGER NOT NULL DEFAULT 0,
      bytes_hashed  INTEGER NOT NULL DEFAULT 0,
      errors_json   TEXT    NOT NULL DEFAULT '[]' CHECK (json_valid(errors_json)),
      status        TEXT    NOT NULL DEFAULT 'running' CHECK (status IN ('running','completed','failed')),
      started_at    INTEGER NOT NULL,
      finished_at   INTEGER,
      duration_ms   INTEGER,
      error         TEXT
    ) STRICT`.execute(db)
  await sql`CREATE INDEX sync_operations_by_time ON sync_operations (started_at, id)`.execute(db)
  await sql`CREATE INDEX sync_operations_by_folder ON sync_operations (folder_id, started_at, id)`.execute(db)
}
