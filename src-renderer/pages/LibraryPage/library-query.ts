import type { LibraryStatsDto, TagDto } from '../../../src-preload/contract'
import type { FileAvailability, FileKindName } from '../../../src-preload/contract/files'
import { parseDateInput } from '../../lib/format-date'
import type { LibraryFilters } from './use-library-view'

export interface FilterInput {
  kind?: FileKindName
  tagId?: number
  addedFrom?: number
  addedTo?: number
  folderId?: number
  availability?: FileAvailability
}

/** The filters as the contract takes them; a date range that runs backwards is left out. */
export function toFilterInput(filters: LibraryFilters): FilterInput {
  const input: FilterInput = {}
  if (filters.kind) input.kind = filters.kind
  if (filters.tagId !== null) input.tagId = filters.tagId
  if (filters.folderId !== null) input.folderId = filters.folderId
  if (filters.availability !== null) input.availability = filters.availability
  const from = parseDateInput(filters.addedFrom)
  const to = parseDateInput(filters.addedTo, true)
  if (from === undefined || to === undefined || from <= to) {
    if (from !== undefined) input.addedFrom = from
    if (to !== undefined) input.addedTo = to
  }
  return input
}

/**
 * How many files the listing will have, when the library's counts say so (no filter, one
 * kind, or one tag); null when only reading to the end can tell.
 */
export function knownTotal(input: FilterInput, stats: LibraryStatsDto | undefined, tags: readonly TagDto[] | undefined): number | null {
  if (!stats || input.addedFrom !== undefined || input.addedTo !== undefined) return null
  if (input.folderId !== undefined || input.availability !== undefined) return null
  if (input.kind && input.tagId !== undefined) return null
  if (input.kind) return stats.byKind[input.kind].count
  if (input.tagId !== undefined) return tags?.find((t) => t.id === input.tagId)?.usage ?? null
  return stats.live.count
}
