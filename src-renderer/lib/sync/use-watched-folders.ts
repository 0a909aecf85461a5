import { useCallback } from 'react'
import type { WatchedFolderDto } from '../../../src-preload/contract'
import { useCall } from '../use-call'
import { useTroveEvent } from '../use-trove-event'
import { withFolder, withJobProgress } from './folder-list'

export interface WatchedFoldersState {
  folders: WatchedFolderDto[] | undefined
  error: ReturnType<typeof useCall<'sync:list-folders'>>['error']
  reload: () => void
  /** Put a folder main just answered with in place (after add, enable, disable), then read the list again. */
  put: (folder: WatchedFolderDto) => void
}

/**
 * The watched folders, kept current by `sync:folder-changed` (each event carries the folder as
 * it is now) and by the progress of their scan jobs; read again when the library changes.
 */
export function useWatchedFolders(): WatchedFoldersState {
  const state = useCall('sync:list-folders', {})
  const { value, setValue, reload } = state
  const folders = value?.folders

  useTroveEvent('sync:folder-changed', ({ folderId, folder }) => {
    if (folders) setValue({ folders: withFolder(folders, folderId, folder) })
    else reload()
  })
  useTroveEvent('jobs:job-changed', (job) => {
    const next = folders ? withJobProgress(folders, job) : null
    if (next) setValue({ folders: next })
  })
  useTroveEvent('app:library-changed', reload)

  // The answer may be older than events that overtook it (a small folder's first scan can end
  // first): show it at once, then read the list again so the newest state wins.
  const put = useCallback(
    (folder: WatchedFolderDto) => {
      setValue({ folders: withFolder(folders ?? [], folder.id, folder) })
      reload()
    },
    [folders, setValue, reload],
  )
  return { folders, error: state.error, reload, put }
}
