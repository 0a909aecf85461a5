import { describe, expect, it } from 'vitest'
import { checkDraft, draftOf } from './library-settings-input'

describe('library settings as typed', () => {
  it('shows the size in the unit that writes it shortest', () => {
    expect(draftOf({ maxFileBytes: 4e9, trashRetentionDays: 30 })).toEqual({ size: '4', unit: 'GB', days: '30' })
    expect(draftOf({ maxFileBytes: 1_500_000_000, trashRetentionDays: 7 })).toEqual({ size: '1500', unit: 'MB', days: '7' })
  })

  it('turns a valid draft into bytes and days', () => {
    expect(checkDraft({ size: '2.5', unit: 'GB', days: '90' }).value).toEqual({ maxFileBytes: 2_500_000_000, trashRetentionDays: 90 })
    expect(checkDraft({ size: '0,5', unit: 'MB', days: '1' }).value).toEqual({ maxFileBytes: 500_000, trashRetentionDays: 1 })
  })

  it('says what is wrong with each field', () => {
    expect(checkDraft({ size: '', unit: 'MB', days: '30' })).toMatchObject({ value: null, sizeError: expect.stringContaining('Type a size') })
    expect(checkDraft({ size: '0', unit: 'MB', days: '30' }).sizeError).toContain('bigger than nothing')
    expect(checkDraft({ size: 'lots', unit: 'GB', days: '30' }).sizeError).not.toBeNull()
    expect(checkDraft({ size: '10', unit: 'GB', days: '1.5' }).daysError).toContain('whole number')
    expect(checkDraft({ size: '10', unit: 'GB', days: '0' }).daysError).toContain('Between 1 and 3,650')
    expect(checkDraft({ size: '10', unit: 'GB', days: '4000' }).daysError).toContain('Between 1 and 3,650')
  })
})
