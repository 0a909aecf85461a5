import { relative, resolve, sep } from 'node:path'
import type { Kysely } from 'kysely'
import { AppError, fromFsError } from '../common/app-error'
import type { FsSeam } from '../common/fs-seam'
import type { SqliteHandle } from '../db/connection'
import type { Database, WatchMode } from '../db/schema'
import { cleanPatterns } from './ignore-rules'
import { folderRows } from './sync-queries'

const DAY_MS = 24 * 60 * 60 * 1000

export interface AddFolderInput {
  path: string
  mode?: WatchMode
  ignore?: string[]
  intervalMs?: number
}

/** The real path of an existing folder; NOT_FOUND, NOT_A_FOLDER or PERMISSION_DENIED otherwise. */
export async function realDirectory(fs: FsSeam, path: string): Promise<string> {
  let stat
  try {
    stat = await fs.stat(path)
  } catch (err) {
    throw fromFsError(err, 'open the folder', path)
  }
  if (!stat.isDirectory()) throw new AppError('NOT_A_FOLDER', `${path} is a file, not a folder.`, { path })
  return fs.realpath(path)
}

export const isInside = (path: string, root: string): boolean =>
  path === root || path.startsWith(root.endsWith(sep) ? root : root + sep) || relative(root, path) === ''

export const offlineMessage = (path: string): string =>
  `${path} is not there (a drive unplugged or a network share away?): nothing was changed; it will be looked at again when it is back.`

/**
 * Checks a folder to watch and records it: it must exist, be a folder, lie outside the library,
 * and neither be nor hold nor sit inside a folder already watched (the library inside it is fine:
 * it is left out). Returns the new row's id.
 */
export async function insertFolder(db: Kysely<Database>, fs: FsSeam, libraryRoot: string, input: AddFolderInput, now: number): Promise<number> {
  const path = resolve(input.path)
  const real = await realDirectory(fs, path)
  const libraryReal = await fs.realpath(libraryRoot)
  if (isInside(real, libraryReal)) throw new AppError('INVALID_INPUT', `${path} is inside the library folder; choose a folder outside it.`, { path })
  for (const other of await folderRows(db)) {
    const otherReal = await fs.realpath(other.path).catch(() => resolve(other.path))
    if (otherReal === real || other.path === path) throw new AppError('ALREADY_EXISTS', `${path} is already watched.`, { path, folderId: other.id })
    if (isInside(real, otherReal) || isInside(otherReal, real)) {
      throw new AppError('ALREADY_EXISTS', `${path} overlaps the watched folder ${other.path}; watch one or the other.`, { path, folderId: other.id })
    }
  }
  const { id } = await db
    .insertInto('watched_folders')
    .values({ path, mode: input.mode ?? 'index', ignore_json: JSON.stringify(cleanPatterns(input.ignore ?? [])), interval_ms: input.intervalMs ?? DAY_MS, created_at: now })
    .returning('id')
    .executeTakeFirstOrThrow()
  return id
}

/**
 * Forgets a folder in one transaction: its watch sources go, its records with it; with
 * `keepEntries: false`, entries whose bytes lived only in watched folders and that have no
 * source left go to the trash. The history keeps its operations (folder_id set to null).
 */
export function deleteFolder(sqlite: SqliteHandle, folderId: number, keepEntries: boolean, now: number): { removed: true; sourcesRetired: number; trashed: number } {
  return sqlite.transaction(() => {
    const fileIds = sqlite.prepare<[number], number>("SELECT DISTINCT file_id FROM file_sources WHERE kind = 'watch' AND folder_id = ?").pluck().all(folderId)
    const sourcesRetired = sqlite.prepare("DELETE FROM file_sources WHERE kind = 'watch' AND folder_id = ?").run(folderId).changes
    let trashed = 0
    if (!keepEntries) {
      const trash = sqlite.prepare(
        `UPDATE files SET trashed_at = ? WHERE id = ? AND storage = 'in_place' AND trashed_at IS NULL
           AND NOT EXISTS (SELECT 1 FROM file_sources WHERE file_id = files.id)`,
      )
      for (const id of fileIds) trashed += trash.run(now, id).changes
    }
    sqlite.prepare('DELETE FROM watched_folders WHERE id = ?').run(folderId)
    return { removed: true as const, sourcesRetired, trashed }
  })()
}
