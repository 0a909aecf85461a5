import { z } from 'zod'
import { idSchema } from './common'
import { defineMethod } from './define'

/** What only the desktop app can do with a file (UNAVAILABLE over loopback and in the CLI). */
export const desktopMethods = {
  /** Opens the file with the operating system's default app for its type. */
  'desktop:open-file': defineMethod<{ opened: true }>()(z.object({ id: idSchema }).strict()),
  /** Reveals the file in the system's file manager: a watched copy where there is one. */
  'desktop:show-in-folder': defineMethod<{ shown: true }>()(z.object({ id: idSchema }).strict()),
  /** Asks where to save, then writes an ordinary copy there; `path` null when cancelled. */
  'desktop:export-copy': defineMethod<{ path: string | null }>()(z.object({ id: idSchema }).strict()),
}
