import { sql, type Kysely } from 'kysely'

/**
 * One row per folder inside a watched folder that holds records: what its files looked like
 * (names, sizes, mtimes: a digest) when its records last matched them exactly. A rescan that
 * finds the same listing on disk need not compare that folder's files one by one. Triggers
 * keep it honest whoever writes: a record added, removed, moved or changed in size or mtime
 * clears its folder's listing (and gives a new folder its row). Existing records get their
 * folders, listing unknown.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE folder_listings (
      folder_id INTEGER NOT NULL REFERENCES watched_folders(id) ON DELETE CASCADE,
      dir_key   TEXT    NOT NULL CHECK (dir_key = '' OR dir_key GLOB '*/'),
      listing   TEXT,
      PRIMARY KEY (folder_id, dir_key)
    ) STRICT, WITHOUT ROWID`.execute(db)
  // A record's folder: its path_key up to the last '/', inclusive ('' at the root).
  await sql`
    INSERT INTO folder_listings (folder_id, dir_key)
    SELECT DISTINCT folder_id, rtrim(path_key, replace(path_key, '/', '')) FROM file_records`.execute(db)
  // The folder a record leaves has its row already; only the one it arrives in may need one
  // (not inserted when it leaves because its watched folder is being deleted: cascade).
  const touch = (row: 'NEW' | 'OLD') => `${row === 'OLD' ? '' : `
    INSERT OR IGNORE INTO folder_listings (folder_id, dir_key) VALUES (${row}.folder_id, rtrim(${row}.path_key, replace(${row}.path_key, '/', '')));`}
    UPDATE folder_listings SET listing = NULL
      WHERE folder_id = ${row}.folder_id AND dir_key = rtrim(${row}.path_key, replace(${row}.path_key, '/', '')) AND listing IS NOT NULL;`
  await sql.raw(`CREATE TRIGGER file_records_added AFTER INSERT ON file_records BEGIN ${touch('NEW')} END`).execute(db)
  await sql.raw(`CREATE TRIGGER file_records_removed AFTER DELETE ON file_records BEGIN ${touch('OLD')} END`).execute(db)
  await sql
    .raw(`CREATE TRIGGER file_records_changed AFTER UPDATE OF folder_id, rel_path, path_key, disk_path, size, mtime_ms ON file_records BEGIN ${touch('OLD')} ${touch('NEW')} END`)
    .execute(db)
}
