import { sql } from 'kysely'
import type { GetFileInput } from '../../../src-preload/contract/files'
import { AppError } from '../common/app-error'
import { idList, type Db } from './file-dto'

/**
 * The id of the file a caller means: by id, by SHA-256, or by a unique SHA-256 prefix of at
 * least 6 hex characters. NOT_FOUND when nothing matches; INVALID_INPUT when a prefix is
 * ambiguous (with the candidates, so a person can type more of the one they mean).
 */
export async function resolveFileRef(db: Db, ref: GetFileInput): Promise<number> {
  if ('id' in ref) {
    const row = await db.selectFrom('files').select('id').where('id', '=', ref.id).executeTakeFirst()
    if (!row) throw new AppError('NOT_FOUND', `There is no file with id ${ref.id} in this library.`, { id: ref.id })
    return row.id
  }
  const prefix = ref.sha256.toLowerCase()
  if (!/^[0-9a-f]{6,64}$/.test(prefix)) {
    throw new AppError('INVALID_INPUT', 'Name a file by its SHA-256 or at least its first 6 hex characters.')
  }
  // A range on the unique index: every hash that starts with the prefix ('g' sorts after 'f').
  const { rows } = await sql<{ id: number; sha256: string }>`
    SELECT id, sha256 FROM files WHERE sha256 >= ${prefix} AND sha256 < ${`${prefix}g`} ORDER BY sha256 LIMIT 5`.execute(db)
  if (rows.length === 0) throw new AppError('NOT_FOUND', `No file in this library has a SHA-256 starting with ${prefix}.`, { sha256: prefix })
  if (rows.length > 1) {
    throw new AppError('INVALID_INPUT', `Several files have a SHA-256 starting with ${prefix}: give more characters.`, {
      candidates: rows.map((r) => r.sha256),
    })
  }
  return rows[0]!.id
}

/** Refuses with NOT_FOUND (changing nothing) unless every id names a file of this library. */
export async function requireFileIds(db: Db, ids: readonly number[]): Promise<number[]> {
  const unique = [...new Set(ids)]
  const { rows } = await sql<{ id: number }>`SELECT id FROM files WHERE id IN ${idList(unique)}`.execute(db)
  if (rows.length !== unique.length) {
    const found = new Set(rows.map((r) => r.id))
    const missing = unique.filter((id) => !found.has(id))
    throw new AppError(
      'NOT_FOUND',
      missing.length === 1
        ? `There is no file with id ${missing[0]} in this library; nothing was changed.`
        : `${missing.length} of the files are not in this library (ids ${missing.slice(0, 5).join(', ')}${missing.length > 5 ? ', …' : ''}); nothing was changed.`,
      { missing: missing.slice(0, 100) },
    )
  }
  return unique
}
