import { useCallback, useEffect, useRef, useState } from 'react'
import type { ErrorDto, SyncOperationDto } from '../../../src-preload/contract'
import { call, toErrorDto } from '../../lib/call'
import { useTroveEvent } from '../../lib/use-trove-event'

export const HISTORY_PAGE = 50
/** What `sync:history` gives at most. */
export const HISTORY_MAX = 1000
/** Folder events (a live change, a scan's end) read the history again at most this often. */
const REFRESH_MS = 1000

export interface SyncHistoryState {
  operations: SyncOperationDto[] | null
  error: ErrorDto | null
  loading: boolean
  /** More may exist (and can still be shown). */
  hasMore: boolean
  loadMore: () => void
}

/**
 * Sync operations, newest first, of one folder or all. `sync:history` is newest-first with a
 * limit (no cursor): "Load more" asks for the next 50 on top, up to the contract's 1,000.
 * Read again (throttled) whenever a folder changes.
 */
export function useSyncHistory(folderId: number | null): SyncHistoryState {
  const [limit, setLimit] = useState(HISTORY_PAGE)
  const [operations, setOperations] = useState<SyncOperationDto[] | null>(null)
  const [error, setError] = useState<ErrorDto | null>(null)
  const [loading, setLoading] = useState(false)
  const generation = useRef(0)

  const read = useCallback(async () => {
    const mine = ++generation.current
    setLoading(true)
    try {
      const result = await call('sync:history', { limit, ...(folderId !== null ? { folderId } : {}) })
      if (mine !== generation.current) return
      setOperations(result.operations)
      setError(null)
    } catch (err) {
      if (mine === generation.current) setError(toErrorDto(err))
    } finally {
      if (mine === generation.current) setLoading(false)
    }
  }, [folderId, limit])

  useEffect(() => {
    void read()
  }, [read])
  useEffect(() => setLimit(HISTORY_PAGE), [folderId])

  const timer = useRef<ReturnType<typeof setTimeout> | null>(null)
  useEffect(() => () => void (timer.current && clearTimeout(timer.current)), [])
  useTroveEvent('sync:folder-changed', () => {
    if (timer.current) return
    timer.current = setTimeout(() => {
      timer.current = null
      void read()
    }, REFRESH_MS)
  })

  const hasMore = operations !== null && operations.length >= limit && limit < HISTORY_MAX
  const loadMore = useCallback(() => setLimit((l) => Math.min(HISTORY_MAX, l + HISTORY_PAGE)), [])
  return { operations, error, loading, hasMore, loadMore }
}
