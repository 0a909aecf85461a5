import { Button, Center, Loader } from '@mantine/core'
import { useLocalStorage } from '@mantine/hooks'
import { useEffect, useState, type ReactNode } from 'react'
import type { SearchHitDto } from '../../../src-preload/contract'
import type { FileSource } from '../../lib/file-pager'
import { notifyDone } from '../../lib/notify'
import { BULK_LIMIT, type FileSelection } from '../../lib/use-file-selection'
import { ErrorAlert } from '../ErrorAlert'
import { FileBrowser, type FileView } from '../FileBrowser'
import { FileDetailPanel } from '../FileDetailPanel'
import { SelectionBar } from '../SelectionBar'
import { PanelResizer } from './PanelResizer'
import classes from './FileWorkspace.module.css'

export interface FileWorkspaceProps {
  source: FileSource
  version: number
  view: FileView
  hits?: readonly SearchHitDto[]
  selection: FileSelection
  /** The listbox's accessible name ("Files in the library"). */
  label: string
  /** Shown instead of the files when there are none. */
  empty: ReactNode
  onRetry: () => void
  /** Delete or Backspace with files selected. */
  onDelete: (ids: number[]) => void
  /** The actions of the selection bar, for the selected ids. */
  actions: (ids: number[]) => ReactNode
}

const PANEL = { min: 300, max: 720, initial: 380 }

/** The files (grid, list or search hits), the bar for the selection, and the details panel. */
export function FileWorkspace(props: FileWorkspaceProps) {
  const { source, version, view, hits, selection, label, empty, onRetry, onDelete, actions } = props
  const [detailsOpen, setDetailsOpen] = useState(false)
  const [partial, setPartial] = useState(false)
  const [panelWidth, setPanelWidth] = useLocalStorage({ key: 'trove.details-width', defaultValue: PANEL.initial, getInitialValueInEffect: false })
  const ids = [...selection.ids]
  const detailId = detailsOpen ? selection.focusId : null

  const selectAll = async () => {
    const result = await selection.selectAll()
    setPartial(result.partial)
    if (result.partial) {
      notifyDone(
        `Selected ${result.selected.toLocaleString()} files: the ones loaded so far. Trove acts on at most ${BULK_LIMIT.toLocaleString()} at once; narrow the filters to reach the rest.`,
      )
    }
  }

  const showEmpty = source.settled && source.count === 0 && !source.error
  const waiting = !source.settled && source.count === 0
  // Nothing is laid out yet, so nothing asks for the first page: ask for it here.
  useEffect(() => {
    if (waiting) source.ensure(0, 0)
  }, [source, waiting])
  return (
    <div className={classes.workspace}>
      <div className={classes.files}>
        {source.error && (
          <div className={classes.error}>
            <ErrorAlert error={source.error} title="The files could not be read" />
            <Button mt="xs" size="xs" variant="light" onClick={onRetry}>
              Try again
            </Button>
          </div>
        )}
        {showEmpty ? (
          empty
        ) : waiting ? (
          <Center h="100%">
            <Loader size="sm" aria-label="Reading the files" />
          </Center>
        ) : (
          <FileBrowser
            source={source}
            version={version}
            view={view}
            hits={hits}
            selection={selection}
            label={label}
            bottomSpace={ids.length > 0 ? 72 : 0}
            onOpen={() => setDetailsOpen(true)}
            onDelete={() => {
              const target = ids.length > 0 ? ids : selection.focusId !== null ? [selection.focusId] : []
              if (target.length === 0) return
              if (selection.focusId !== null && target.includes(selection.focusId)) setDetailsOpen(false)
              onDelete(target)
            }}
            onSelectAll={() => void selectAll()}
            onEscape={() => setDetailsOpen(false)}
          />
        )}
        <SelectionBar
          count={ids.length}
          note={partial && ids.length > 0 ? '(loaded files)' : undefined}
          onClear={() => {
            selection.clear()
            setPartial(false)
          }}
        >
          {actions(ids)}
        </SelectionBar>
      </div>
      {detailId !== null && (
        <>
          <PanelResizer width={panelWidth} min={PANEL.min} max={PANEL.max} onResize={setPanelWidth} />
          <div className={classes.details} style={{ width: panelWidth }}>
            <FileDetailPanel fileId={detailId} onClose={() => setDetailsOpen(false)} onGone={() => setDetailsOpen(false)} />
          </div>
        </>
      )}
    </div>
  )
}
