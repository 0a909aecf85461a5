import type { LibrarySettingsDto } from '../../../src-preload/contract'

export type SizeUnit = 'MB' | 'GB'
export const UNIT_BYTES: Record<SizeUnit, number> = { MB: 1e6, GB: 1e9 }

/** What the form holds: the size as typed in its unit, the days as typed. */
export interface SettingsDraft {
  size: string
  unit: SizeUnit
  days: string
}

/** The settings this form edits (others, such as OCR, have their own section). */
export type ImportAndTrashSettings = Pick<LibrarySettingsDto, 'maxFileBytes' | 'trashRetentionDays'>

export interface SettingsCheck {
  /** Only the fields that differ from what is saved (a size left as shown is not rounded and resent). */
  value: Partial<ImportAndTrashSettings> | null
  sizeError: string | null
  daysError: string | null
}

/** The size in gigabytes from 1 GB up, else in megabytes, to three decimals (as formatBytes counts: 1 GB = 10⁹ bytes). */
export function draftOf(settings: ImportAndTrashSettings): SettingsDraft {
  const unit: SizeUnit = settings.maxFileBytes >= UNIT_BYTES.GB ? 'GB' : 'MB'
  const size = settings.maxFileBytes / UNIT_BYTES[unit]
  return { size: String(Math.round(size * 1000) / 1000), unit, days: String(settings.trashRetentionDays) }
}

/**
 * The draft as `library:set-settings` takes it — only what differs from `saved` — or what is
 * wrong with each field. An empty object means nothing to save.
 */
export function checkDraft(draft: SettingsDraft, saved: ImportAndTrashSettings): SettingsCheck {
  let sizeError: string | null = null
  let daysError: string | null = null
  const size = Number(draft.size.trim().replace(',', '.'))
  const bytes = Math.round(size * UNIT_BYTES[draft.unit])
  if (draft.size.trim() === '' || !Number.isFinite(size)) sizeError = 'Type a size, e.g. 500 MB or 4 GB.'
  else if (bytes < 1) sizeError = 'The largest file must be bigger than nothing.'
  else if (bytes > 1e15) sizeError = 'At most 1,000,000 GB.'
  const days = Number(draft.days.trim())
  if (draft.days.trim() === '' || !Number.isInteger(days)) daysError = 'Type a whole number of days.'
  else if (days < 1 || days > 3650) daysError = 'Between 1 and 3,650 days (ten years).'
  if (sizeError || daysError) return { value: null, sizeError, daysError }
  const shown = draftOf(saved)
  const value: Partial<ImportAndTrashSettings> = {}
  if ((draft.size.trim() !== shown.size || draft.unit !== shown.unit) && bytes !== saved.maxFileBytes) value.maxFileBytes = bytes
  if (days !== saved.trashRetentionDays) value.trashRetentionDays = days
  return { value, sizeError, daysError }
}
