import { Button, Group, Modal, Stack, Text } from '@mantine/core'
import { useState } from 'react'
import type { CollectionNodeDto, ErrorDto } from '../../../src-preload/contract'
import { call, toErrorDto } from '../../lib/call'
import { subtreeIds, totalFiles } from '../../lib/collections/tree'
import { ErrorAlert } from '../ErrorAlert'

const plural = (n: number, one: string, many: string) => `${n.toLocaleString()} ${n === 1 ? one : many}`

export interface DeleteCollectionDialogProps {
  node: CollectionNodeDto
  onClose: () => void
  onDone: () => void
}

/** Asks before deleting a collection, and says plainly that its files stay in the library. */
export function DeleteCollectionDialog({ node, onClose, onDone }: DeleteCollectionDialogProps) {
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<ErrorDto | null>(null)
  const nested = subtreeIds(node).size - 1
  const files = totalFiles(node)

  const remove = async () => {
    setBusy(true)
    setError(null)
    try {
      await call('collections:delete', { id: node.id })
      onDone()
    } catch (err) {
      setError(toErrorDto(err))
      setBusy(false)
    }
  }

  return (
    <Modal opened onClose={onClose} title={`Delete “${node.name}”?`} centered>
      <Stack gap="md">
        {error && <ErrorAlert error={error} title="The collection was not deleted" />}
        <Text size="sm">
          {nested > 0
            ? `This deletes the collection and the ${plural(nested, 'collection', 'collections')} inside it.`
            : 'This deletes the collection.'}
        </Text>
        <Text size="sm" fw={500} data-testid="delete-collection-files-stay">
          {files > 0
            ? `The ${plural(files, 'file', 'files')} in it stay in your library; only the grouping goes.`
            : 'Files are never deleted with a collection; they stay in your library.'}
        </Text>
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose} data-autofocus>
            Cancel
          </Button>
          <Button color="red" onClick={() => void remove()} loading={busy}>
            Delete collection
          </Button>
        </Group>
      </Stack>
    </Modal>
  )
}
