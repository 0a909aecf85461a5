import { useEffect, useMemo, useSyncExternalStore } from 'react'
import type { InputOf } from '../../src-preload/contract'
import { call } from './call'
import { FilePager } from './file-pager'

export type FileListQuery = Omit<InputOf<'files:list'>, 'cursor' | 'limit'>

/** main's default order of each sort (files:list), needed to ask for the opposite one. */
const DEFAULT_ORDER = { added: 'desc', name: 'asc', size: 'desc' } as const

/** Files per request: about two screens of thumbnails, a few tens of kilobytes of JSON. */
const PAGE_SIZE = 200
/** Pages kept in memory: 6,000 files at most, whatever the size of the library. */
const MAX_PAGES = 30

/**
 * A pager over `files:list` for `query` (a new one whenever the query changes), re-rendering
 * the caller whenever it has new items. `exactTotal`: `knownTotal` is exact (the library's own
 * counts), so the end of a long list can be read from the end.
 */
export function useFilePager(query: FileListQuery, knownTotal: number | null, options: { exactTotal?: boolean } = {}): FilePager {
  const key = JSON.stringify(query)
  const exactTotal = options.exactTotal ?? false
  const pager = useMemo(() => {
    const parsed = JSON.parse(key) as FileListQuery
    const sort = parsed.sort ?? 'added'
    const order = parsed.order ?? DEFAULT_ORDER[sort]
    const reversed = order === 'asc' ? 'desc' : 'asc'
    return new FilePager((cursor, limit, reverse) => call('files:list', { ...parsed, order: reverse ? reversed : order, cursor, limit }), {
      pageSize: PAGE_SIZE,
      maxPages: MAX_PAGES,
      exactTotal,
    })
  }, [key, exactTotal])
  useSyncExternalStore(pager.subscribe, pager.getVersion)
  useEffect(() => () => pager.dispose(), [pager])
  useEffect(() => pager.setKnownTotal(knownTotal), [pager, knownTotal])
  return pager
}
