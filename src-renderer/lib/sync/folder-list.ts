import type { JobDto, WatchedFolderDto } from '../../../src-preload/contract'

/** `folders` with `folder` put in its place (or appended), or taken out when `folder` is null. */
export function withFolder(folders: readonly WatchedFolderDto[], folderId: number, folder: WatchedFolderDto | null): WatchedFolderDto[] {
  const at = folders.findIndex((f) => f.id === folderId)
  if (folder === null) return at < 0 ? [...folders] : folders.filter((f) => f.id !== folderId)
  if (at < 0) return [...folders, folder]
  return folders.map((f, i) => (i === at ? folder : f))
}

/** A scan's job moved on: its folder's progress follows (the folder events come at start and end only). */
export function withJobProgress(folders: readonly WatchedFolderDto[], job: JobDto): WatchedFolderDto[] | null {
  const at = folders.findIndex((f) => f.progress?.jobId === job.id)
  if (at < 0 || job.state !== 'running') return null
  const folder = folders[at]!
  const progress = { ...folder.progress!, filesScanned: job.itemsDone, bytesHashed: job.bytesDone, current: job.current }
  return folders.map((f, i) => (i === at ? { ...folder, progress } : f))
}
