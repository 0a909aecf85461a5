import { z } from 'zod'
import { absolutePathSchema } from './common'
import { defineMethod } from './define'

export interface BackupCountsDto {
  files: number
  objects: number
  bytes: number
  tags: number
  collections: number
}

/** `trove-backup.json`: written last; its presence (without a partial marker) is what makes a backup complete. */
export interface BackupManifestDto {
  format: number
  appVersion: string
  /** ISO 8601. */
  createdAt: string
  libraryPath: string
  libraryId: string | null
  counts: BackupCountsDto
  vaultFiles: number
  database: { file: 'trove.db'; sha256: string; bytes: number; schemaVersion: number }
  copiedThisRun: number
  problems: number
  complete: true
}

export interface BackupProblemDto {
  kind: 'missing' | 'corrupt' | 'unreadable'
  sha256: string
  /** Relative to the library or backup folder. */
  path: string
  message: string
}

export interface BackupReportDto {
  destination: string
  resumed: boolean
  incremental: boolean
  manifest: BackupManifestDto
  objectsCopied: number
  objectsSkipped: number
  bytesCopied: number
  vaultFilesCopied: number
  problems: BackupProblemDto[]
  seconds: number
}

export interface BackupVerifyReportDto {
  backup: string
  manifest: BackupManifestDto
  objectsChecked: number
  bytesChecked: number
  problems: BackupProblemDto[]
  database: { sha256Matches: boolean; integrity: string[] }
  ok: boolean
}

export type BackupIntervalDto = 'off' | 'daily' | 'weekly'

export interface LastBackupDto {
  destination: string
  startedAt: number
  finishedAt: number
  outcome: 'completed' | 'failed' | 'cancelled'
  objectsCopied: number
  problems: number
  error: string | null
  verifiedAt: number | null
  verifyOk: boolean | null
  verifyProblems: number | null
}

export interface BackupStatusDto {
  schedule: { destination: string | null; interval: BackupIntervalDto }
  last: LastBackupDto | null
  nextDueAt: number | null
  runningJobId: string | null
}

export interface RestoreReportDto {
  library: string
  backup: string
  backupCreatedAt: string
  files: number
  tags: number
  collections: number
  objectsVerified: number
  bytes: number
  vaultFiles: number
  problems: BackupProblemDto[]
  missingEntries: number
  ok: boolean
}

export interface MoveReportDto {
  from: string
  to: string
  objectsCopied: number
  objectsVerified: number
  bytesCopied: number
  thumbsCopied: number
  vaultFiles: number
  problems: BackupProblemDto[]
  remembered: boolean
  seconds: number
}

export const backupMethods = {
  /**
   * Backs the open library up into a folder (default: the scheduled destination). Answers when
   * done; progress meanwhile as a `backup` job (`jobs:job-changed`).
   */
  'backup:run': defineMethod<BackupReportDto>()(z.object({ destination: absolutePathSchema.optional() }).strict()),
  /** Re-reads a backup: every object against its name, the database's hash and integrity. */
  'backup:verify': defineMethod<BackupVerifyReportDto>()(z.object({ destination: absolutePathSchema }).strict()),
  /** The schedule, the last backup (and its verification), when the next one is due. */
  'backup:status': defineMethod<BackupStatusDto>()(z.object({}).strict()),
  'backup:set-schedule': defineMethod<BackupStatusDto>()(
    z.object({ destination: absolutePathSchema.nullable().optional(), interval: z.enum(['off', 'daily', 'weekly']).optional() }).strict(),
  ),
  /** Restores a complete backup into a new (missing or empty) folder; does not switch to it. */
  'backup:restore': defineMethod<RestoreReportDto>()(z.object({ backup: absolutePathSchema, library: absolutePathSchema }).strict()),
  /** Moves the open library to a new (missing or empty) folder and switches to it; the old folder is kept. */
  'library:move': defineMethod<MoveReportDto>()(z.object({ destination: absolutePathSchema }).strict()),
  /** After a move: deletes the old folder (only an old copy of the open library). */
  'library:delete-old-copy': defineMethod<{ deleted: string }>()(z.object({ path: absolutePathSchema }).strict()),
}
