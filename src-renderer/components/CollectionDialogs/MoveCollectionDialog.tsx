import { Button, Group, Modal, Select, Stack, Text } from '@mantine/core'
import { useState } from 'react'
import type { CollectionDto, CollectionNodeDto, ErrorDto } from '../../../src-preload/contract'
import { call, toErrorDto } from '../../lib/call'
import { flattenTree, joinPath, subtreeIds } from '../../lib/collections/tree'
import { ErrorAlert } from '../ErrorAlert'

const TOP = 'top'

export interface MoveCollectionDialogProps {
  node: CollectionNodeDto
  roots: readonly CollectionNodeDto[]
  onClose: () => void
  onDone: (collection: CollectionDto) => void
}

/** Moves a collection (with everything inside it) under another, or to the top level. */
export function MoveCollectionDialog({ node, roots, onClose, onDone }: MoveCollectionDialogProps) {
  const [target, setTarget] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<ErrorDto | null>(null)
  const inside = subtreeIds(node)
  const current = node.parentId === null ? TOP : String(node.parentId)
  const options = [
    { value: TOP, label: 'Top level', disabled: current === TOP },
    ...flattenTree(roots)
      .filter(({ node: n }) => !inside.has(n.id))
      .map(({ node: n, path }) => ({ value: String(n.id), label: joinPath(path), disabled: String(n.id) === current })),
  ]

  const move = async () => {
    if (!target || busy) return
    setBusy(true)
    setError(null)
    try {
      onDone(await call('collections:move', { id: node.id, parentId: target === TOP ? null : Number(target) }))
    } catch (err) {
      setError(toErrorDto(err))
      setBusy(false)
    }
  }

  return (
    <Modal opened onClose={onClose} title={`Move “${node.name}”`} centered>
      <Stack gap="md">
        {error && <ErrorAlert error={error} title="The collection was not moved" />}
        <Text size="sm" c="dimmed">
          The collections inside it move with it. Its files stay where they are in your library.
        </Text>
        <Select
          label="Move into"
          placeholder="Choose a collection"
          data={options}
          value={target}
          onChange={setTarget}
          searchable
          nothingFoundMessage="No collection of that name"
          comboboxProps={{ withinPortal: true }}
          data-autofocus
        />
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button onClick={() => void move()} loading={busy} disabled={!target}>
            Move
          </Button>
        </Group>
      </Stack>
    </Modal>
  )
}
