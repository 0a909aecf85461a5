import { Loader, Stack, Text } from '@mantine/core'
import { useVirtualizer } from '@tanstack/react-virtual'
import { useEffect, useRef } from 'react'
import { ErrorAlert } from '../ErrorAlert'
import { DiaryEntryCard } from './DiaryEntryCard'
import classes from './DiaryTimeline.module.css'
import { useDiaryTimeline } from './use-diary-timeline'

const ROW = 92

export interface DiaryTimelineProps {
  /** Show entries of this day and before (newest first); null for all. */
  to: string | null
  selectedId: string | null
  onOpen: (id: string) => void
}

/** The entries, newest first, virtualized and read a page at a time as they come into view. */
export function DiaryTimeline({ to, selectedId, onOpen }: DiaryTimelineProps) {
  const { entries, total, hasMore, loadMore, loading, error } = useDiaryTimeline(to)
  const scrollRef = useRef<HTMLDivElement>(null)
  const virtualizer = useVirtualizer({ count: entries.length, getScrollElement: () => scrollRef.current, estimateSize: () => ROW, overscan: 6 })
  const items = virtualizer.getVirtualItems()
  const lastIndex = items.at(-1)?.index ?? -1

  useEffect(() => {
    if (hasMore && lastIndex >= entries.length - 5) loadMore()
  }, [hasMore, lastIndex, entries.length, loadMore])
  useEffect(() => {
    // Block body: scrollTo may return a promise, which must not become the effect's cleanup.
    scrollRef.current?.scrollTo({ top: 0 })
  }, [to])

  if (error) return <ErrorAlert error={error} title="The diary’s entries could not be read" />
  if (!loading && entries.length === 0) {
    return (
      <Text size="sm" c="dimmed" p="md" data-testid="diary-timeline-empty">
        {to ? 'No entries on or before this day.' : 'No entries yet. Write your first one.'}
      </Text>
    )
  }
  return (
    <Stack gap={4} className={classes.wrap}>
      <Text size="xs" c="dimmed" aria-live="polite">
        {total === null ? '' : `${total} ${total === 1 ? 'entry' : 'entries'}${to ? ' up to this day' : ''}`}
      </Text>
      <div ref={scrollRef} className={classes.scroller} role="list" aria-label="Diary entries" data-testid="diary-timeline">
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {items.map((item) => {
            const entry = entries[item.index]!
            return (
              <div key={entry.id} role="listitem" className={classes.row} style={{ transform: `translateY(${item.start}px)`, height: ROW }}>
                <DiaryEntryCard entry={entry} selected={entry.id === selectedId} onOpen={onOpen} />
              </div>
            )
          })}
        </div>
        {loading && <Loader size="sm" m="sm" />}
      </div>
    </Stack>
  )
}
