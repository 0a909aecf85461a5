import { join } from 'node:path'

/** The manifest of a complete backup: written last, atomically. */
export const MANIFEST_FILE = 'trove-backup.json'
/** Present while a backup is being written (and after one was interrupted): the backup is incomplete. */
export const PARTIAL_FILE = 'trove-backup.partial.json'
/** Version of the backup folder's format; a newer one is refused by restore. */
export const BACKUP_FORMAT = 1

/**
 * A backup folder: the library's database (a self-contained copy, rollback journal mode), its
 * objects under the same names, the vault as ciphertext, and a staging folder for copies in
 * flight (same filesystem, emptied at the start of each run). No thumbs/: they are rebuilt.
 */
export interface BackupLayout {
  root: string
  manifest: string
  partial: string
  database: string
  objects: string
  vault: string
  tmp: string
}

export function backupLayout(root: string): BackupLayout {
  return {
    root,
    manifest: join(root, MANIFEST_FILE),
    partial: join(root, PARTIAL_FILE),
    database: join(root, 'trove.db'),
    objects: join(root, 'objects'),
    vault: join(root, 'vault'),
    tmp: join(root, 'tmp'),
  }
}
