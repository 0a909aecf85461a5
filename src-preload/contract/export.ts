import { z } from 'zod'
import { absolutePathSchema, idSchema } from './common'
import { defineMethod } from './define'

/** What to export: chosen files, a collection (its subcollections become subfolders), a tag, or (on its own) the diary. */
export const exportSelectionSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('files'), fileIds: z.array(idSchema).min(1).max(100_000) }).strict(),
  z.object({ kind: z.literal('collection'), id: idSchema }).strict(),
  z.object({ kind: z.literal('tag'), id: idSchema }).strict(),
  /** The diary as Markdown with its media, decrypted: only while unlocked, never part of the others. */
  z.object({ kind: z.literal('diary') }).strict(),
])

export type ExportSelectionDto = z.infer<typeof exportSelectionSchema>

export const exportMethods = {
  /**
   * Copies files out as a real folder tree with their names, plus `trove-export.json` (tags,
   * notes, sources, collections). Into `dest` when it is missing or empty, else into a fresh
   * subfolder of it; nothing is overwritten. Starts a job (`kind: 'export'`) and answers at once.
   */
  'export:run': defineMethod<{ jobId: string; folder: string }>()(
    z.object({ dest: absolutePathSchema, selection: exportSelectionSchema }).strict(),
  ),
}
