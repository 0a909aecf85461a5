import { Button, Group, Loader, Paper, SegmentedControl, Stack, Tabs, TagsInput, Text, Textarea, TextInput } from '@mantine/core'
import { useEffect, useState } from 'react'
import type { DiaryEntryDto, DiaryMood, ErrorDto } from '../../../src-preload/contract'
import { call, toErrorDto } from '../../lib/call'
import { notifyDone } from '../../lib/notify'
import { useTroveEvent } from '../../lib/use-trove-event'
import { ErrorAlert } from '../ErrorAlert'
import { useDiaryTouch } from '../DiaryLockButton'
import { DiaryMediaSection } from '../DiaryMedia'
import { DeleteEntryDialog } from './DeleteEntryDialog'
import { MarkdownPreview } from './MarkdownPreview'
import { MOOD_LABELS, MOODS } from './moods'

interface Draft {
  date: string
  title: string
  mood: DiaryMood | null
  tags: string[]
  body: string
}

const draftOf = (e: DiaryEntryDto): Draft => ({ date: e.date, title: e.title, mood: e.mood, tags: e.tags, body: e.body })
const sameDraft = (a: Draft, b: Draft) => JSON.stringify(a) === JSON.stringify(b)

export interface DiaryEditorProps {
  /** The entry to edit; null writes a new one on `newDate`. */
  entryId: string | null
  newDate: string
  onSaved: (entry: DiaryEntryDto) => void
  onDeleted: () => void
  /** Told whenever the text starts or stops differing from what is saved. */
  onDirtyChange?: (dirty: boolean) => void
}

/** One entry: day, title, mood, tags and a Markdown body with a preview; its attachments once saved. */
export function DiaryEditor({ entryId, newDate, onSaved, onDeleted, onDirtyChange }: DiaryEditorProps) {
  const [entry, setEntry] = useState<DiaryEntryDto | null>(null)
  const [draft, setDraft] = useState<Draft>({ date: newDate, title: '', mood: null, tags: [], body: '' })
  const [loadError, setLoadError] = useState<ErrorDto | null>(null)
  const [error, setError] = useState<ErrorDto | null>(null)
  const [saving, setSaving] = useState(false)
  const [confirmDelete, setConfirmDelete] = useState(false)
  const [deleting, setDeleting] = useState(false)
  const touch = useDiaryTouch()

  useEffect(() => {
    let live = true
    setError(null)
    setLoadError(null)
    if (!entryId) {
      setEntry(null)
      setDraft({ date: newDate, title: '', mood: null, tags: [], body: '' })
      return
    }
    setEntry(null)
    call('diary:get', { id: entryId }).then(
      (e) => {
        if (!live) return
        setEntry(e)
        setDraft(draftOf(e))
      },
      (err: unknown) => live && setLoadError(toErrorDto(err)),
    )
    return () => {
      live = false
    }
  }, [entryId, newDate])

  // Attachments added or removed elsewhere (or by this editor's media section): read the entry again.
  useTroveEvent('diary:changed', ({ change, entryIds }) => {
    if (!entryId || change !== 'media' || !entryIds.includes(entryId)) return
    call('diary:get', { id: entryId }).then((e) => setEntry(e), () => undefined)
  })

  const dirty = entry ? !sameDraft(draft, draftOf(entry)) : draft.title.trim() !== '' || draft.body.trim() !== ''
  useEffect(() => {
    onDirtyChange?.(dirty)
  }, [dirty, onDirtyChange])
  useEffect(() => () => onDirtyChange?.(false), [onDirtyChange])

  if (loadError) return <ErrorAlert error={loadError} title="This entry could not be opened" />
  if (entryId && !entry) return <Loader m="xl" />

  const edit = (patch: Partial<Draft>) => {
    touch()
    setDraft((d) => ({ ...d, ...patch }))
  }
  const dateValid = /^\d{4}-\d{2}-\d{2}$/.test(draft.date)

  const save = async () => {
    setSaving(true)
    setError(null)
    try {
      const saved = await call('diary:save', { ...(entry ? { id: entry.id } : {}), ...draft })
      setEntry(saved)
      setDraft(draftOf(saved))
      onSaved(saved)
    } catch (err) {
      setError(toErrorDto(err))
    } finally {
      setSaving(false)
    }
  }

  const remove = async () => {
    if (!entry) return
    setDeleting(true)
    try {
      await call('diary:delete', { id: entry.id })
      setConfirmDelete(false)
      notifyDone(`Deleted “${entry.title || 'Untitled'}”`)
      onDeleted()
    } catch (err) {
      setConfirmDelete(false)
      setError(toErrorDto(err))
    } finally {
      setDeleting(false)
    }
  }

  return (
    <Paper withBorder p="lg" radius="md" data-testid="diary-editor">
      <form
        onSubmit={(e) => {
          e.preventDefault()
          if (dateValid && !saving) void save()
        }}
        onKeyDown={(e) => {
          // Ctrl/Cmd+S saves, as in any editor.
          if (e.key.toLowerCase() === 's' && (e.ctrlKey || e.metaKey) && !e.altKey) {
            e.preventDefault()
            if (dateValid && !saving && dirty) void save()
          }
        }}
      >
        <Stack>
          <Group align="flex-end" wrap="wrap">
            <TextInput type="date" label="Day" value={draft.date} onChange={(e) => edit({ date: e.currentTarget.value })} required w={170} />
            <TextInput label="Title" value={draft.title} onChange={(e) => edit({ title: e.currentTarget.value })} maxLength={500} style={{ flex: 1, minWidth: 200 }} />
          </Group>
          <Stack gap={4}>
            <Text size="sm" fw={500} id="diary-mood-label">
              Mood
            </Text>
            <SegmentedControl
              aria-labelledby="diary-mood-label"
              value={draft.mood ?? 'none'}
              onChange={(v) => edit({ mood: v === 'none' ? null : (v as DiaryMood) })}
              data={[{ value: 'none', label: '—' }, ...MOODS.map((m) => ({ value: m, label: MOOD_LABELS[m] }))]}
              size="xs"
            />
          </Stack>
          <TagsInput label="Tags" value={draft.tags} onChange={(tags) => edit({ tags })} maxTags={50} placeholder="Type a tag and press Enter" clearable />
          <Tabs defaultValue="write" keepMounted={false}>
            <Tabs.List>
              <Tabs.Tab value="write">Write</Tabs.Tab>
              <Tabs.Tab value="preview">Preview</Tabs.Tab>
            </Tabs.List>
            <Tabs.Panel value="write" pt="xs">
              <Textarea
                aria-label="Entry text (Markdown)"
                value={draft.body}
                onChange={(e) => edit({ body: e.currentTarget.value })}
                autosize
                minRows={8}
                maxRows={24}
                placeholder="Write in Markdown: **bold**, *italic*, # headings, - lists…"
              />
            </Tabs.Panel>
            <Tabs.Panel value="preview" pt="xs">
              <MarkdownPreview source={draft.body} />
            </Tabs.Panel>
          </Tabs>
          {error && <ErrorAlert error={error} title="The entry could not be saved" onClose={() => setError(null)} />}
          <Group justify="space-between">
            <Group gap="xs">
              <Button type="submit" loading={saving} disabled={!dateValid || (!dirty && entry !== null)}>
                {entry ? 'Save' : 'Save entry'}
              </Button>
              <Text size="xs" c="dimmed">
                {entry && dirty ? 'Unsaved changes · ' : ''}Ctrl+S saves
              </Text>
            </Group>
            {entry && (
              <Button variant="subtle" color="red" onClick={() => setConfirmDelete(true)}>
                Delete entry
              </Button>
            )}
          </Group>
        </Stack>
      </form>
      {entry ? (
        <DiaryMediaSection entryId={entry.id} media={entry.media} />
      ) : (
        <Text size="xs" c="dimmed" mt="md">
          Save the entry to attach photos, videos and voice notes.
        </Text>
      )}
      {entry && (
        <DeleteEntryDialog
          opened={confirmDelete}
          title={entry.title}
          mediaCount={entry.media.length}
          busy={deleting}
          onCancel={() => setConfirmDelete(false)}
          onConfirm={() => void remove()}
        />
      )}
    </Paper>
  )
}
