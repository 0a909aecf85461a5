import { Button, Group, Modal, Stack, Text } from '@mantine/core'
import { useState } from 'react'
import type { KindStatsDto } from '../../../src-preload/contract/files'
import { ErrorAlert } from '../../components/ErrorAlert'
import { TrashIcon } from '../../components/icons/file-icons'
import { call, toErrorDto } from '../../lib/call'
import { plural } from '../../lib/file-actions'
import { formatBytes } from '../../lib/format-bytes'
import { notifyDone } from '../../lib/notify'
import type { ErrorDto } from '../../../src-preload/contract'

export interface EmptyTrashButtonProps {
  /** What the trash holds now. */
  trashed: KindStatsDto | undefined
  onEmptied: () => void
}

/** "Empty trash", after a confirmation that says how many files and how much space. */
export function EmptyTrashButton({ trashed, onEmptied }: EmptyTrashButtonProps) {
  const [opened, setOpened] = useState(false)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<ErrorDto | null>(null)
  const count = trashed?.count ?? 0
  const what = `${plural(count, 'file')} (${formatBytes(trashed?.bytes ?? 0)})`

  const empty = async () => {
    setBusy(true)
    setError(null)
    try {
      const result = await call('files:empty-trash', {})
      setOpened(false)
      const pending = result.objectErrors > 0 ? ` ${plural(result.objectErrors, 'stored copy', 'stored copies')} will be removed later.` : ''
      notifyDone(`Deleted ${plural(result.purged, 'file')} for good and freed ${formatBytes(result.bytes)}.${pending}`)
      onEmptied()
    } catch (err) {
      setError(toErrorDto(err))
    } finally {
      setBusy(false)
    }
  }

  return (
    <>
      <Button color="red" variant="light" leftSection={<TrashIcon size={16} />} disabled={count === 0} onClick={() => setOpened(true)}>
        Empty trash
      </Button>
      <Modal opened={opened} onClose={() => !busy && setOpened(false)} title="Empty the trash?" centered>
        <Stack gap="md">
          <Text size="sm">
            This deletes {what} for good: the files, their tags, notes and history in Trove. It cannot be undone. The originals on your disk
            that files were imported from are not touched.
          </Text>
          {error && <ErrorAlert error={error} title="The trash could not be emptied" />}
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={() => setOpened(false)} disabled={busy}>
              Cancel
            </Button>
            <Button color="red" loading={busy} onClick={() => void empty()} data-autofocus>
              Delete {plural(count, 'file')} for good
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  )
}
