import { Button, CloseButton, Group, Select, Switch, Text, TextInput } from '@mantine/core'
import { IMPORT_OUTCOME_OPTIONS } from './outcome-options'
import type { HistoryFilters as Filters } from './history-query'
import classes from './HistoryPage.module.css'

export interface HistoryFiltersProps {
  filters: Filters
  /** The name as typed (the query follows it after a pause). */
  nameInput: string
  onNameInput: (value: string) => void
  onChange: (patch: Partial<Filters>) => void
  onClear: () => void
  grouped: boolean
  onGroupedChange: (grouped: boolean) => void
  datesError: string | null
}

/** Outcome, name, a date range and the import (batch) the history is narrowed to. */
export function HistoryFilters({ filters, nameInput, onNameInput, onChange, onClear, grouped, onGroupedChange, datesError }: HistoryFiltersProps) {
  const any = filters.outcome !== null || nameInput.trim() !== '' || filters.from !== '' || filters.to !== '' || filters.batchId !== null
  return (
    <div className={classes.filters} role="search" aria-label="Filter the import history">
      <Group gap="sm" align="flex-end" wrap="wrap">
        <TextInput
          label="Name contains"
          placeholder="e.g. holiday"
          value={nameInput}
          onChange={(event) => onNameInput(event.currentTarget.value)}
          rightSection={nameInput ? <CloseButton size="sm" aria-label="Clear the name" onClick={() => onNameInput('')} /> : null}
          className={classes.nameFilter}
        />
        <Select
          label="Outcome"
          data={IMPORT_OUTCOME_OPTIONS}
          value={filters.outcome ?? 'all'}
          onChange={(value) => onChange({ outcome: value && value !== 'all' ? (value as Filters['outcome']) : null })}
          allowDeselect={false}
          className={classes.outcomeFilter}
        />
        <TextInput type="date" label="From" value={filters.from} onChange={(event) => onChange({ from: event.currentTarget.value })} error={datesError ? true : undefined} className={classes.dateFilter} />
        <TextInput type="date" label="To" value={filters.to} onChange={(event) => onChange({ to: event.currentTarget.value })} error={datesError} className={classes.dateFilter} />
        {any && (
          <Button variant="subtle" onClick={onClear}>
            Clear filters
          </Button>
        )}
      </Group>
      <Group gap="md" mt="sm" justify="space-between">
        <Switch label="Group by import" checked={grouped} onChange={(event) => onGroupedChange(event.currentTarget.checked)} />
        {filters.batchId && (
          <Group gap="xs" data-testid="batch-filter">
            <Text size="sm" c="dimmed">
              Showing one import only.
            </Text>
            <Button variant="light" size="compact-sm" onClick={() => onChange({ batchId: null })}>
              Show every import
            </Button>
          </Group>
        )}
      </Group>
    </div>
  )
}
