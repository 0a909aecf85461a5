import { useLocalStorage } from '@mantine/hooks'
import { useCallback, useState } from 'react'
import type { FileAvailability, FileKindName } from '../../../src-preload/contract/files'
import type { FileView } from '../../components/FileBrowser'

export type SortKey = 'added' | 'name' | 'size'
export type SortOrder = 'asc' | 'desc'

export interface LibraryFilters {
  kind: FileKindName | null
  tagId: number | null
  /** Native date inputs' values (yyyy-mm-dd), '' when not set. */
  addedFrom: string
  addedTo: string
  /** Only files with a source in this watched folder. */
  folderId: number | null
  availability: FileAvailability | null
}

export interface LibraryLayout {
  view: Exclude<FileView, 'hits'>
  sort: SortKey
  order: SortOrder
}

export const NO_FILTERS: LibraryFilters = { kind: null, tagId: null, addedFrom: '', addedTo: '', folderId: null, availability: null }

/** `#/library?folder=3` (the Watched folders page's "Show its files") → 3. */
export function folderOfHash(hash: string): number | null {
  const query = hash.split('?')[1]
  const value = query ? Number(new URLSearchParams(query).get('folder')) : NaN
  return Number.isSafeInteger(value) && value > 0 ? value : null
}

export const isFiltered = (f: LibraryFilters) =>
  f.kind !== null || f.tagId !== null || f.addedFrom !== '' || f.addedTo !== '' || f.folderId !== null || f.availability !== null

/** The default order of each sort: newest, A→Z, largest first (as main's default). */
export const DEFAULT_ORDER: Record<SortKey, SortOrder> = { added: 'desc', name: 'asc', size: 'desc' }

/**
 * What the library shows: the search, the filters (for this visit) and the layout (grid or
 * list, sort and order), which is remembered on this computer like a file manager's.
 */
export function useLibraryView(storageKey: string) {
  const [search, setSearch] = useState('')
  const [filters, setFilterState] = useState<LibraryFilters>(() => ({ ...NO_FILTERS, folderId: folderOfHash(window.location.hash) }))
  // The folder follows the address, so a reload keeps it and a cleared filter does not come back.
  const setFilters = useCallback((next: LibraryFilters) => {
    setFilterState(next)
    const hash = next.folderId === null ? '#/library' : `#/library?folder=${next.folderId}`
    if (window.location.hash.startsWith('#/library') && window.location.hash !== hash) window.history.replaceState(null, '', hash)
  }, [])
  const [layout, setLayout] = useLocalStorage<LibraryLayout>({
    key: storageKey,
    defaultValue: { view: 'grid', sort: 'added', order: 'desc' },
    getInitialValueInEffect: false,
  })
  const filtered = isFiltered(filters)
  return { search, setSearch, filters, setFilters, layout, setLayout, filtered }
}
