import { join } from 'node:path'
import { z } from 'zod'
import { errnoOf } from '../common/app-error'
import { writeFileAtomic, type FsSeam } from '../common/fs-seam'
import type { Logger } from '../common/logger'

const windowBoundsSchema = z.object({
  x: z.number().int().optional(),
  y: z.number().int().optional(),
  width: z.number().int().min(200).max(20000),
  height: z.number().int().min(200).max(20000),
  maximized: z.boolean().default(false),
})

const appSettingsSchema = z.object({
  libraryPath: z.string().min(1).optional(),
  window: windowBoundsSchema.optional(),
})

export type AppSettings = z.infer<typeof appSettingsSchema>
export type WindowBounds = z.infer<typeof windowBoundsSchema>

export const SETTINGS_FILE = 'settings.json'

/**
 * Per-user settings kept outside any library, in one JSON file written atomically.
 * A missing or unreadable file means defaults (and is logged), never a crash at start-up.
 */
export class AppSettingsStore {
  private cache: AppSettings | null = null

  constructor(
    private readonly fs: FsSeam,
    private readonly configDir: string,
    private readonly logger: Logger,
  ) {}

  get file(): string {
    return join(this.configDir, SETTINGS_FILE)
  }

  async read(): Promise<AppSettings> {
    if (this.cache) return this.cache
    let settings: AppSettings = {}
    try {
      const raw = await this.fs.readFile(this.file, 'utf8')
      const parsed = appSettingsSchema.safeParse(JSON.parse(raw))
      if (parsed.success) settings = parsed.data
      else this.logger.warn('settings file ignored: unexpected shape', { file: this.file })
    } catch (err) {
      if (errnoOf(err) !== 'ENOENT') this.logger.warn('settings file ignored: unreadable', { file: this.file, error: err })
    }
    this.cache = settings
    return settings
  }

  async update(patch: Partial<AppSettings>): Promise<AppSettings> {
    const next = { ...(await this.read()), ...patch }
    await this.fs.mkdir(this.configDir, { recursive: true })
    await writeFileAtomic(this.fs, this.file, `${JSON.stringify(next, null, 2)}\n`)
    this.cache = next
    return next
  }
}
