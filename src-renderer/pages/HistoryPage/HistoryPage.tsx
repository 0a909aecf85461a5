import { Button, Center, EmptyState, Group, Loader, Text } from '@mantine/core'
import { useDebouncedValue, useLocalStorage } from '@mantine/hooks'
import { useEffect, useState } from 'react'
import { AddFilesButton } from '../../components/AddFilesButton'
import { ErrorAlert } from '../../components/ErrorAlert'
import { HistoryIcon } from '../../components/icons/nav-icons'
import { PageHeader } from '../../components/PageHeader'
import { HistoryFilters } from './HistoryFilters'
import { batchOfHash, hasFilters, historyHref, NO_FILTERS, toQuery, type HistoryFilters as Filters } from './history-query'
import { HistoryTable } from './HistoryTable'
import { useHistory } from './use-history'
import classes from './HistoryPage.module.css'

/** Every file an import saw and what became of it, newest first, with filters. */
export function HistoryPage() {
  const [filters, setFilters] = useState<Filters>(() => ({ ...NO_FILTERS, batchId: batchOfHash(window.location.hash) }))
  const [nameInput, setNameInput] = useState('')
  const [debouncedName] = useDebouncedValue(nameInput, 250)
  const [grouped, setGrouped] = useLocalStorage({ key: 'trove.history-grouped', defaultValue: true, getInitialValueInEffect: false })

  // The batch follows the address (#/history?batch=…), so "Only this import" links work and Back undoes them.
  useEffect(() => {
    const sync = () => setFilters((f) => ({ ...f, batchId: batchOfHash(window.location.hash) }))
    window.addEventListener('hashchange', sync)
    return () => window.removeEventListener('hashchange', sync)
  }, [])

  const effective = { ...filters, name: debouncedName }
  const query = toQuery(effective)
  const history = useHistory(query)

  const change = (patch: Partial<Filters>) => {
    if ('batchId' in patch && patch.batchId !== filters.batchId) window.location.hash = historyHref(patch.batchId ?? null)
    setFilters((f) => ({ ...f, ...patch }))
  }
  const clear = () => {
    setNameInput('')
    change({ ...NO_FILTERS })
  }

  const filtered = hasFilters({ ...filters, name: nameInput })
  const nothingYet = history.items?.length === 0 && !filtered

  return (
    <>
      <PageHeader title="Import history" description="What happened to each file Trove was asked to import: added, already in the library, or rejected with the reason why." />
      {nothingYet ? (
        <div className={classes.empty} data-testid="history-empty">
          <EmptyState variant="light" size="md" icon={<HistoryIcon size={26} />}>
            <EmptyState.Title order={2}>Nothing imported yet</EmptyState.Title>
            <EmptyState.Description maw={460}>
              Drop files or folders onto the window, paste an image, or add files. Every file an import sees is listed here with what became of it.
            </EmptyState.Description>
            <EmptyState.Actions>
              <AddFilesButton variant="filled" />
            </EmptyState.Actions>
          </EmptyState>
        </div>
      ) : (
        <>
          <HistoryFilters
            filters={filters}
            nameInput={nameInput}
            onNameInput={setNameInput}
            onChange={change}
            onClear={clear}
            grouped={grouped}
            onGroupedChange={setGrouped}
            datesError={query === null ? '“From” must not be after “To”' : null}
          />
          {history.error && <ErrorAlert error={history.error} title="The import history could not be read" />}
          {history.items === null && !history.error && (
            <Center py="xl">
              <Loader size="sm" aria-label="Loading the import history" />
            </Center>
          )}
          {history.items?.length === 0 && (
            <Text c="dimmed" size="sm" className={classes.noMatch} data-testid="history-no-match">
              No imported files match these filters.
            </Text>
          )}
          {history.items && history.items.length > 0 && <HistoryTable items={history.items} grouped={grouped} batchFiltered={filters.batchId !== null} />}
          {history.hasMore && (
            <Group justify="center" mt="md">
              <Button variant="default" onClick={history.loadMore} loading={history.loading}>
                Load more
              </Button>
            </Group>
          )}
        </>
      )}
    </>
  )
}
