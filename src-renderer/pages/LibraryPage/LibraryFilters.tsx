import { Button, Group, Select, Text, TextInput } from '@mantine/core'
import type { ReactNode } from 'react'
import type { TagDto } from '../../../src-preload/contract'
import { ExportButton } from '../../components/ExportDialog'
import { KIND_LABELS } from '../../components/FileRow'
import { NO_FILTERS, type LibraryFilters as Filters } from './use-library-view'
import classes from './LibraryPage.module.css'

export interface LibraryFiltersProps {
  filters: Filters
  onChange: (filters: Filters) => void
  tags: readonly TagDto[]
  /** The count, at the end of the row. */
  summary: ReactNode
}

/** Narrow the library: by kind, by tag (type to find one), by when files were added. */
export function LibraryFilters({ filters, onChange, tags, summary }: LibraryFiltersProps) {
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
