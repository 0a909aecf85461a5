import { useLocalStorage } from '@mantine/hooks'
import { useState } from 'react'
import type { FileKindName } from '../../../src-preload/contract/files'
import type { FileView } from '../../components/FileBrowser'

export type SortKey = 'added' | 'name' | 'size'
export type SortOrder = 'asc' | 'desc'

export interface LibraryFilters {
  kind: FileKindName | null
  tagId: number | null
  /** Native date inputs' values (yyyy-mm-dd), '' when not set. */
  addedFrom: string
  addedTo: string
}

export interface LibraryLayout {
  view: Exclude<FileView, 'hits'>
  sort: SortKey
  order: SortOrder
}

export const NO_FILTERS: LibraryFilters = { kind: null, tagId: null, addedFrom: '', addedTo: '' }

/** The default order of each sort: newest, A→Z, largest first (as main's default). */
export const DEFAULT_ORDER: Record<SortKey, SortOrder> = { added: 'desc', name: 'asc', size: 'desc' }

/**
 * What the library shows: the search, the filters (for this visit) and the layout (grid or
 * list, sort and order), which is remembered on this computer like a file manager's.
 */
export function useLibraryView(storageKey: string) {
  const [search, setSearch] = useState('')
  const [filters, setFilters] = useState<LibraryFilters>(NO_FILTERS)
  const [layout, setLayout] = useLocalStorage<LibraryLayout>({
    key: storageKey,
    defaultValue: { view: 'grid', sort: 'added', order: 'desc' },
    getInitialValueInEffect: false,
  })
  const filtered = filters.kind !== null || filters.tagId !== null || filters.addedFrom !== '' || filters.addedTo !== ''
  return { search, setSearch, filters, setFilters, layout, setLayout, filtered }
}
