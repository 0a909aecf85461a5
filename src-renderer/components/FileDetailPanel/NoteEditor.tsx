import { Group, Loader, Text, Textarea } from '@mantine/core'
import { useEffect, useRef, useState } from 'react'
import type { ErrorDto, FileDto } from '../../../src-preload/contract'
import { call, toErrorDto } from '../../lib/call'
import { ErrorAlert } from '../ErrorAlert'
import { CheckIcon } from '../icons/file-icons'

type Status = { state: 'idle' } | { state: 'saving' } | { state: 'saved' } | { state: 'failed'; error: ErrorDto }

/** The file's note: saved when the field loses focus, with a quiet "Saved" once it is. */
export function NoteEditor({ file, onSaved }: { file: FileDto; onSaved: (file: FileDto) => void }) {
  const [value, setValue] = useState(file.note)
  const [status, setStatus] = useState<Status>({ state: 'idle' })
  const saved = useRef(file.note)
  const editing = useRef(false)

  // Another file, or the note changed elsewhere while this field was not being edited.
  useEffect(() => {
    saved.current = file.note
    if (!editing.current) setValue(file.note)
  }, [file.id, file.note])
  useEffect(() => setStatus({ state: 'idle' }), [file.id])

  const save = async () => {
    editing.current = false
    if (value === saved.current) return
    setStatus({ state: 'saving' })
    try {
      const updated = await call('files:set-note', { id: file.id, note: value })
      saved.current = updated.note
      setStatus({ state: 'saved' })
      onSaved(updated)
    } catch (err) {
      setStatus({ state: 'failed', error: toErrorDto(err) })
    }
  }

  return (
    <div>
      <Textarea
        label="Note"
        placeholder="Write something about this file…"
        autosize
        minRows={3}
        maxRows={12}
        value={value}
        onFocus={() => (editing.current = true)}
        onChange={(e) => {
          setValue(e.currentTarget.value)
          if (status.state === 'saved') setStatus({ state: 'idle' })
        }}
        onBlur={() => void save()}
        description={<NoteStatus status={status} dirty={value !== saved.current} />}
        inputWrapperOrder={['label', 'input', 'description', 'error']}
      />
      {status.state === 'failed' && <ErrorAlert error={status.error} title="The note could not be saved" />}
    </div>
  )
}

function NoteStatus({ status, dirty }: { status: Status; dirty: boolean }) {
  if (status.state === 'saving') {
    return (
      <Group gap={4} component="span">
        <Loader size={10} /> Saving…
      </Group>
    )
  }
  if (status.state === 'saved' && !dirty) {
    return (
      <Group gap={4} component="span" c="teal" data-testid="note-saved">
        <CheckIcon size={12} /> Saved
      </Group>
    )
  }
  return <Text span size="xs">{dirty ? 'Saved when you leave the field.' : 'Searchable, like the name and tags.'}</Text>
}
