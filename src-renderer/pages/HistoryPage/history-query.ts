import type { InputOf } from '../../../src-preload/contract'
import type { OutcomeName } from '../../lib/imports/types'

export interface HistoryFilters {
  outcome: OutcomeName | null
  /** Part of the original name. */
  name: string
  /** yyyy-mm-dd (a date input's value), or ''. */
  from: string
  to: string
  batchId: string | null
}

export const NO_FILTERS: HistoryFilters = { outcome: null, name: '', from: '', to: '', batchId: null }

/** `yyyy-mm-dd` as local midnight, or the last millisecond of that day. */
export function dayBoundary(value: string, end: boolean): number | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value)
  if (!match) return undefined
  const date = end ? new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]), 23, 59, 59, 999) : new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]))
  const ms = date.getTime()
  return Number.isFinite(ms) && ms >= 0 ? ms : undefined
}

export type HistoryQuery = Omit<InputOf<'history:list'>, 'cursor' | 'limit'>

/** The filters as `history:list` takes them; null when the dates are the wrong way round. */
export function toQuery(filters: HistoryFilters): HistoryQuery | null {
  const since = dayBoundary(filters.from, false)
  const until = dayBoundary(filters.to, true)
  if (since !== undefined && until !== undefined && since > until) return null
  const name = filters.name.trim()
  return {
    ...(filters.outcome ? { outcome: filters.outcome } : {}),
    ...(name ? { name: name.slice(0, 500) } : {}),
    ...(since !== undefined ? { since } : {}),
    ...(until !== undefined ? { until } : {}),
    ...(filters.batchId ? { batchId: filters.batchId } : {}),
  }
}

export const hasFilters = (filters: HistoryFilters) =>
  filters.outcome !== null || filters.name.trim() !== '' || filters.from !== '' || filters.to !== '' || filters.batchId !== null

/** `#/history?batch=<id>` → the batch id. */
export function batchOfHash(hash: string): string | null {
  const query = hash.split('?')[1]
  const batch = query ? new URLSearchParams(query).get('batch') : null
  return batch && batch.length <= 100 ? batch : null
}

export const historyHref = (batchId: string | null) => (batchId ? `#/history?batch=${encodeURIComponent(batchId)}` : '#/history')
