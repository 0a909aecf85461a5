import { join } from 'node:path'
import { sql, type Kysely } from 'kysely'
import { errnoOf } from '../common/app-error'
import type { FsSeam } from '../common/fs-seam'
import type { Database } from '../db/schema'

/**
 * Where the bytes of an `in_place` entry can be read now: the first available watch source
 * whose file is still the one recorded (same size and mtime, so it is still that content).
 * Null when every copy is offline, gone or changed. Used by the content resolver and the
 * preview queue; entries stored as objects never come here.
 */
export async function inPlacePath(db: Kysely<Database>, fs: FsSeam, fileId: number): Promise<string | null> {
  const { rows } = await sql<{ root: string; rel: string; size: number | null; mtime_ms: number | null }>`
    SELECT w.path AS root, coalesce(r.disk_path, s.path) AS rel, r.size AS size, r.mtime_ms AS mtime_ms
    FROM file_sources s
    JOIN watched_folders w ON w.id = s.folder_id
    LEFT JOIN file_records r ON r.folder_id = s.folder_id AND r.rel_path = s.path
    WHERE s.file_id = ${fileId} AND s.kind = 'watch' AND s.available = 1
    ORDER BY s.id`.execute(db)
  for (const row of rows) {
    const path = join(row.root, row.rel)
    try {
      const stat = await fs.stat(path)
      if (!stat.isFile()) continue
      if (row.size !== null && (stat.size !== row.size || stat.mtimeMs !== row.mtime_ms)) continue
      return path
    } catch (err) {
      if (errnoOf(err) === undefined) throw err
    }
  }
  return null
}
