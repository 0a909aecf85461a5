import { useEffect } from 'react'
import type { FileDto } from '../../src-preload/contract'
import { call } from './call'

/** Settle time after scrolling before the visible range is sent (a fling passes many rows). */
const SETTLE_MS = 250

/**
 * Tells main which files are on screen whose preview is still pending, so they are made
 * before the rest of the library. Sent once the scrolling settles; nothing when none is pending.
 */
export function usePrioritisedPreviews(source: { get(index: number): FileDto | undefined }, first: number, last: number, version: number): void {
  useEffect(() => {
    const timer = setTimeout(() => {
      const fileIds: number[] = []
      for (let i = first; i <= last && fileIds.length < 1000; i++) {
        const file = source.get(i)
        if (file?.previewState === 'pending') fileIds.push(file.id)
      }
      if (fileIds.length > 0) call('previews:prioritise', { fileIds }).catch(() => undefined)
    }, SETTLE_MS)
    return () => clearTimeout(timer)
  }, [source, first, last, version])
}
