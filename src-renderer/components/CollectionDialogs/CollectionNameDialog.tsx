import { Button, Group, Modal, Stack, TextInput } from '@mantine/core'
import { useState, type FormEvent } from 'react'
import type { CollectionDto, CollectionNodeDto, ErrorDto } from '../../../src-preload/contract'
import { call, toErrorDto } from '../../lib/call'
import { ErrorAlert } from '../ErrorAlert'

export type NameDialogMode = { kind: 'create'; parent: CollectionNodeDto | null } | { kind: 'rename'; node: CollectionNodeDto }

/** What main would refuse anyway, said before asking it. */
function problemWith(name: string): string | null {
  const trimmed = name.trim()
  if (!trimmed) return 'Give the collection a name.'
  if (trimmed.includes('/')) return 'A name cannot contain “/”: it separates nested collections.'
  if (trimmed.length > 255) return 'A name has at most 255 characters.'
  return null
}

export interface CollectionNameDialogProps {
  mode: NameDialogMode
  onClose: () => void
  onDone: (collection: CollectionDto) => void
}

/** Names a new collection (at the top level or inside another), or renames one. */
export function CollectionNameDialog({ mode, onClose, onDone }: CollectionNameDialogProps) {
  const [name, setName] = useState(mode.kind === 'rename' ? mode.node.name : '')
  const [touched, setTouched] = useState(false)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<ErrorDto | null>(null)
  const problem = problemWith(name)

  const title =
    mode.kind === 'rename'
      ? `Rename “${mode.node.name}”`
      : mode.parent
        ? `New collection inside “${mode.parent.name}”`
        : 'New collection'

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    setTouched(true)
    if (problem || busy) return
    setBusy(true)
    setError(null)
    try {
      const done =
        mode.kind === 'rename'
          ? await call('collections:rename', { id: mode.node.id, name })
          : await call('collections:create', { name, parentId: mode.parent?.id ?? null })
      onDone(done)
    } catch (err) {
      setError(toErrorDto(err))
      setBusy(false)
    }
  }

  return (
    <Modal opened onClose={onClose} title={title} centered>
      <form onSubmit={(event) => void submit(event)} noValidate>
        <Stack gap="md">
          {error && <ErrorAlert error={error} title={mode.kind === 'rename' ? 'The collection was not renamed' : 'The collection was not created'} />}
          <TextInput
            label="Name"
            description="Unique among the collections beside it."
            value={name}
            onChange={(event) => setName(event.currentTarget.value)}
            error={touched ? problem : null}
            data-autofocus
            autoComplete="off"
          />
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={busy}>
              {mode.kind === 'rename' ? 'Rename' : 'Create'}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  )
}
