import { sql, type Kysely } from 'kysely'
import { FILE_KIND_NAMES, type FileKindName, type KindStatsDto, type LibraryStatsDto } from '../../../src-preload/contract/files'
import type { Clock } from '../common/clock'
import type { Database } from '../db/schema'

const DAY_MS = 24 * 60 * 60 * 1000

/** Counts and sizes for the library overview. */
export class StatsService {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: Clock,
  ) {}

  async stats(): Promise<LibraryStatsDto> {
    const { rows: kinds } = await sql<{ kind: FileKindName; trashed: number; count: number; bytes: number; stored_bytes: number; missing: number }>`
      SELECT kind, trashed_at IS NOT NULL AS trashed, count(*) AS count, total(size) AS bytes,
             total(CASE WHEN stored = 1 AND storage = 'object' THEN size ELSE 0 END) AS stored_bytes, total(stored = 0) AS missing
      FROM files GROUP BY kind, trashed_at IS NOT NULL`.execute(this.db)
    const byKind = Object.fromEntries(FILE_KIND_NAMES.map((k) => [k, { count: 0, bytes: 0 }])) as Record<FileKindName, KindStatsDto>
    const live: KindStatsDto = { count: 0, bytes: 0 }
    const trashed: KindStatsDto = { count: 0, bytes: 0 }
    let storedBytes = 0
    let missing = 0
    for (const row of kinds) {
      const into = row.trashed ? trashed : live
      into.count += row.count
      into.bytes += row.bytes
      if (!row.trashed) byKind[row.kind] = { count: row.count, bytes: row.bytes }
      storedBytes += row.stored_bytes
      missing += row.missing
    }
    const tags = await this.db.selectFrom('tags').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()
    const collections = await this.db.selectFrom('collections').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()
    const { rows: outcomes } = await sql<{ outcome: keyof LibraryStatsDto['imports30d']; n: number }>`
      SELECT outcome, count(*) AS n FROM import_records WHERE started_at >= ${this.clock.now() - 30 * DAY_MS} GROUP BY outcome`.execute(this.db)
    const imports30d = { stored: 0, duplicate: 0, rejected: 0, failed: 0 }
    for (const row of outcomes) imports30d[row.outcome] = row.n
    return { byKind, live, trashed, storedBytes, missing, tags: Number(tags.n), collections: Number(collections.n), imports30d }
  }
}
