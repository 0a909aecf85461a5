import { z } from 'zod'
import type { Kysely } from 'kysely'
import type { Database } from '../db/schema'

/** Settings stored in the library itself (they travel with it), with their defaults. */
export const librarySettingsSchema = z.object({
  /** Files larger than this are rejected with TOO_LARGE. */
  maxFileBytes: z.number().int().positive().default(64 * 1024 ** 3),
  /** Trashed files are purged after this many days. */
  trashRetentionDays: z.number().int().min(1).max(3650).default(30),
  /** Scans (images and PDF pages without a text layer) are read by OCR in the background. */
  ocrEnabled: z.boolean().default(true),
})

export type LibrarySettings = z.infer<typeof librarySettingsSchema>

export async function readLibrarySettings(db: Kysely<Database>): Promise<LibrarySettings> {
  const rows = await db.selectFrom('settings').select(['key', 'value_json']).execute()
  const raw: Record<string, unknown> = {}
  for (const row of rows) raw[row.key] = JSON.parse(row.value_json)
  const parsed = librarySettingsSchema.safeParse(raw)
  return parsed.success ? parsed.data : librarySettingsSchema.parse({})
}

export async function writeLibrarySettings(db: Kysely<Database>, patch: Partial<LibrarySettings>): Promise<LibrarySettings> {
  const next = librarySettingsSchema.parse({ ...(await readLibrarySettings(db)), ...patch })
  await db.transaction().execute(async (trx) => {
    for (const [key, value] of Object.entries(patch)) {
      if (value === undefined) continue
      await trx
        .insertInto('settings')
        .values({ key, value_json: JSON.stringify(next[key as keyof LibrarySettings]) })
        .onConflict((oc) => oc.column('key').doUpdateSet({ value_json: JSON.stringify(next[key as keyof LibrarySettings]) }))
        .execute()
    }
  })
  return next
}
