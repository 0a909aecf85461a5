import { useCallback, useEffect, useRef, useState } from 'react'
import type { ErrorDto, ImportRecordDto } from '../../../src-preload/contract'
import { call, toErrorDto } from '../../lib/call'
import { useImportsFinished } from '../../lib/imports/imports-context'
import type { HistoryQuery } from './history-query'

const PAGE = 100

export interface HistoryState {
  items: ImportRecordDto[] | null
  hasMore: boolean
  error: ErrorDto | null
  loading: boolean
  loadMore: () => void
  reload: () => void
}

/**
 * The import history for `query`, newest first, a page at a time (keyset: "Load more" costs
 * the same on page 200 as on page 1). Read again from the top when the query changes or an
 * import ends.
 */
export function useHistory(query: HistoryQuery | null): HistoryState {
  const [items, setItems] = useState<ImportRecordDto[] | null>(null)
  const [cursor, setCursor] = useState<string | null>(null)
  const [error, setError] = useState<ErrorDto | null>(null)
  const [loading, setLoading] = useState(false)
  const generation = useRef(0)
  const finished = useImportsFinished()
  const key = JSON.stringify(query)

  const fetchPage = useCallback(
    async (after: string | null, previous: ImportRecordDto[]) => {
      const q = JSON.parse(key) as HistoryQuery | null
      if (!q) return
      const mine = ++generation.current
      setLoading(true)
      try {
        const page = await call('history:list', { ...q, limit: PAGE, ...(after ? { cursor: after } : {}) })
        if (mine !== generation.current) return
        setItems([...previous, ...page.items])
        setCursor(page.nextCursor)
        setError(null)
      } catch (err) {
        if (mine === generation.current) setError(toErrorDto(err))
      } finally {
        if (mine === generation.current) setLoading(false)
      }
    },
    [key],
  )

  const reload = useCallback(() => void fetchPage(null, []), [fetchPage])

  useEffect(() => {
    setItems(null)
    setCursor(null)
    reload()
  }, [reload])

  // An import ended: read from the top again, keeping the rows on screen until then.
  const seenFinished = useRef(finished)
  useEffect(() => {
    if (finished === seenFinished.current) return
    seenFinished.current = finished
    reload()
  }, [finished, reload])

  const loadMore = useCallback(() => {
    if (cursor && items && !loading) void fetchPage(cursor, items)
  }, [cursor, items, loading, fetchPage])

  return { items, hasMore: cursor !== null, error, loading, loadMore, reload }
}
