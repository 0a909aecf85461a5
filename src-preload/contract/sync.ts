import { z } from 'zod'
import { absolutePathSchema, idSchema } from './common'
import { defineEvent, defineMethod } from './define'

export type WatchModeDto = 'index' | 'import'

/**
 * What a watched folder is doing now. `idle`: known, but not watched by this process (the
 * command line outside `watch run`); `offline`: its root is missing (a drive unplugged).
 */
export type FolderStatusDto = 'watching' | 'polling' | 'scanning' | 'offline' | 'error' | 'disabled' | 'idle'

export interface WatchedFolderDto {
  id: number
  /** Absolute, as it was given. */
  path: string
  mode: WatchModeDto
  ignore: string[]
  enabled: boolean
  intervalMs: number
  createdAt: number
  lastScanAt: number | null
  nextScanAt: number | null
  status: FolderStatusDto
  /** While scanning: files looked at and read so far, and the job showing it. */
  progress: { filesScanned: number; filesHashed: number; bytesHashed: number; current: string | null; jobId: string | null } | null
  /** Why it is offline or in error; null otherwise. */
  lastError: string | null
  /** Polling instead of native notifications, and why (a network mount's type, or the errno). */
  pollingReason: string | null
  counts: {
    /** Files recorded in the folder. */
    files: number
    /** Distinct library entries they are. */
    entries: number
    bytes: number
  }
}

export interface SyncIssueDto {
  /** Relative to the folder. */
  path: string
  code: string
  message: string
}

export interface SyncOperationDto {
  id: number
  /** Null once the folder was removed (the history stays). */
  folderId: number | null
  folderPath: string
  type: 'startup' | 'realtime' | 'scheduled' | 'manual'
  status: 'running' | 'completed' | 'failed'
  filesScanned: number
  filesAdded: number
  filesUpdated: number
  filesRemoved: number
  filesHashed: number
  bytesHashed: number
  errors: SyncIssueDto[]
  startedAt: number
  finishedAt: number | null
  durationMs: number | null
  error: string | null
}

export interface SyncChangeDto {
  type: 'added' | 'updated' | 'moved' | 'removed'
  folderId: number
  path: string
  from?: string
  fileId: number | null
  sha256: string | null
  newEntry?: boolean
  restored?: boolean
  trashed?: boolean
}

/** A user's ignore pattern: gitignore-like globs (`*.raw`, `exports/`, `cache/**`). */
const patternSchema = z.string().trim().min(1).max(500)

export const syncMethods = {
  /**
   * Watches a folder (absolute, existing, not inside the library; the library folder inside
   * it is left out). Answers at once; the first scan runs in the background as a job.
   */
  'sync:add-folder': defineMethod<WatchedFolderDto>()(
    z
      .object({
        path: absolutePathSchema,
        mode: z.enum(['index', 'import']).optional(),
        ignore: z.array(patternSchema).max(200).optional(),
        intervalMs: z.number().int().min(60_000).max(365 * 24 * 3_600_000).optional(),
      })
      .strict(),
  ),
  /**
   * Stops watching and retires the folder's sources. `keepEntries: false` also moves to the
   * trash the entries whose bytes lived only there (tags and notes survive the trash period).
   */
  'sync:remove-folder': defineMethod<{ removed: true; sourcesRetired: number; trashed: number }>()(
    z.object({ folderId: idSchema, keepEntries: z.boolean() }).strict(),
  ),
  'sync:set-enabled': defineMethod<WatchedFolderDto>()(z.object({ folderId: idSchema, enabled: z.boolean() }).strict()),
  'sync:list-folders': defineMethod<{ folders: WatchedFolderDto[] }>()(z.object({}).strict()),
  /** Reconciles one folder (or every enabled one) now and answers with the operations. */
  'sync:scan': defineMethod<{ operations: SyncOperationDto[] }>()(z.object({ folderId: idSchema.optional() }).strict()),
  /** Sync operations, newest first, of one folder or all. */
  'sync:history': defineMethod<{ operations: SyncOperationDto[] }>()(
    z.object({ folderId: idSchema.optional(), limit: z.number().int().min(1).max(1000).default(50) }).strict(),
  ),
}

export const syncEvents = {
  /**
   * A folder was added, removed (`folder: null`), or its status changed, or a scan or watcher
   * batch changed entries (`changes`: what changed, at most 100 listed; `changeCount`: all).
   */
  'sync:folder-changed': defineEvent<{ folderId: number; folder: WatchedFolderDto | null; changes: SyncChangeDto[]; changeCount: number }>(),
}
