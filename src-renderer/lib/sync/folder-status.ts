import type { FolderStatusDto, SyncOperationDto, WatchedFolderDto } from '../../../src-preload/contract'
import { formatBytes } from '../format-bytes'

const count = (n: number) => n.toLocaleString('en')
export const plural = (n: number, one: string, many = `${one}s`) => `${count(n)} ${n === 1 ? one : many}`

/** The last part of a folder's path: "Photos" for /home/ana/Photos (or the path itself). */
export function folderName(path: string): string {
  const parts = path.split(/[\\/]+/).filter(Boolean)
  return parts.at(-1) ?? path
}

export const STATUS_LABEL: Record<FolderStatusDto, string> = {
  watching: 'Watching',
  polling: 'Polling',
  scanning: 'Scanning',
  offline: 'Offline',
  error: 'Error',
  disabled: 'Paused',
  idle: 'Not watched now',
}

export const STATUS_COLOR: Record<FolderStatusDto, string> = {
  watching: 'teal',
  polling: 'yellow',
  scanning: 'blue',
  offline: 'gray',
  error: 'red',
  disabled: 'gray',
  idle: 'gray',
}

/** One sentence on what the folder is doing, for under its status badge. */
export function statusDetail(folder: WatchedFolderDto): string {
  switch (folder.status) {
    case 'watching':
      return 'Changes on disk appear in the library within about a second.'
    case 'polling':
      return `Looking for changes every few seconds instead of being told of them${folder.pollingReason ? ` (${folder.pollingReason})` : ''}.`
    case 'scanning':
      return folder.progress ? scanProgress(folder.progress) : 'Comparing the folder with the library…'
    case 'offline':
      return 'The folder is not there (a drive unplugged, a share unmounted?). Its files stay in the library, marked unavailable, and it is looked at again when it is back.'
    case 'error':
      return folder.lastError ?? 'The last scan failed.'
    case 'disabled':
      return 'Not watched or scanned until you turn it back on. Its files stay in the library.'
    case 'idle':
      return 'Known to the library, but not watched by this process.'
  }
}

/** "1,234 files looked at, 56 read (12 MB)". */
export function scanProgress(progress: NonNullable<WatchedFolderDto['progress']>): string {
  const read = progress.filesHashed > 0 ? `, ${count(progress.filesHashed)} read (${formatBytes(progress.bytesHashed)})` : ''
  return `${plural(progress.filesScanned, 'file')} looked at${read}`
}

/** "3 added, 1 changed, 2 removed" or "No changes"; errors counted separately. */
export function operationOutcome(op: Pick<SyncOperationDto, 'status' | 'filesAdded' | 'filesUpdated' | 'filesRemoved' | 'errors' | 'error'>): string {
  if (op.status === 'running') return 'Running…'
  if (op.status === 'failed') return op.error ?? 'Failed'
  const parts: string[] = []
  if (op.filesAdded) parts.push(`${count(op.filesAdded)} added`)
  if (op.filesUpdated) parts.push(`${count(op.filesUpdated)} changed`)
  if (op.filesRemoved) parts.push(`${count(op.filesRemoved)} removed`)
  if (op.errors.length) parts.push(plural(op.errors.length, 'problem'))
  return parts.length ? parts.join(', ') : 'No changes'
}

export const OPERATION_TYPE_LABEL: Record<SyncOperationDto['type'], string> = {
  startup: 'At start-up',
  realtime: 'Live change',
  scheduled: 'Scheduled',
  manual: 'On request',
}

export interface SyncSummary {
  text: string
  tone: 'quiet' | 'busy' | 'warning'
}

/**
 * The shell's one line for all folders: a scan in progress first, then folders that need the
 * person (offline, error), then what is being watched. Null when no folder is watched.
 */
export function summarizeFolders(folders: readonly WatchedFolderDto[]): SyncSummary | null {
  if (folders.length === 0) return null
  const scanning = folders.find((f) => f.status === 'scanning')
  if (scanning) {
    const files = scanning.progress ? ` ${count(scanning.progress.filesScanned)} files` : ''
    return { text: `Scanning ${folderName(scanning.path)}…${files}`, tone: 'busy' }
  }
  const offline = folders.filter((f) => f.status === 'offline').length
  const failed = folders.filter((f) => f.status === 'error').length
  if (offline || failed) {
    const parts = [offline ? `${plural(offline, 'folder')} offline` : '', failed ? `${plural(failed, 'folder')} with a problem` : '']
    return { text: parts.filter(Boolean).join(', '), tone: 'warning' }
  }
  const live = folders.filter((f) => f.status === 'watching' || f.status === 'polling').length
  if (live > 0) return { text: `Watching ${plural(live, 'folder')}`, tone: 'quiet' }
  if (folders.every((f) => f.status === 'disabled')) return { text: 'Watching paused', tone: 'quiet' }
  return { text: plural(folders.length, 'watched folder'), tone: 'quiet' }
}
