import type { Kysely } from 'kysely'
import { z } from 'zod'
import type { Database } from '../db/schema'

const SCHEDULE_KEY = 'backup.schedule'
const LAST_KEY = 'backup.last'

export const BACKUP_INTERVALS = ['off', 'daily', 'weekly'] as const
export type BackupInterval = (typeof BACKUP_INTERVALS)[number]
export const INTERVAL_MS: Record<Exclude<BackupInterval, 'off'>, number> = { daily: 24 * 3600_000, weekly: 7 * 24 * 3600_000 }

export const RETRY_AFTER_FAILURE_MS = 3600_000

const scheduleSchema = z.object({
  destination: z.string().min(1).nullable().default(null),
  interval: z.enum(BACKUP_INTERVALS).default('off'),
})

const lastSchema = z.object({
  destination: z.string(),
  startedAt: z.number(),
  finishedAt: z.number(),
  outcome: z.enum(['completed', 'failed', 'cancelled']),
  /** Objects copied and read back in that run; problems found (missing or damaged in the library). */
  objectsCopied: z.number().int().default(0),
  problems: z.number().int().default(0),
  error: z.string().nullable().default(null),
  /** The last `backup verify` of that destination, if any. */
  verifiedAt: z.number().nullable().default(null),
  verifyOk: z.boolean().nullable().default(null),
  verifyProblems: z.number().int().nullable().default(null),
})

export type BackupSchedule = z.infer<typeof scheduleSchema>
export type LastBackup = z.infer<typeof lastSchema>

/**
 * The backup schedule and the last backup's result live in the library's `settings` table (they
 * travel with the library, like its other settings). No table of their own: one row each.
 */
async function readKey<T>(db: Kysely<Database>, key: string, schema: z.ZodType<T>): Promise<T | null> {
  const row = await db.selectFrom('settings').select('value_json').where('key', '=', key).executeTakeFirst()
  if (!row) return null
  const parsed = schema.safeParse(JSON.parse(row.value_json))
  return parsed.success ? parsed.data : null
}

async function writeKey(db: Kysely<Database>, key: string, value: unknown): Promise<void> {
  const json = JSON.stringify(value)
  await db.insertInto('settings').values({ key, value_json: json }).onConflict((oc) => oc.column('key').doUpdateSet({ value_json: json })).execute()
}

export const readSchedule = async (db: Kysely<Database>): Promise<BackupSchedule> => (await readKey(db, SCHEDULE_KEY, scheduleSchema)) ?? scheduleSchema.parse({})

export async function writeSchedule(db: Kysely<Database>, patch: Partial<BackupSchedule>): Promise<BackupSchedule> {
  const next = scheduleSchema.parse({ ...(await readSchedule(db)), ...patch })
  await writeKey(db, SCHEDULE_KEY, next)
  return next
}

export const readLastBackup = (db: Kysely<Database>): Promise<LastBackup | null> => readKey(db, LAST_KEY, lastSchema)

export async function writeLastBackup(db: Kysely<Database>, last: z.input<typeof lastSchema>): Promise<LastBackup> {
  const value = lastSchema.parse(last)
  await writeKey(db, LAST_KEY, value)
  return value
}

/** When the next scheduled backup is due (epoch ms), or null when none is scheduled. */
export function nextDueAt(schedule: BackupSchedule, last: LastBackup | null): number | null {
  if (schedule.interval === 'off' || !schedule.destination) return null
  if (!last || last.destination !== schedule.destination) return 0
  // A failed run (a drive not plugged in) is tried again an hour later, not at every tick.
  if (last.outcome !== 'completed') return last.finishedAt + RETRY_AFTER_FAILURE_MS
  return last.finishedAt + INTERVAL_MS[schedule.interval]
}
