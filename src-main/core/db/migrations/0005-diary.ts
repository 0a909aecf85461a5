import { sql, type Kysely } from 'kysely'

/**
 * The encrypted diary. Nothing readable is stored: an entry is an opaque random id (which is
 * also the associated data its ciphertext is bound to), two times, and one sealed blob holding
 * its date, title, body, mood and tags. The date is sealed too: the timeline and the calendar
 * sort and group in memory after unlocking. A media item is an opaque id, its entry, sealed
 * metadata (name, mime, kind, size, dimensions, duration) and the names of its encrypted files
 * under vault/objects/ (random names, not hashes: equal plaintext must not show as equal files).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE diary_entries (
      id          TEXT    PRIMARY KEY CHECK (length(id) = 32 AND id NOT GLOB '*[^0-9a-f]*'),
      sealed      BLOB    NOT NULL CHECK (length(sealed) > 0),
      created_at  INTEGER NOT NULL,
      updated_at  INTEGER NOT NULL
    ) STRICT, WITHOUT ROWID`.execute(db)

  await sql`
    CREATE TABLE diary_media (
      id          TEXT    PRIMARY KEY CHECK (length(id) = 32 AND id NOT GLOB '*[^0-9a-f]*'),
      entry_id    TEXT    NOT NULL REFERENCES diary_entries(id) ON DELETE CASCADE,
      sealed      BLOB    NOT NULL CHECK (length(sealed) > 0),
      object_name TEXT    NOT NULL UNIQUE CHECK (object_name GLOB '[0-9a-f]*.tve' AND length(object_name) = 36),
      thumb_name  TEXT    UNIQUE CHECK (thumb_name IS NULL OR (thumb_name GLOB '[0-9a-f]*.tve' AND length(thumb_name) = 36)),
      added_at    INTEGER NOT NULL
    ) STRICT, WITHOUT ROWID`.execute(db)
  await sql`CREATE INDEX diary_media_by_entry ON diary_media (entry_id, added_at)`.execute(db)
}
