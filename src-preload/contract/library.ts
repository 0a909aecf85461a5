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

export interface ObjectProblemDto {
  fileId: number | null
  sha256: string
  name: string | null
  /** Path relative to the library folder. */
  path: string
}

export interface VerifyReportDto {
  checked: number
  bytes: number
  missing: ObjectProblemDto[]
  corrupt: ObjectProblemDto[]
  orphans: ObjectProblemDto[]
  seconds: number
}

export interface StartupReportDto {
  missing: ObjectProblemDto[]
  recovered: number
  orphansSwept: number
  orphansPending: number
  partialsRemoved: number
}

export const integrityMethods = {
  /** Re-hashes every object (progress as a job) and reports what is missing, damaged or stray. */
  'library:verify': defineMethod<VerifyReportDto>()(z.object({}).strict()),
  /** What the cheap checks found when this library was opened. */
  'library:startup-report': defineMethod<StartupReportDto>()(z.object({}).strict()),
}

/** Settings kept in the library itself (they travel with it). */
export interface LibrarySettingsDto {
  /** Files larger than this are rejected with TOO_LARGE. */
  maxFileBytes: number
  /** Trashed files are deleted for good after this many days (at the next opening). */
  trashRetentionDays: number
  /** Scans (images and PDF pages without a text layer) are read by OCR in the background. */
  ocrEnabled: boolean
}

export const settingsMethods = {
  'library:get-settings': defineMethod<LibrarySettingsDto>()(z.object({}).strict()),
  /** Changes some settings; answers with all of them. Applies to imports and uploads at once. */
  'library:set-settings': defineMethod<LibrarySettingsDto>()(
    z
      .object({
        maxFileBytes: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER).optional(),
        trashRetentionDays: z.number().int().min(1).max(3650).optional(),
        ocrEnabled: z.boolean().optional(),
      })
      .strict(),
  ),
}
