import { useCallback, useEffect, useRef, useState } from 'react'
import type { DiaryEntrySummaryDto, ErrorDto } from '../../../src-preload/contract'
import { call, toErrorDto } from '../../lib/call'
import { useTroveEvent } from '../../lib/use-trove-event'

const PAGE = 50

/**
 * The diary's entries newest first, from `to` (a day, inclusive) back, read a page at a time
 * with the keyset cursor `diary:list` gives. Read again from the start when entries change.
 */
export function useDiaryTimeline(to: string | null) {
  const [entries, setEntries] = useState<DiaryEntrySummaryDto[]>([])
  const [total, setTotal] = useState<number | null>(null)
  const [cursor, setCursor] = useState<string | null>(null)
  const [loading, setLoading] = useState(false)
  const [error, setError] = useState<ErrorDto | null>(null)
  const generation = useRef(0)
  const busy = useRef(false)

  const read = useCallback(
    async (from: string | null, replace: boolean) => {
      const mine = replace ? ++generation.current : generation.current
      busy.current = true
      setLoading(true)
      try {
        const page = await call('diary:list', { order: 'desc', limit: PAGE, ...(to ? { to } : {}), ...(from ? { cursor: from } : {}) })
        if (mine !== generation.current) return
        setEntries((prev) => (replace ? page.entries : [...prev, ...page.entries]))
        setCursor(page.nextCursor)
        setTotal(page.total)
        setError(null)
      } catch (err) {
        if (mine === generation.current) setError(toErrorDto(err))
      } finally {
        if (mine === generation.current) {
          busy.current = false
          setLoading(false)
        }
      }
    },
    [to],
  )

  const reload = useCallback(() => void read(null, true), [read])
  useEffect(reload, [reload])
  useTroveEvent('diary:changed', reload)

  const loadMore = useCallback(() => {
    if (cursor && !busy.current) void read(cursor, false)
  }, [cursor, read])

  return { entries, total, hasMore: cursor !== null, loadMore, loading, error, reload }
}
