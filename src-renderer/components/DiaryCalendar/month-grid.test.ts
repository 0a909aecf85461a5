import { describe, expect, it } from 'vitest'
import { monthGrid, shiftMonth } from './month-grid'

describe('monthGrid', () => {
  it('lays a month out in weeks from Monday, padded at both ends', () => {
    // 1 November 2026 is a Sunday: six empty cells before it; 30 days end on a Monday.
    const weeks = monthGrid('2026-11')
    expect(weeks[0]).toEqual([null, null, null, null, null, null, '2026-11-01'])
    expect(weeks.at(-1)).toEqual(['2026-11-30', null, null, null, null, null, null])
    expect(weeks.flat().filter(Boolean)).toHaveLength(30)
    expect(weeks.every((w) => w.length === 7)).toBe(true)
  })

  it('knows leap years and a month that starts on Monday', () => {
    const feb = monthGrid('2024-02')
    expect(feb.flat().filter(Boolean).at(-1)).toBe('2024-02-29')
    expect(monthGrid('2023-02').flat().filter(Boolean)).toHaveLength(28)
    expect(monthGrid('2021-03')[0]![0]).toBe('2021-03-01')
  })
})

describe('shiftMonth', () => {
  it('crosses year ends both ways', () => {
    expect(shiftMonth('2026-12', 1)).toBe('2027-01')
    expect(shiftMonth('2026-01', -1)).toBe('2025-12')
    expect(shiftMonth('2026-05', 0)).toBe('2026-05')
  })
})
