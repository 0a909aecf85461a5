import { Text, Title } from '@mantine/core'
import { useDebouncedValue, useWindowEvent } from '@mantine/hooks'
import { useRef } from 'react'
import { FileWorkspace } from '../../components/FileWorkspace'
import { trashFiles } from '../../lib/file-actions'
import { PreviewFailuresProvider } from '../../lib/preview-failures'
import { useCall } from '../../lib/use-call'
import { useFilePager } from '../../lib/use-file-pager'
import { useFileSearch } from '../../lib/use-file-search'
import { useFileSelection } from '../../lib/use-file-selection'
import { useLibraryChanges } from '../../lib/use-library-changes'
import { EmptyLibrary, type EmptyReason } from './EmptyLibrary'
import { knownTotal, toFilterInput } from './library-query'
import { LibraryActions } from './LibraryActions'
import { LibraryFilters } from './LibraryFilters'
import { LibraryToolbar } from './LibraryToolbar'
import { NO_FILTERS, useLibraryView } from './use-library-view'
import classes from './LibraryPage.module.css'

/** Search results are ranked, not paged: the best this many. */
const SEARCH_LIMIT = 200

/** Every file in the library: search, filter, sort, a grid or a list, selection and details. */
export function LibraryPage() {
  return (
    <PreviewFailuresProvider>
      <Library />
    </PreviewFailuresProvider>
  )
}

function Library() {
  const { search, setSearch, filters, setFilters, layout, setLayout, filtered } = useLibraryView('trove.library.layout')
  const searchRef = useRef<HTMLInputElement>(null)
  const stats = useCall('files:stats', {})
  const tags = useCall('tags:list', {})
  const [query] = useDebouncedValue(search.trim(), 200)
  const searching = query !== ''

  const filterInput = toFilterInput(filters)
  const total = knownTotal(filterInput, stats.value, tags.value?.tags)
  const pager = useFilePager({ ...filterInput, sort: layout.sort, order: layout.order }, total, { exactTotal: true })
  const found = useFileSearch(searching ? { ...filterInput, query, limit: SEARCH_LIMIT } : null)
  const source = searching ? found.source : pager
  const version = searching ? found.version : pager.getVersion()
  const selection = useFileSelection(source, version)

  useLibraryChanges({
    onChanged: () => {
      stats.reload()
      tags.reload()
      pager.refresh()
      if (searching) found.reload()
    },
    onPreview: (change) => pager.patch(change.fileId, { previewState: change.state }) || change.fileId <= pager.maxId,
  })

  // Ctrl/Cmd+F: the library's search, not the browser's find bar.
  useWindowEvent('keydown', (event) => {
    if ((event.ctrlKey || event.metaKey) && !event.altKey && event.key.toLowerCase() === 'f') {
      event.preventDefault()
      searchRef.current?.focus()
      searchRef.current?.select()
    }
  })

  const emptyReason: EmptyReason = searching
    ? { kind: 'search', query }
    : filtered
      ? { kind: 'filters', onClear: () => setFilters(NO_FILTERS) }
      : { kind: 'library' }

  return (
    <div className={classes.page} data-page-layout="full">
      <Title order={1} size="h2" className={classes.heading}>
        Library
      </Title>
      <LibraryToolbar search={search} onSearch={setSearch} searchRef={searchRef} layout={layout} onLayout={setLayout} searching={searching}>
        <LibraryFilters
          filters={filters}
          onChange={setFilters}
          tags={tags.value?.tags ?? []}
          summary={<CountSummary searching={searching} found={found.result} count={source.count} exact={source.exact || total !== null} filtered={filtered} />}
        />
      </LibraryToolbar>
      <FileWorkspace
        source={source}
        version={version}
        view={searching ? 'hits' : layout.view}
        hits={searching ? found.result?.hits : undefined}
        selection={selection}
        label={searching ? 'Search results' : 'Files in the library'}
        empty={<EmptyLibrary reason={emptyReason} />}
        onRetry={() => (searching ? found.reload() : pager.retry())}
        onDelete={(ids) => void trashFiles(ids).then((ok) => ok && selection.remove(ids))}
        actions={(ids) => <LibraryActions ids={ids} onTrash={() => void trashFiles(ids).then((ok) => ok && selection.remove(ids))} />}
      />
    </div>
  )
}

interface CountSummaryProps {
  searching: boolean
  found: { hits: unknown[]; more: boolean } | null
  count: number
  exact: boolean
  filtered: boolean
}

/** "2,000 files", "12 matching", "At least 600 matching", "200 best matches". */
function CountSummary({ searching, found, count, exact, filtered }: CountSummaryProps) {
  let text: string
  if (searching) {
    const n = found?.hits.length ?? 0
    text = found === null ? 'Searching…' : found.more ? `The best ${n.toLocaleString()} matches` : `${n.toLocaleString()} ${n === 1 ? 'match' : 'matches'}`
  } else {
    const noun = filtered ? 'matching' : count === 1 ? 'file' : 'files'
    text = `${exact ? '' : 'At least '}${count.toLocaleString()} ${noun}`
  }
  return (
    <Text size="xs" c="dimmed" data-testid="file-count" aria-live="polite">
      {text}
    </Text>
  )
}
