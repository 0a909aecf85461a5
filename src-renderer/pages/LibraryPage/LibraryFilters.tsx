import { Button, Group, Select, Text, TextInput } from '@mantine/core'
import type { ReactNode } from 'react'
import type { TagDto } from '../../../src-preload/contract'
import { ExportButton } from '../../components/ExportDialog'
import { KIND_LABELS } from '../../components/FileRow'
import { folderName } from '../../lib/sync/folder-status'
import { useWatchedFolders } from '../../lib/sync/use-watched-folders'
import { NO_FILTERS, type LibraryFilters as Filters } from './use-library-view'
import classes from './LibraryPage.module.css'

export interface LibraryFiltersProps {
  filters: Filters
  onChange: (filters: Filters) => void
  tags: readonly TagDto[]
  /** The count, at the end of the row. */
  summary: ReactNode
}

const AVAILABILITY_OPTIONS = [
  { value: 'available', label: 'Available' },
  { value: 'unavailable', label: 'Unavailable' },
]

/**
 * Narrow the library: by kind, by tag (type to find one), by watched folder, by whether the
 * files can be opened now, by when files were added.
 */
export function LibraryFilters({ filters, onChange, tags, summary }: LibraryFiltersProps) {
  const { folders } = useWatchedFolders()
  const folderOptions = (folders ?? []).map((f) => ({ value: String(f.id), label: folderName(f.path) }))
  if (filters.folderId !== null && !folderOptions.some((o) => o.value === String(filters.folderId))) {
    folderOptions.push({ value: String(filters.folderId), label: folders ? 'A folder no longer watched' : 'Watched folder' })
  }
  const set = (patch: Partial<Filters>) => onChange({ ...filters, ...patch })
  const active = JSON.stringify(filters) !== JSON.stringify(NO_FILTERS)
  const badDates = filters.addedFrom !== '' && filters.addedTo !== '' && filters.addedFrom > filters.addedTo
  return (
    <Group gap="sm" wrap="wrap" className={classes.filters}>
      <Select
        aria-label="Kind"
        placeholder="All kinds"
        size="xs"
        w={130}
        clearable
        data={Object.entries(KIND_LABELS).map(([value, label]) => ({ value, label }))}
        value={filters.kind}
        onChange={(value) => set({ kind: (value as Filters['kind']) ?? null })}
      />
      <Select
        aria-label="Tag"
        placeholder="Any tag"
        size="xs"
        w={170}
        searchable
        clearable
        limit={50}
        nothingFoundMessage="No tag of that name"
        data={tags.map((tag) => ({ value: String(tag.id), label: tag.name }))}
        renderOption={({ option }) => {
          const tag = tags.find((t) => String(t.id) === option.value)
          return (
            <Group justify="space-between" wrap="nowrap" w="100%" gap="xs">
              <Text size="xs" truncate="end">
                {option.label}
              </Text>
              <Text size="xs" c="dimmed">
                {tag?.usage.toLocaleString()}
              </Text>
            </Group>
          )
        }}
        value={filters.tagId === null ? null : String(filters.tagId)}
        onChange={(value) => set({ tagId: value ? Number(value) : null })}
      />
      {filters.tagId !== null && (
        <ExportButton size="compact-xs" label="Export tag…" selection={{ kind: 'tag', id: filters.tagId }} what={`the tag ${tags.find((t) => t.id === filters.tagId)?.name ?? ''}`} />
      )}
      {folderOptions.length > 0 && (
        <Select
          aria-label="Source"
          placeholder="Any source"
          size="xs"
          w={170}
          clearable
          data={[{ group: 'Watched folder', items: folderOptions }]}
          value={filters.folderId === null ? null : String(filters.folderId)}
          onChange={(value) => set({ folderId: value ? Number(value) : null })}
        />
      )}
      <Select
        aria-label="Availability"
        placeholder="Available or not"
        size="xs"
        w={150}
        clearable
        data={AVAILABILITY_OPTIONS}
        value={filters.availability}
        onChange={(value) => set({ availability: (value as Filters['availability']) ?? null })}
      />
      <Group gap={6} wrap="nowrap">
        <Text size="xs" c="dimmed" component="span">
          Added
        </Text>
        <TextInput
          type="date"
          size="xs"
          aria-label="Added from"
          value={filters.addedFrom}
          max={filters.addedTo || undefined}
          onChange={(e) => set({ addedFrom: e.currentTarget.value })}
          error={badDates}
        />
        <Text size="xs" c="dimmed" component="span">
          to
        </Text>
        <TextInput
          type="date"
          size="xs"
          aria-label="Added until"
          value={filters.addedTo}
          min={filters.addedFrom || undefined}
          onChange={(e) => set({ addedTo: e.currentTarget.value })}
          error={badDates}
        />
      </Group>
      {active && (
        <Button size="compact-xs" variant="subtle" onClick={() => onChange(NO_FILTERS)}>
          Clear filters
        </Button>
      )}
      <div className={classes.summary}>{summary}</div>
    </Group>
  )
}
