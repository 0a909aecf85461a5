import { ActionIcon, CloseButton, Group, Kbd, Select, SegmentedControl, TextInput, Tooltip, VisuallyHidden } from '@mantine/core'
import { useOs } from '@mantine/hooks'
import type { ReactNode, Ref } from 'react'
import { ArrowDownIcon, ArrowUpIcon, GridViewIcon, ListViewIcon, SearchIcon } from '../../components/icons/file-icons'
import type { LibraryLayout, SortKey } from './use-library-view'
import { DEFAULT_ORDER } from './use-library-view'
import classes from './LibraryPage.module.css'

const SORTS: Array<{ value: SortKey; label: string }> = [
  { value: 'added', label: 'Date added' },
  { value: 'name', label: 'Name' },
  { value: 'size', label: 'Size' },
]

const ORDER_WORDS: Record<SortKey, { asc: string; desc: string }> = {
  added: { asc: 'oldest first', desc: 'newest first' },
  name: { asc: 'A to Z', desc: 'Z to A' },
  size: { asc: 'smallest first', desc: 'largest first' },
}

export interface LibraryToolbarProps {
  search: string
  onSearch: (value: string) => void
  searchRef: Ref<HTMLInputElement>
  layout: LibraryLayout
  onLayout: (layout: LibraryLayout) => void
  /** Sorting means nothing for ranked search results. */
  searching: boolean
  /** The filters, under the search row. */
  children?: ReactNode
}

/** Search, sort, and grid or list. */
export function LibraryToolbar({ search, onSearch, searchRef, layout, onLayout, searching, children }: LibraryToolbarProps) {
  const os = useOs()
  const mac = os === 'macos' || os === 'ios'
  const orderLabel = ORDER_WORDS[layout.sort][layout.order]
  return (
    <div className={classes.toolbar} role="search">
      <Group gap="sm" wrap="nowrap">
        <TextInput
          ref={searchRef}
          className={classes.search}
          type="search"
          aria-label="Search the library"
          placeholder="Search names, tags, notes and text inside files"
          value={search}
          onChange={(e) => onSearch(e.currentTarget.value)}
          onKeyDown={(e) => {
            if (e.key === 'Escape' && search) {
              e.preventDefault()
              onSearch('')
            }
          }}
          leftSection={<SearchIcon size={16} />}
          rightSectionWidth={search ? 36 : 64}
          rightSection={
            search ? (
              <CloseButton size="sm" aria-label="Clear the search" onClick={() => onSearch('')} />
            ) : (
              <Kbd size="xs" className={classes.kbd} aria-hidden="true">
                {mac ? '⌘' : 'Ctrl'} F
              </Kbd>
            )
          }
        />
        <Select
          aria-label="Sort by"
          className={classes.sort}
          data={SORTS}
          value={layout.sort}
          allowDeselect={false}
          disabled={searching}
          title={searching ? 'Search results are sorted by how well they match' : undefined}
          onChange={(value) => value && onLayout({ ...layout, sort: value as SortKey, order: DEFAULT_ORDER[value as SortKey] })}
        />
        <Tooltip label={`Sorted ${orderLabel}`} withArrow>
          <ActionIcon
            variant="default"
            size="input-sm"
            disabled={searching}
            aria-label={`Sort order: ${orderLabel}. Reverse it`}
            data-testid="sort-order"
            data-order={layout.order}
            onClick={() => onLayout({ ...layout, order: layout.order === 'asc' ? 'desc' : 'asc' })}
          >
            {layout.order === 'asc' ? <ArrowUpIcon size={16} /> : <ArrowDownIcon size={16} />}
          </ActionIcon>
        </Tooltip>
        <SegmentedControl
          aria-label="Show as"
          disabled={searching}
          value={layout.view}
          onChange={(value) => onLayout({ ...layout, view: value as LibraryLayout['view'] })}
          data={[
            { value: 'grid', label: <ViewLabel icon={<GridViewIcon size={16} />} text="Grid" /> },
            { value: 'list', label: <ViewLabel icon={<ListViewIcon size={16} />} text="List" /> },
          ]}
        />
      </Group>
      {children}
    </div>
  )
}

function ViewLabel({ icon, text }: { icon: ReactNode; text: string }) {
  return (
    <span className={classes.viewLabel} title={text}>
      {icon}
      <VisuallyHidden>{text}</VisuallyHidden>
    </span>
  )
}
