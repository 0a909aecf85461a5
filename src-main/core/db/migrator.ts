import type { Kysely } from 'kysely'
import { Migrator, type MigrationProvider } from 'kysely/migration'
import { AppError } from '../common/app-error'
import { migrations } from './migrations'

const provider: MigrationProvider = { getMigrations: async () => migrations }

/** The schema version a migration name stands for: its leading number. */
export const versionOf = (name: string): number => Number.parseInt(name.slice(0, 4), 10)

export const LATEST_SCHEMA_VERSION = Math.max(0, ...Object.keys(migrations).map(versionOf))

/** Applies every pending migration; returns the schema version the database is now at. */
export async function migrateToLatest(db: Kysely<unknown>): Promise<number> {
  const migrator = new Migrator({ db, provider })
  const { error, results } = await migrator.migrateToLatest()
  if (error) {
    if (error instanceof Error && /previously executed migration .* is missing/i.test(error.message)) {
      throw new AppError('UNAVAILABLE', 'This library was last opened by a newer version of Trove. Update Trove to open it.', undefined, { cause: error })
    }
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown'
    throw new AppError('CORRUPT', `The library database could not be upgraded (migration ${failed} failed).`, { migration: failed }, { cause: error })
  }
  return schemaVersion(migrator)
}

async function schemaVersion(migrator: Migrator): Promise<number> {
  const applied = (await migrator.getMigrations()).filter((m) => m.executedAt !== undefined)
  return Math.max(0, ...applied.map((m) => versionOf(m.name)))
}
