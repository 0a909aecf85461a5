import { Button, Checkbox, Group, Modal, Stack, Text, TextInput } from '@mantine/core'
import { useState, type ReactNode } from 'react'
import type { ErrorDto, ExportSelectionDto } from '../../../src-preload/contract'
import { useAppInfo } from '../../app/app-info-context'
import { call, toErrorDto } from '../../lib/call'
import { notifyDone } from '../../lib/notify'
import { ErrorAlert } from '../ErrorAlert'
import { FolderIcon } from '../icons/nav-icons'

export interface ExportDialogProps {
  /** What to export; the dialog is open while this is set. */
  selection: ExportSelectionDto | null
  /** What is exported, in words ("3 files", "the collection Trips"). */
  what: string
  onClose: () => void
  /** What the export writes, in place of the words about library files. */
  intro?: ReactNode
  /** A statement the person must tick before exporting (e.g. that readable copies leave the vault). */
  confirm?: string
}

/**
 * Where to export to: the desktop's folder dialog where there is one, else a typed path. The
 * export runs as a job (its progress in the header); nothing in the folder is overwritten.
 */
export function ExportDialog({ selection, what, onClose, intro, confirm }: ExportDialogProps) {
  const { canPickFolder } = useAppInfo()
  const [dest, setDest] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<ErrorDto | null>(null)
  const [confirmed, setConfirmed] = useState(false)
  const close = () => {
    setConfirmed(false)
    onClose()
  }

  const browse = async () => {
    try {
      const picked = await call('app:pick-folder', { title: `Export ${what} to…` })
      if (picked.path) setDest(picked.path)
    } catch (err) {
      setError(toErrorDto(err))
    }
  }
  const start = async () => {
    if (!selection) return
    setBusy(true)
    setError(null)
    try {
      const { folder } = await call('export:run', { dest: dest.trim(), selection })
      notifyDone(`Exporting ${what} to ${folder}`)
      close()
    } catch (err) {
      setError(toErrorDto(err))
    } finally {
      setBusy(false)
    }
  }

  return (
    <Modal opened={selection !== null} onClose={close} title={`Export ${what}`} size="lg">
      <form
        onSubmit={(event) => {
          event.preventDefault()
          void start()
        }}
      >
        <Stack gap="sm">
          {intro ?? (
            <Text size="sm">
              Copies the files out as ordinary files with their names, in folders like their collections, with a{' '}
              <Text span ff="monospace" size="sm">
                trove-export.json
              </Text>{' '}
              beside them holding tags, notes, sources and collections. A folder that already holds something gets a new folder inside it: nothing is overwritten.
            </Text>
          )}
          <TextInput
            label="Export to folder"
            placeholder="/path/to/a/folder"
            value={dest}
            onChange={(event) => setDest(event.currentTarget.value)}
            autoComplete="off"
            spellCheck={false}
            data-autofocus
            rightSectionWidth={canPickFolder ? 104 : undefined}
            rightSectionPointerEvents="all"
            rightSection={
              canPickFolder ? (
                <Button size="compact-sm" variant="default" leftSection={<FolderIcon size={14} />} onClick={() => void browse()}>
                  Browse…
                </Button>
              ) : undefined
            }
          />
          {confirm && <Checkbox label={confirm} checked={confirmed} onChange={(event) => setConfirmed(event.currentTarget.checked)} />}
          {error && <ErrorAlert error={error} title="The export could not start" />}
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              Cancel
            </Button>
            <Button type="submit" loading={busy} disabled={dest.trim() === '' || (confirm !== undefined && !confirmed)}>
              Export
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  )
}
