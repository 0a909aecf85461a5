import { useVirtualizer } from '@tanstack/react-virtual'
import { useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent, type MouseEvent } from 'react'
import type { SearchHitDto } from '../../../src-preload/contract'
import type { FileSource } from '../../lib/file-pager'
import type { FileSelection } from '../../lib/use-file-selection'
import { usePrioritisedPreviews } from '../../lib/use-prioritised-previews'
import { FileListHeader, FileRow } from '../FileRow'
import { FileTile } from '../FileTile'
import { SEARCH_HIT_HEIGHT, SearchHitRow } from '../SearchHitRow'
import { gridGeometry, LIST_HEADER_HEIGHT, LIST_ROW_HEIGHT, PADDING } from './geometry'
import classes from './FileBrowser.module.css'

/** grid and list page through the library; hits shows search results (with `hits`). */
export type FileView = 'grid' | 'list' | 'hits'

export interface FileBrowserProps {
  source: FileSource
  /** Changes whenever the source has new items (re-renders the visible ones). */
  version: number
  view: FileView
  /** The search results, in the order of `source`, for the hits view. */
  hits?: readonly SearchHitDto[]
  selection: FileSelection
  /** Enter or a double click: show this file's details. */
  onOpen: (index: number) => void
  /** Delete or Backspace. */
  onDelete: () => void
  /** Ctrl/Cmd+A. */
  onSelectAll: () => void
  /** Escape with nothing selected. */
  onEscape?: () => void
  /** Room kept free at the bottom (for the bar of bulk actions). */
  bottomSpace?: number
  label: string
}

/**
 * A virtualized grid or list of files: only the rows on screen (and a few around them) are in
 * the document, whatever the size of the library. One focusable listbox; the focused file is
 * its active descendant, so arrows, Shift, Ctrl/Cmd, Home/End and Page Up/Down work like in a
 * file manager.
 */
export function FileBrowser(props: FileBrowserProps) {
  const { source, version, view, hits, selection, onOpen, onDelete, onSelectAll, onEscape, bottomSpace = 0, label } = props
  const scrollRef = useRef<HTMLDivElement>(null)
  const [width, setWidth] = useState(0)
  const [keyboard, setKeyboard] = useState(false)

  useLayoutEffect(() => {
    const el = scrollRef.current
    if (!el) return
    const observer = new ResizeObserver(() => setWidth(el.clientWidth))
    observer.observe(el)
    setWidth(el.clientWidth)
    return () => observer.disconnect()
  }, [])

  const grid = view === 'grid'
  const geometry = gridGeometry(width)
  const cols = grid ? geometry.columns : 1
  const list = view === 'list'
  const rowHeight = grid ? geometry.rowHeight : list ? LIST_ROW_HEIGHT : SEARCH_HIT_HEIGHT
  const top = list ? LIST_HEADER_HEIGHT : PADDING
  const count = source.count
  const virtualizer = useVirtualizer({
    count: Math.ceil(count / cols),
    getScrollElement: () => scrollRef.current,
    estimateSize: () => rowHeight,
    gap: grid ? geometry.gap : 0,
    overscan: grid ? 2 : 8,
    paddingStart: top,
    paddingEnd: PADDING + bottomSpace,
    scrollPaddingStart: top,
    scrollPaddingEnd: PADDING + bottomSpace,
  })

  useEffect(() => virtualizer.measure(), [virtualizer, rowHeight, cols, view])

  // When the columns change (the details panel opened) or the selection bar appears, the
  // focused file stays in sight.
  const focusRef = useRef(selection.focus)
  focusRef.current = selection.focus
  useEffect(() => {
    if (focusRef.current !== null) virtualizer.scrollToIndex(Math.floor(focusRef.current / cols), { align: 'auto' })
  }, [virtualizer, cols, bottomSpace])
  useEffect(() => {
    scrollRef.current?.scrollTo({ top: 0 })
  }, [source])

  const rows = virtualizer.getVirtualItems()
  const firstIndex = (rows[0]?.index ?? 0) * cols
  const lastIndex = ((rows.at(-1)?.index ?? 0) + 1) * cols - 1
  useEffect(() => source.ensure(firstIndex, lastIndex), [source, firstIndex, lastIndex])
  usePrioritisedPreviews(source, firstIndex, lastIndex, version)

  const focus = selection.focus
  const focusedFile = focus === null ? undefined : source.get(focus)
  const focusRendered = focus !== null && focus >= firstIndex && focus <= lastIndex

  const move = (target: number, event: KeyboardEvent) => {
    if (count === 0) return
    const index = Math.max(0, Math.min(count - 1, target))
    selection.moveTo(index, { range: event.shiftKey, toggle: event.ctrlKey || event.metaKey })
    virtualizer.scrollToIndex(Math.floor(index / cols), { align: 'auto' })
  }

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    setKeyboard(true)
    const mod = event.ctrlKey || event.metaKey
    const at = focus ?? -1
    const pageRows = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? 0) / (rowHeight + (grid ? geometry.gap : 0))))
    const keys: Record<string, () => void> = {
      ArrowDown: () => move(at < 0 ? 0 : at + cols, event),
      ArrowUp: () => move(at < 0 ? 0 : at - cols, event),
      ArrowRight: () => grid && move(at + 1, event),
      ArrowLeft: () => grid && move(Math.max(0, at - 1), event),
      Home: () => move(0, event),
      End: () => move(count - 1, event),
      PageDown: () => move(Math.max(0, at) + pageRows * cols, event),
      PageUp: () => move(Math.max(0, at) - pageRows * cols, event),
      ' ': () => (mod ? selection.toggleFocused() : move(Math.max(0, at), event)),
      Enter: () => at >= 0 && onOpen(at),
      Delete: () => onDelete(),
      Backspace: () => onDelete(),
      Escape: () => (selection.ids.size > 0 ? selection.clear() : onEscape?.()),
    }
    const run = mod && event.key.toLowerCase() === 'a' ? onSelectAll : keys[event.key]
    if (!run) return
    event.preventDefault()
    event.stopPropagation()
    run()
  }

  const onClick = (event: MouseEvent<HTMLDivElement>) => {
    const mod = event.ctrlKey || event.metaKey
    const item = (event.target as HTMLElement).closest<HTMLElement>('[data-index]')
    if (!item) {
      if (!mod && !event.shiftKey) selection.clear()
      return
    }
    selection.click(Number(item.dataset.index), { range: event.shiftKey, toggle: mod })
  }

  const onDoubleClick = (event: MouseEvent<HTMLDivElement>) => {
    const item = (event.target as HTMLElement).closest<HTMLElement>('[data-index]')
    if (item) onOpen(Number(item.dataset.index))
  }

  return (
    <div
      ref={scrollRef}
      className={classes.scroller}
      role="listbox"
      aria-label={label}
      aria-multiselectable="true"
      aria-activedescendant={focusRendered && focusedFile ? `file-option-${focusedFile.id}` : undefined}
      tabIndex={0}
      data-testid="file-browser"
      data-view={view}
      data-keyboard={keyboard || undefined}
      data-version={version}
      onKeyDown={onKeyDown}
      onPointerDown={() => setKeyboard(false)}
      onFocus={(event) => {
        if (event.target === event.currentTarget && focus === null && count > 0) selection.moveTo(0, { toggle: true })
      }}
      onClick={onClick}
      onDoubleClick={onDoubleClick}
    >
      <div className={classes.sizer} style={{ height: virtualizer.getTotalSize() }}>
        {list && (
          <div className={classes.listHeader}>
            <FileListHeader />
          </div>
        )}
        {rows.map((row) => {
          const start = row.index * cols
          return (
            <div
              key={row.key}
              role="none"
              className={grid ? classes.gridRow : classes.listRow}
              style={{
                transform: `translateY(${row.start}px)`,
                height: row.size,
                gridTemplateColumns: grid ? `repeat(${cols}, minmax(0, 1fr))` : undefined,
                gap: grid ? geometry.gap : undefined,
              }}
            >
              {Array.from({ length: Math.min(cols, count - start) }, (_, i) => {
                const index = start + i
                const file = source.get(index)
                const selected = file !== undefined && selection.ids.has(file.id)
                if (view === 'hits') {
                  return <SearchHitRow key={file?.id ?? index} hit={hits?.[index]} index={index} count={count} selected={selected} focused={index === focus} />
                }
                const Item = grid ? FileTile : FileRow
                return (
                  <Item
                    key={file?.id ?? `placeholder-${index}`}
                    file={file}
                    index={index}
                    count={count}
                    selected={selected}
                    focused={index === focus}
                  />
                )
              })}
            </div>
          )
        })}
      </div>
    </div>
  )
}
