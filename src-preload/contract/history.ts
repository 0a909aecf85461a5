import { z } from 'zod'
import { defineMethod } from './define'

export const IMPORT_OUTCOMES = ['stored', 'duplicate', 'rejected', 'failed'] as const
export type ImportOutcomeName = (typeof IMPORT_OUTCOMES)[number]

/** One file an import saw, and what became of it. */
export interface ImportRecordDto {
  id: number
  batchId: string
  originalName: string
  /** The path it was imported from (imports only). */
  originalPath: string | null
  outcome: ImportOutcomeName
  /** An error code (why it was rejected or failed, or ALREADY_EXISTS for a duplicate). */
  reasonCode: string | null
  reasonMessage: string | null
  size: number | null
  mime: string | null
  sha256: string | null
  /** The library entry it became or matched; null if none, or once that entry was purged. */
  fileId: number | null
  startedAt: number
  finishedAt: number
}

const epochMs = z.number().int().min(0).max(8.64e15)

export const historyInputSchema = z
  .object({
    outcome: z.enum(IMPORT_OUTCOMES).optional(),
    /** Started at or after (epoch ms). */
    since: epochMs.optional(),
    /** Started at or before (epoch ms). */
    until: epochMs.optional(),
    /** Part of the original name, ignoring case. */
    name: z.string().min(1).max(500).optional(),
    batchId: z.string().min(1).max(100).optional(),
    cursor: z.string().min(1).max(1000).optional(),
    limit: z.number().int().min(1).max(500).default(100),
  })
  .strict()
  .refine((v) => v.since === undefined || v.until === undefined || v.since <= v.until, 'since must not be after until')

export type HistoryInput = z.output<typeof historyInputSchema>

export const historyMethods = {
  /** The import history, newest first, keyset-paged. */
  'history:list': defineMethod<{ items: ImportRecordDto[]; nextCursor: string | null }>()(historyInputSchema),
}
