import { useEffect, useRef } from 'react'
import type { PreviewChangedDto } from '../../src-preload/contract'
import { useTroveEvent } from './use-trove-event'

export interface LibraryChangeHandlers {
  /** Files were added, trashed, restored, purged, tagged or noted: read the list again. */
  onChanged: () => void
  /**
   * A preview appeared or failed: patch that one file. Answers false when the file is not
   * in the list and newer than any in it: then it arrived some other way, and the list is read
   * again (a fallback: imports run jobs and uploads announce their files).
   */
  onPreview: (change: PreviewChangedDto) => boolean
}

/** While an import runs, the list is read again at most this often (new files keep arriving). */
const WHILE_IMPORTING_MS = 2000
/** Other changes come in bursts (one per file of a bulk action): wait this long for the last. */
const SETTLE_MS = 250

/**
 * Turns main's events into list refreshes: at most one per interval, and always one after the
 * last event of a burst, so a 10,000-file import does not mean 10,000 refreshes.
 */
export function useLibraryChanges({ onChanged, onPreview }: LibraryChangeHandlers): void {
  const latest = useRef(onChanged)
  latest.current = onChanged
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null)

  const schedule = (wait: number) => {
    if (timer.current) return
    timer.current = setTimeout(() => {
      timer.current = null
      latest.current()
    }, wait)
  }

  useEffect(() => () => void (timer.current && clearTimeout(timer.current)), [])

  useTroveEvent('jobs:job-changed', (job) => {
    if (job.kind !== 'import') return
    if (job.state === 'running') schedule(WHILE_IMPORTING_MS)
    else {
      // Finished: read now, even if a refresh was planned for later.
      if (timer.current) clearTimeout(timer.current)
      timer.current = null
      schedule(SETTLE_MS)
    }
  })
  useTroveEvent('files:files-changed', () => schedule(SETTLE_MS))
  useTroveEvent('tags:tags-changed', () => schedule(SETTLE_MS))
  // A watched folder's files changed, or the folder went offline, came back or was removed.
  useTroveEvent('sync:folder-changed', () => schedule(SETTLE_MS))
  useTroveEvent('previews:changed', (change) => {
    if (!onPreview(change)) schedule(WHILE_IMPORTING_MS / 2)
  })
}
