import { Alert, Button, Group, List, Modal, Stack, Text } from '@mantine/core'
import { useState } from 'react'
import type { ErrorDto, MoveReportDto } from '../../../src-preload/contract'
import { ErrorAlert } from '../../components/ErrorAlert'
import { call, toErrorDto } from '../../lib/call'
import { formatBytes } from '../../lib/format-bytes'
import { BackupFolderField } from './BackupFolderField'
import { BackupJobProgress } from './BackupJobProgress'

/**
 * "Move library…": a new (empty) folder; copy, check and switch with progress; then, only on
 * request and after a confirmation, delete the old folder.
 */
export function MoveLibraryDialog({ from, canPickFolder, onClose }: { from: string; canPickFolder: boolean; onClose: () => void }) {
  const [destination, setDestination] = useState('')
  const [busy, setBusy] = useState<'move' | 'delete' | null>(null)
  const [failure, setFailure] = useState<ErrorDto | null>(null)
  const [report, setReport] = useState<MoveReportDto | null>(null)
  const [confirming, setConfirming] = useState(false)
  const [deleted, setDeleted] = useState(false)

  const move = async () => {
    setBusy('move')
    setFailure(null)
    try {
      setReport(await call('library:move', { destination: destination.trim() }))
    } catch (err) {
      setFailure(toErrorDto(err))
    } finally {
      setBusy(null)
    }
  }
  const deleteOld = async () => {
    setBusy('delete')
    setFailure(null)
    try {
      await call('library:delete-old-copy', { path: report!.from })
      setDeleted(true)
      setConfirming(false)
    } catch (err) {
      setFailure(toErrorDto(err))
    } finally {
      setBusy(null)
    }
  }

  return (
    <Modal opened onClose={busy ? () => undefined : onClose} title="Move the library" centered size="lg">
      <Stack gap="md">
        {!report && (
          <>
            <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
              Everything in {from} is copied to the new folder and every file is read back. Only then does Trove switch to it. The old folder is kept until you delete it.
            </Text>
            <BackupFolderField label="New folder" description="A new or empty folder, on this drive or another one." value={destination} onChange={setDestination} canPickFolder={canPickFolder} dialogTitle="Choose the new library folder" onPickError={setFailure} disabled={busy !== null} />
            <BackupJobProgress kind="move" active={busy === 'move'} />
            <Group justify="flex-end">
              <Button variant="default" onClick={onClose} disabled={busy !== null}>Cancel</Button>
              <Button onClick={move} loading={busy === 'move'} disabled={!destination.trim()}>Move</Button>
            </Group>
          </>
        )}
        {report && (
          <>
            <Alert color={report.problems.length ? 'yellow' : 'teal'} variant="light" title="Library moved">
              <List size="sm" spacing={2}>
                <List.Item style={{ overflowWrap: 'anywhere' }}>Trove now uses {report.to}</List.Item>
                <List.Item>{report.objectsVerified.toLocaleString()} files copied and read back ({formatBytes(report.bytesCopied)})</List.Item>
                {report.problems.slice(0, 10).map((p) => <List.Item key={p.path}>{p.message}</List.Item>)}
              </List>
            </Alert>
            {deleted ? (
              <Text size="sm">The old folder was deleted.</Text>
            ) : confirming ? (
              <Alert color="red" variant="light" title="Delete the old copy?">
                <Text size="sm" style={{ overflowWrap: 'anywhere' }}>Everything in {report.from} will be deleted for good. The library in {report.to} is not affected.</Text>
                <Group mt="sm">
                  <Button color="red" onClick={deleteOld} loading={busy === 'delete'}>Delete the old copy</Button>
                  <Button variant="default" onClick={() => setConfirming(false)} disabled={busy !== null}>Keep it</Button>
                </Group>
              </Alert>
            ) : (
              <Text size="sm" style={{ overflowWrap: 'anywhere' }}>The old folder {report.from} is untouched.</Text>
            )}
            <Group justify="flex-end">
              {!deleted && !confirming && <Button variant="default" color="red" onClick={() => setConfirming(true)}>Delete the old copy…</Button>}
              <Button onClick={onClose} disabled={busy !== null}>Done</Button>
            </Group>
          </>
        )}
        {failure && <ErrorAlert error={failure} title={report ? undefined : 'The library was not moved; it stays where it was'} onClose={() => setFailure(null)} />}
      </Stack>
    </Modal>
  )
}
