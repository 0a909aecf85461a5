import { Button, CloseButton, Group, Stack, TextInput } from '@mantine/core'
import { useDebouncedValue } from '@mantine/hooks'
import { useCallback, useRef, useState } from 'react'
import type { DiaryStatusDto } from '../../../src-preload/contract'
import { DiaryCalendar, localToday } from '../../components/DiaryCalendar'
import { DiaryEditor } from '../../components/DiaryEditor'
import { DiarySettings } from '../../components/DiarySettings'
import { DiarySearchHits, DiaryTimeline } from '../../components/DiaryTimeline'
import { notifyError } from '../../lib/notify'
import classes from './DiaryPage.module.css'
import { DiscardChangesDialog } from './DiscardChangesDialog'

export interface DiaryWorkspaceProps {
  status: DiaryStatusDto
  onStatus: (status: DiaryStatusDto) => void
  onLock: () => Promise<void>
}

/** The unlocked diary: calendar, search and timeline beside the entry being written or read. */
export function DiaryWorkspace({ status, onStatus, onLock }: DiaryWorkspaceProps) {
  const today = localToday()
  const [month, setMonth] = useState(today.slice(0, 7))
  const [day, setDay] = useState<string | null>(null)
  const [selectedId, setSelectedId] = useState<string | null>(null)
  const [editorKey, setEditorKey] = useState(0)
  const [query, setQuery] = useState('')
  const [debounced] = useDebouncedValue(query.trim(), 250)
  const dirty = useRef(false)
  const onDirtyChange = useCallback((d: boolean) => void (dirty.current = d), [])
  const [pending, setPending] = useState<(() => void) | null>(null)
  /** Runs `action` now, or after the person agreed to drop unsaved changes. */
  const leaveEditor = (action: () => void) => (dirty.current ? setPending(() => action) : action())

  const newEntry = () => {
    setSelectedId(null)
    setEditorKey((k) => k + 1)
  }
  const open = (id: string) => {
    if (id !== selectedId) leaveEditor(() => setSelectedId(id))
  }

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end" wrap="wrap" className={classes.toolbar}>
        <TextInput
          label="Search the diary"
          placeholder="Words in titles, text and tags"
          value={query}
          onChange={(e) => setQuery(e.currentTarget.value)}
          w={320}
          rightSection={query ? <CloseButton size="sm" aria-label="Clear the search" onClick={() => setQuery('')} /> : null}
        />
        <Group gap="xs" align="flex-end">
          <DiarySettings status={status} onStatus={onStatus} />
          <Button size="xs" variant="default" onClick={() => onLock().catch((err: unknown) => notifyError(err, 'The diary could not be locked'))} data-testid="diary-lock">
            Lock now
          </Button>
        </Group>
      </Group>
      <div className={classes.columns}>
        <Stack gap="sm" className={classes.side}>
          <Button onClick={() => leaveEditor(newEntry)} data-testid="diary-new-entry">
            New entry{day && day !== today ? ` on ${day}` : ''}
          </Button>
          <DiaryCalendar
            month={month}
            onMonth={setMonth}
            selected={day}
            onPick={(date) => {
              setDay(date === day ? null : date)
              setQuery('')
            }}
          />
          {day && (
            <Button size="xs" variant="subtle" onClick={() => setDay(null)}>
              Show all entries
            </Button>
          )}
          {debounced ? (
            <DiarySearchHits query={debounced} selectedId={selectedId} onOpen={open} />
          ) : (
            <DiaryTimeline to={day} selectedId={selectedId} onOpen={open} />
          )}
        </Stack>
        <div className={classes.main}>
          <DiaryEditor
            key={selectedId ?? `new-${editorKey}`}
            entryId={selectedId}
            newDate={day ?? today}
            onSaved={(entry) => setSelectedId(entry.id)}
            onDeleted={() => newEntry()}
            onDirtyChange={onDirtyChange}
          />
        </div>
      </div>
      <DiscardChangesDialog
        opened={pending !== null}
        onKeep={() => setPending(null)}
        onDiscard={() => {
          const action = pending
          setPending(null)
          dirty.current = false
          action?.()
        }}
      />
    </Stack>
  )
}
