import { Button, EmptyState } from '@mantine/core'
import { SearchIcon } from '../../components/icons/file-icons'
import { LibraryIcon } from '../../components/icons/nav-icons'
import classes from './LibraryPage.module.css'

export type EmptyReason = { kind: 'library' } | { kind: 'filters'; onClear: () => void } | { kind: 'search'; query: string }

/** What an empty view says: how to add files, or that nothing matches (and how to widen it). */
export function EmptyLibrary({ reason }: { reason: EmptyReason }) {
  if (reason.kind === 'library') {
    return (
      <div className={classes.empty} data-testid="library-empty">
        <EmptyState variant="light" size="md" icon={<LibraryIcon size={26} />}>
          <EmptyState.Title order={2}>Your library is empty</EmptyState.Title>
          <EmptyState.Description maw={460}>
            Drop files or whole folders anywhere on this window, or choose them with Add files at the top. Trove keeps one copy of each
            file, by its content; then you can tag, group, search and preview everything here.
          </EmptyState.Description>
        </EmptyState>
      </div>
    )
  }
  if (reason.kind === 'filters') {
    return (
      <div className={classes.empty}>
        <EmptyState variant="light" size="md" icon={<SearchIcon size={26} />}>
          <EmptyState.Title order={2}>No files match these filters</EmptyState.Title>
          <EmptyState.Description>Try another kind, tag or date range.</EmptyState.Description>
          <EmptyState.Actions>
            <Button variant="light" onClick={reason.onClear}>
              Clear filters
            </Button>
          </EmptyState.Actions>
        </EmptyState>
      </div>
    )
  }
  return (
    <div className={classes.empty}>
      <EmptyState variant="light" size="md" icon={<SearchIcon size={26} />}>
        <EmptyState.Title order={2}>Nothing matches “{reason.query}”</EmptyState.Title>
        <EmptyState.Description maw={440}>
          Search looks in names, tags, notes and the text inside files. Fewer or shorter words find more.
        </EmptyState.Description>
      </EmptyState>
    </div>
  )
}
