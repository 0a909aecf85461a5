import { describe, expect, it } from 'vitest'
import { parseCollectionHash } from '../../lib/collections/use-collection-route'
import { batchOfHash, dayBoundary, NO_FILTERS, toQuery } from './history-query'

describe('history filters', () => {
  it('sends only the filters that are set, dates as whole local days', () => {
    expect(toQuery(NO_FILTERS)).toEqual({})
    const query = toQuery({ outcome: 'rejected', name: '  beach ', from: '2024-03-01', to: '2024-03-02', batchId: 'b1' })
    expect(query).toEqual({
      outcome: 'rejected', name: 'beach', batchId: 'b1',
      since: new Date(2024, 2, 1).getTime(),
      until: new Date(2024, 2, 2, 23, 59, 59, 999).getTime(),
    })
  })

  it('refuses dates the wrong way round and ignores what is not a date', () => {
    expect(toQuery({ ...NO_FILTERS, from: '2024-03-02', to: '2024-03-01' })).toBeNull()
    expect(dayBoundary('yesterday', false)).toBeUndefined()
  })

  it('reads the batch and the collection from the address', () => {
    expect(batchOfHash('#/history?batch=abc-123')).toBe('abc-123')
    expect(batchOfHash('#/history')).toBeNull()
    expect(parseCollectionHash('#/collections/42')).toBe(42)
    expect(parseCollectionHash('#/collections')).toBeNull()
    expect(parseCollectionHash('#/collections/0')).toBeNull()
    expect(parseCollectionHash('#/collections/abc')).toBeNull()
  })
})
