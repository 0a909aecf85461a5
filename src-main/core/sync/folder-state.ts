import type { FolderWatcher } from './folder-watcher'
import type { IgnoreRules } from './ignore-rules'
import type { FolderRun, RunProgress, RunTally } from './reconciler'
import { parseIgnore, type FolderLiveState, type FolderRow } from './sync-queries'

/** What this process knows of one watched folder beyond its row. */
export interface FolderRuntime {
  id: number
  watcher: FolderWatcher | null
  rootReal: string | null
  /** `dev:ino` of the root when it was attached: another folder at the same path is a different root. */
  rootId: string | null
  rules: IgnoreRules | null
  /** The root is on a local disk (not a network mount). */
  local: boolean
  offline: boolean
  error: string | null
  pollingReason: string | null
  progress: (RunProgress & { jobId: string | null }) | null
  scanTimer: NodeJS.Timeout | null
  rootTimer: NodeJS.Timeout | null
  /** A root check (and the scan it started) is under way. */
  checking: boolean
}

export const newRuntime = (id: number): FolderRuntime => ({
  id, watcher: null, rootReal: null, rootId: null, rules: null, local: false, offline: false, error: null, pollingReason: null, progress: null,
  scanTimer: null, rootTimer: null, checking: false,
})

/** The status the contract shows: the row's facts, overridden by what this process is doing. */
export function liveState(row: FolderRow, rt: FolderRuntime | undefined): FolderLiveState {
  const base = { progress: null, lastError: row.last_error, pollingReason: rt?.pollingReason ?? null }
  if (!row.enabled) return { ...base, status: 'disabled' }
  if (rt?.progress) {
    const p = rt.progress
    return { ...base, status: 'scanning', progress: { filesScanned: p.scanned, filesHashed: p.hashed, bytesHashed: p.bytesHashed, current: p.current, jobId: p.jobId } }
  }
  if (rt?.offline || (!rt && row.state === 'offline')) return { ...base, status: 'offline', lastError: rt?.error ?? row.last_error }
  if (rt?.error || (!rt && row.state === 'error')) return { ...base, status: 'error', lastError: rt?.error ?? row.last_error }
  if (rt?.watcher) return { ...base, status: rt.watcher.mode === 'polling' ? 'polling' : 'watching' }
  return { ...base, status: 'idle' }
}

export function folderRun(row: FolderRow): FolderRun {
  return {
    id: row.id, path: row.path, mode: row.mode, ignore: parseIgnore(row.ignore_json), caseSensitive: row.case_sensitive !== 0,
    generation: row.scan_generation, batchId: `watch-${row.id}-${row.scan_generation}`,
  }
}

/** "1200 files looked at, 3 added, …" for the job's last line. */
export function scanSummary(tally: RunTally): string {
  const parts = [`${tally.scanned} files looked at`, `${tally.added} added`, `${tally.updated} updated`, `${tally.removed} removed`]
  if (tally.issueCount) parts.push(`${tally.issueCount} could not be read`)
  return parts.join(', ')
}
