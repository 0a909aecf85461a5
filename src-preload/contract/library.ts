import { z } from 'zod'
import { absolutePathSchema, idSchema } from './common'
import { defineMethod } from './define'

export const libraryMethods = {
  /**
   * Imports files and folders by path (Electron drops, dialogs, the CLI). Starts a job and
   * answers at once; progress arrives as `jobs:job-changed`, outcomes in the import history.
   */
  'library:import': defineMethod<{ jobId: string; batchId: string }>()(
    z
      .object({
        paths: z.array(absolutePathSchema).min(1).max(10_000),
        collectionId: idSchema.nullable().optional(),
        keepFolders: z.boolean().optional(),
      })
      .strict(),
  ),
}
