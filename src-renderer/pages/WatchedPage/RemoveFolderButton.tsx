import { Button, Group, Modal, Radio, Stack, Text } from '@mantine/core'
import { useState } from 'react'
import type { ErrorDto, WatchedFolderDto } from '../../../src-preload/contract'
import { ErrorAlert } from '../../components/ErrorAlert'
import { call, toErrorDto } from '../../lib/call'
import { notifyDone } from '../../lib/notify'
import { folderName, plural } from '../../lib/sync/folder-status'

/** "Remove", after asking whether the folder's entries stay in the library. Files on disk are never touched. */
export function RemoveFolderButton({ folder, onRemoved }: { folder: WatchedFolderDto; onRemoved: () => void }) {
  const [opened, setOpened] = useState(false)
  const [keep, setKeep] = useState<'keep' | 'trash'>('keep')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<ErrorDto | null>(null)
  const name = folderName(folder.path)

  const remove = async () => {
    setBusy(true)
    setError(null)
    try {
      const result = await call('sync:remove-folder', { folderId: folder.id, keepEntries: keep === 'keep' })
      setOpened(false)
      notifyDone(
        result.trashed > 0
          ? `Stopped watching ${name}; ${plural(result.trashed, 'entry', 'entries')} moved to the trash.`
          : `Stopped watching ${name}; its entries stay in the library.`,
      )
      onRemoved()
    } catch (err) {
      setError(toErrorDto(err))
    } finally {
      setBusy(false)
    }
  }

  return (
    <>
      <Button size="xs" color="red" variant="subtle" onClick={() => setOpened(true)}>
        Remove
      </Button>
      <Modal opened={opened} onClose={() => !busy && setOpened(false)} title={`Stop watching ${name}?`} centered>
        <Stack gap="md">
          <Text size="sm">The folder and its files on your disk are not touched. What should happen to its {plural(folder.counts.entries, 'entry', 'entries')} in the library?</Text>
          <Radio.Group value={keep} onChange={(value) => setKeep(value as 'keep' | 'trash')} aria-label="Its entries in the library">
            <Stack gap="sm">
              <Radio value="keep" label="Keep them in the library" description="Their tags and notes stay. Files indexed in place become unavailable." />
              <Radio
                value="trash"
                label="Move them to the trash"
                description="Only entries found nowhere else; tags and notes survive until the trash is emptied."
              />
            </Stack>
          </Radio.Group>
          {error && <ErrorAlert error={error} title="The folder could not be removed" />}
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={() => setOpened(false)} disabled={busy}>
              Cancel
            </Button>
            <Button color="red" loading={busy} onClick={() => void remove()} data-autofocus>
              Stop watching
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  )
}
