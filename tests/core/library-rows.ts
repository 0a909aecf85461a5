import { createHash } from 'node:crypto'
import type { Transaction } from 'kysely'
import type { Database } from '../../src-main/core/db/schema'
import type { FileKind } from '../../src-main/core/db/schema'
import { refreshSearchEntry } from '../../src-main/core/library/search-index'
import type { TestLibrary } from '../support/library'

/** Rows inserted directly (no object on disk): for listing, search and paging tests. */
export interface FileSpec {
  name: string
  kind?: FileKind
  size?: number
  addedAt?: number
  note?: string
  body?: string
  /** Keep it within the retention period: opening a library purges older trash in the background. */
  trashedAt?: number | null
}

let counter = 0
export const fakeSha = (seed: string) => createHash('sha256').update(`${seed}:${counter++}`).digest('hex')

export async function insertFile(lib: TestLibrary, spec: FileSpec): Promise<number> {
  return lib.library.connection.db.transaction().execute((trx) => insertRow(trx, spec))
}

/** Many files in one transaction (one fsync), in order. */
export async function insertFiles(lib: TestLibrary, specs: FileSpec[]): Promise<number[]> {
  return lib.library.connection.db.transaction().execute(async (trx) => {
    const ids: number[] = []
    for (const spec of specs) ids.push(await insertRow(trx, spec))
    return ids
  })
}

async function insertRow(trx: Transaction<Database>, spec: FileSpec): Promise<number> {
  const row = await trx
    .insertInto('files')
    .values({
      sha256: fakeSha(spec.name), size: spec.size ?? 100, mime: 'application/octet-stream', kind: spec.kind ?? 'other', ext: 'bin',
      name: spec.name, note: spec.note ?? '', added_at: spec.addedAt ?? Date.now(), modified_at: null,
      trashed_at: spec.trashedAt ?? null, preview_error: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  await refreshSearchEntry(trx, row.id, spec.body ?? '')
  return row.id
}
