import { z } from 'zod'
import { defineEvent, defineMethod } from './define'
import type { ErrorDto } from './errors'

/** Absolute folder path typed by the user or picked in a dialog. */
const folderPath = z
  .string()
  .trim()
  .min(1, 'a folder path is required')
  .max(4096, 'the path is too long')
  .refine((p) => !p.includes('\0'), 'the path contains a NUL character')

export interface LibraryInfoDto {
  /** Absolute path of the library folder. */
  path: string
  /** Version of the newest migration applied to trove.db. */
  schemaVersion: number
  /** Bytes free on the library's volume when it was opened. */
  freeBytes: number
  /** Row counts of the library's tables, by table name. */
  counts: Record<string, number>
}

export interface AppInfoDto {
  appName: string
  appVersion: string
  /** How the caller talks to main. */
  transport: 'electron' | 'loopback' | 'cli'
  platform: string
  versions: { node: string; sqlite: string; electron?: string; chrome?: string }
  /** The open library, or null before one is chosen (first run) or when it failed to open. */
  library: LibraryInfoDto | null
  /** Why the remembered or requested library could not be opened, if it could not. */
  libraryError: ErrorDto | null
  /** What the first-run screen proposes: TROVE_LIBRARY or ~/Trove. */
  defaultLibraryPath: string
  /** Whether a native folder picker exists on this transport. */
  canPickFolder: boolean
}

export const appMethods = {
  'app:info': defineMethod<AppInfoDto>()(z.object({}).strict()),
  /** Check, prepare and open a library folder, then remember it. */
  'app:choose-library': defineMethod<AppInfoDto>()(z.object({ path: folderPath }).strict()),
  /** Native folder dialog (Electron only); null when the user cancelled. */
  'app:pick-folder': defineMethod<{ path: string | null }>()(
    z.object({ title: z.string().max(200).optional() }).strict(),
  ),
}

export const appEvents = {
  /** The open library changed (chosen, closed or failed). */
  'app:library-changed': defineEvent<AppInfoDto>(),
}
