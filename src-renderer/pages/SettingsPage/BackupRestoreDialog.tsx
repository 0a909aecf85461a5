import { Alert, Button, Group, List, Modal, Stack, Text } from '@mantine/core'
import { useState } from 'react'
import type { ErrorDto, RestoreReportDto } from '../../../src-preload/contract'
import { useAppInfoState } from '../../app/app-info-context'
import { ErrorAlert } from '../../components/ErrorAlert'
import { call, toErrorDto } from '../../lib/call'
import { formatBytes } from '../../lib/format-bytes'
import { BackupFolderField } from './BackupFolderField'
import { BackupJobProgress } from './BackupJobProgress'

/** "Restore…": a backup folder and a new (empty) library folder; the report; then, if wanted, open it. */
export function BackupRestoreDialog({ canPickFolder, initialBackup, onClose }: { canPickFolder: boolean; initialBackup: string; onClose: () => void }) {
  const { setValue } = useAppInfoState()
  const [backup, setBackup] = useState(initialBackup)
  const [library, setLibrary] = useState('')
  const [busy, setBusy] = useState(false)
  const [failure, setFailure] = useState<ErrorDto | null>(null)
  const [report, setReport] = useState<RestoreReportDto | null>(null)

  const restore = async () => {
    setBusy(true)
    setFailure(null)
    try {
      setReport(await call('backup:restore', { backup: backup.trim(), library: library.trim() }))
    } catch (err) {
      setFailure(toErrorDto(err))
    } finally {
      setBusy(false)
    }
  }
  const openRestored = async () => {
    try {
      setValue(await call('app:choose-library', { path: report!.library }))
      onClose()
    } catch (err) {
      setFailure(toErrorDto(err))
    }
  }

  return (
    <Modal opened onClose={busy ? () => undefined : onClose} title="Restore a backup" centered size="lg">
      <Stack gap="md">
        {!report && (
          <>
            <Text size="sm">The backup is copied into a new library folder and checked file by file. Your current library is not changed.</Text>
            <BackupFolderField label="Backup folder" value={backup} onChange={setBackup} canPickFolder={canPickFolder} dialogTitle="Choose the backup folder" onPickError={setFailure} disabled={busy} />
            <BackupFolderField
              label="New library folder"
              description="A new or empty folder; Trove will not write into a folder that holds other files."
              value={library}
              onChange={setLibrary}
              canPickFolder={canPickFolder}
              dialogTitle="Choose a folder for the restored library"
              onPickError={setFailure}
              disabled={busy}
            />
            <BackupJobProgress kind="restore" active={busy} />
            <Group justify="flex-end">
              <Button variant="default" onClick={onClose} disabled={busy}>Cancel</Button>
              <Button onClick={restore} loading={busy} disabled={!backup.trim() || !library.trim()}>Restore</Button>
            </Group>
          </>
        )}
        {report && (
          <>
            <Alert color={report.ok ? 'teal' : 'yellow'} variant="light" title={report.ok ? 'Backup restored and checked' : 'Backup restored, with problems'}>
              <List size="sm" spacing={2}>
                <List.Item>Backup made {new Date(report.backupCreatedAt).toLocaleString()}</List.Item>
                <List.Item>{report.files.toLocaleString()} entries, {report.tags} tags, {report.collections} collections</List.Item>
                <List.Item>{report.objectsVerified.toLocaleString()} files copied and checked ({formatBytes(report.bytes)})</List.Item>
                <List.Item>{report.vaultFiles} diary file(s), still encrypted</List.Item>
                {report.problems.slice(0, 10).map((p) => <List.Item key={p.path}>{p.message}</List.Item>)}
              </List>
              <Text size="sm" mt="xs" style={{ overflowWrap: 'anywhere' }}>Restored into {report.library}</Text>
            </Alert>
            <Group justify="flex-end">
              <Button variant="default" onClick={onClose}>Close</Button>
              <Button onClick={openRestored}>Open the restored library</Button>
            </Group>
          </>
        )}
        {failure && <ErrorAlert error={failure} onClose={() => setFailure(null)} />}
      </Stack>
    </Modal>
  )
}
