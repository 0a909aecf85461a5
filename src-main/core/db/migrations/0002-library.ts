import { sql, type Kysely } from 'kysely'

/**
 * The library proper: one `files` row per content (by SHA-256), where each came from
 * (`file_sources`), tags, nestable collections, the import history, resumable uploads, and
 * the FTS5 index over name, tags, note and text. Times are milliseconds since the epoch.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE files (
      id            INTEGER PRIMARY KEY,
      sha256        TEXT    NOT NULL UNIQUE CHECK (length(sha256) = 64 AND sha256 NOT GLOB '*[^0-9a-f]*'),
      size          INTEGER NOT NULL CHECK (size >= 0),
      mime          TEXT    NOT NULL,
      kind          TEXT    NOT NULL CHECK (kind IN ('image','video','audio','document','text','archive','other')),
      ext           TEXT    NOT NULL DEFAULT '',
      name          TEXT    NOT NULL,
      note          TEXT    NOT NULL DEFAULT '',
      added_at      INTEGER NOT NULL,
      modified_at   INTEGER,
      stored        INTEGER NOT NULL DEFAULT 1 CHECK (stored IN (0, 1)),
      trashed_at    INTEGER,
      metadata_json TEXT    NOT NULL DEFAULT '{}' CHECK (json_valid(metadata_json)),
      preview_state TEXT    NOT NULL DEFAULT 'pending' CHECK (preview_state IN ('pending','done','failed','none')),
      preview_error TEXT
    ) STRICT`.execute(db)
  // Keyset listing: each sort, live or trashed, walks one index in order.
  await sql`CREATE INDEX files_by_added ON files (trashed_at, added_at, id)`.execute(db)
  await sql`CREATE INDEX files_by_name ON files (trashed_at, name COLLATE NOCASE, id)`.execute(db)
  await sql`CREATE INDEX files_by_size ON files (trashed_at, size, id)`.execute(db)
  await sql`CREATE INDEX files_by_kind ON files (trashed_at, kind, added_at, id)`.execute(db)
  await sql`CREATE INDEX files_preview_pending ON files (preview_state) WHERE preview_state = 'pending'`.execute(db)

  await sql`
    CREATE TABLE file_sources (
      id            INTEGER PRIMARY KEY,
      file_id       INTEGER NOT NULL REFERENCES files(id) ON DELETE CASCADE,
      kind          TEXT    NOT NULL CHECK (kind IN ('upload','import','watch')),
      path          TEXT    NOT NULL,
      folder_id     INTEGER,
      original_name TEXT    NOT NULL,
      available     INTEGER NOT NULL DEFAULT 1 CHECK (available IN (0, 1)),
      first_seen_at INTEGER NOT NULL,
      last_seen_at  INTEGER NOT NULL
    ) STRICT`.execute(db)
  await sql`CREATE UNIQUE INDEX file_sources_unique ON file_sources (file_id, kind, ifnull(folder_id, 0), path)`.execute(db)
  await sql`CREATE INDEX file_sources_by_path ON file_sources (kind, path)`.execute(db)

  await sql`
    CREATE TABLE tags (
      id         INTEGER PRIMARY KEY,
      name       TEXT    NOT NULL UNIQUE COLLATE NOCASE CHECK (length(name) BETWEEN 1 AND 100),
      color      TEXT,
      created_at INTEGER NOT NULL
    ) STRICT`.execute(db)
  await sql`
    CREATE TABLE file_tags (
      file_id INTEGER NOT NULL REFERENCES files(id) ON DELETE CASCADE,
      tag_id  INTEGER NOT NULL REFERENCES tags(id) ON DELETE CASCADE,
      PRIMARY KEY (file_id, tag_id)
    ) STRICT, WITHOUT ROWID`.execute(db)
  await sql`CREATE INDEX file_tags_by_tag ON file_tags (tag_id, file_id)`.execute(db)

  await sql`
    CREATE TABLE collections (
      id         INTEGER PRIMARY KEY,
      name       TEXT    NOT NULL CHECK (length(name) BETWEEN 1 AND 255),
      parent_id  INTEGER REFERENCES collections(id) ON DELETE CASCADE,
      created_at INTEGER NOT NULL
    ) STRICT`.execute(db)
  await sql`CREATE UNIQUE INDEX collections_unique_name ON collections (ifnull(parent_id, 0), name COLLATE NOCASE)`.execute(db)
  await sql`
    CREATE TABLE collection_members (
      collection_id INTEGER NOT NULL REFERENCES collections(id) ON DELETE CASCADE,
      file_id       INTEGER NOT NULL REFERENCES files(id) ON DELETE CASCADE,
      added_at      INTEGER NOT NULL,
      PRIMARY KEY (collection_id, file_id)
    ) STRICT, WITHOUT ROWID`.execute(db)
  await sql`CREATE INDEX collection_members_by_file ON collection_members (file_id)`.execute(db)

  await sql`
    CREATE TABLE import_records (
      id             INTEGER PRIMARY KEY,
      batch_id       TEXT    NOT NULL,
      original_name  TEXT    NOT NULL,
      original_path  TEXT,
      outcome        TEXT    NOT NULL CHECK (outcome IN ('stored','duplicate','rejected','failed')),
      reason_code    TEXT,
      reason_message TEXT,
      size           INTEGER,
      mime           TEXT,
      sha256         TEXT,
      file_id        INTEGER REFERENCES files(id) ON DELETE SET NULL,
      started_at     INTEGER NOT NULL,
      finished_at    INTEGER NOT NULL
    ) STRICT`.execute(db)
  await sql`CREATE INDEX import_records_by_time ON import_records (started_at, id)`.execute(db)
  await sql`CREATE INDEX import_records_by_outcome ON import_records (outcome, started_at, id)`.execute(db)
  await sql`CREATE INDEX import_records_by_batch ON import_records (batch_id)`.execute(db)

  await sql`
    CREATE TABLE uploads (
      id            TEXT    PRIMARY KEY,
      name          TEXT    NOT NULL,
      expected_size INTEGER,
      received      INTEGER NOT NULL DEFAULT 0,
      batch_id      TEXT    NOT NULL,
      created_at    INTEGER NOT NULL,
      updated_at    INTEGER NOT NULL,
      expires_at    INTEGER NOT NULL
    ) STRICT`.execute(db)

  await sql`
    CREATE VIRTUAL TABLE files_fts USING fts5(
      name, tags, note, body,
      tokenize = 'unicode61 remove_diacritics 2',
      prefix = '2 3 4'
    )`.execute(db)
}
