import { describe, expect, it } from 'vitest'
import { checkDraft, draftOf } from './library-settings-input'

const SAVED = { maxFileBytes: 64 * 2 ** 30, trashRetentionDays: 30 }

describe('library settings as typed', () => {
  it('shows the size in gigabytes from 1 GB up, else megabytes', () => {
    expect(draftOf({ maxFileBytes: 4e9, trashRetentionDays: 30 })).toEqual({ size: '4', unit: 'GB', days: '30' })
    expect(draftOf({ maxFileBytes: 250_000_000, trashRetentionDays: 7 })).toEqual({ size: '250', unit: 'MB', days: '7' })
    expect(draftOf(SAVED)).toEqual({ size: '68.719', unit: 'GB', days: '30' })
  })

  it('sends only what changed, and never the rounded size it showed', () => {
    expect(checkDraft(draftOf(SAVED), SAVED).value).toEqual({})
    expect(checkDraft({ ...draftOf(SAVED), days: '90' }, SAVED).value).toEqual({ trashRetentionDays: 90 })
    expect(checkDraft({ size: '2.5', unit: 'GB', days: '90' }, SAVED).value).toEqual({ maxFileBytes: 2_500_000_000, trashRetentionDays: 90 })
    expect(checkDraft({ size: '0,5', unit: 'MB', days: '30' }, SAVED).value).toEqual({ maxFileBytes: 500_000 })
  })

  it('says what is wrong with each field', () => {
    expect(checkDraft({ size: '', unit: 'MB', days: '30' }, SAVED)).toMatchObject({ value: null, sizeError: expect.stringContaining('Type a size') })
    expect(checkDraft({ size: '0', unit: 'MB', days: '30' }, SAVED).sizeError).toContain('bigger than nothing')
    expect(checkDraft({ size: 'lots', unit: 'GB', days: '30' }, SAVED).sizeError).not.toBeNull()
    expect(checkDraft({ size: '10', unit: 'GB', days: '1.5' }, SAVED).daysError).toContain('whole number')
    expect(checkDraft({ size: '10', unit: 'GB', days: '0' }, SAVED).daysError).toContain('Between 1 and 3,650')
    expect(checkDraft({ size: '10', unit: 'GB', days: '4000' }, SAVED).daysError).toContain('Between 1 and 3,650')
  })
})
