import { Alert, Button, Group, SegmentedControl, Stack, Text } from '@mantine/core'
import { useEffect, useState } from 'react'
import type { BackupReportDto, BackupStatusDto, BackupVerifyReportDto, ErrorDto } from '../../../src-preload/contract'
import { ErrorAlert } from '../../components/ErrorAlert'
import { call, toErrorDto } from '../../lib/call'
import { formatBytes } from '../../lib/format-bytes'
import { formatDateTime } from '../../lib/format-date'
import { useCall } from '../../lib/use-call'
import { useTroveEvent } from '../../lib/use-trove-event'
import { BackupFolderField } from './BackupFolderField'
import { BackupJobProgress } from './BackupJobProgress'
import { BackupRestoreDialog } from './BackupRestoreDialog'

type Interval = BackupStatusDto['schedule']['interval']

function LastBackup({ status }: { status: BackupStatusDto }) {
  const last = status.last
  if (!last) return <Text size="sm" c="dimmed">No backup yet.</Text>
  const verified = last.verifiedAt === null ? 'not checked since' : last.verifyOk ? `checked intact on ${formatDateTime(last.verifiedAt)}` : `check on ${formatDateTime(last.verifiedAt)} found ${last.verifyProblems} problem(s)`
  return (
    <Stack gap={2} data-testid="last-backup">
      <Text size="sm">
        Last backup: <strong>{last.outcome === 'completed' ? 'completed' : last.outcome}</strong> on {formatDateTime(last.finishedAt)}
        {last.outcome === 'completed' ? ` (${last.objectsCopied.toLocaleString()} new file(s) copied and read back)` : ''}
      </Text>
      {last.error && <Text size="sm" c="red">{last.error}</Text>}
      <Text size="sm" c="dimmed" style={{ overflowWrap: 'anywhere' }}>To {last.destination}; {verified}.</Text>
      {status.nextDueAt !== null && <Text size="sm" c="dimmed">Next scheduled backup: {status.nextDueAt === 0 ? 'soon' : formatDateTime(status.nextDueAt)}</Text>}
    </Stack>
  )
}

/** Settings → Backups: where, how often, the last result and its check, back up now, restore. */
export function BackupSettings({ canPickFolder }: { canPickFolder: boolean }) {
  const status = useCall('backup:status', {})
  const [destination, setDestination] = useState('')
  const [interval, setCadence] = useState<Interval>('off')
  const [busy, setBusy] = useState<'save' | 'run' | 'verify' | null>(null)
  const [failure, setFailure] = useState<ErrorDto | null>(null)
  const [done, setDone] = useState<string | null>(null)
  const [restoring, setRestoring] = useState(false)

  // A backup started elsewhere (the schedule, another window, before this page was opened): its
  // progress shows here, and its end refreshes the last result.
  useTroveEvent('jobs:job-changed', (job) => {
    if (job.kind !== 'backup' || busy !== null) return
    if (job.state !== 'running' || status.value?.runningJobId !== job.id) status.reload()
  })
  const runningElsewhere = busy === null && status.value?.runningJobId != null

  useEffect(() => {
    if (!status.value) return
    setDestination(status.value.schedule.destination ?? '')
    setCadence(status.value.schedule.interval)
  }, [status.value])

  const act = async (what: 'save' | 'run' | 'verify') => {
    setBusy(what)
    setFailure(null)
    setDone(null)
    const folder = destination.trim()
    try {
      if (what === 'save' || what === 'run') {
        status.setValue(await call('backup:set-schedule', { destination: folder || null, interval }))
      }
      if (what === 'run') {
        const r: BackupReportDto = await call('backup:run', { destination: folder })
        setDone(`Backup ${r.resumed ? 'continued and ' : ''}completed: ${r.objectsCopied.toLocaleString()} new file(s) copied and read back (${formatBytes(r.bytesCopied)}), ${r.objectsSkipped.toLocaleString()} already there${r.problems.length ? `; ${r.problems.length} file(s) of the library could not be backed up (missing or damaged)` : ''}.`)
      }
      if (what === 'verify') {
        const r: BackupVerifyReportDto = await call('backup:verify', { destination: folder })
        setDone(r.ok ? `The backup is intact: ${r.objectsChecked.toLocaleString()} files read back, the database matches.` : `The backup has ${r.problems.length + (r.database.sha256Matches ? 0 : 1)} problem(s): ${r.problems.slice(0, 3).map((p) => p.message).join(' ')}${r.database.sha256Matches ? '' : ' The database does not match the manifest.'} Run a backup to copy the damaged files again.`)
      }
      if (what === 'save') setDone('Backup settings saved.')
    } catch (err) {
      setFailure(toErrorDto(err))
    } finally {
      setBusy(null)
      if (what !== 'save') status.reload()
    }
  }

  if (status.error && !status.value) return <ErrorAlert error={status.error} />
  if (!status.value) return <Text size="sm" c="dimmed">Loading…</Text>
  return (
    <Stack gap="md">
      <BackupFolderField
        label="Backup folder"
        description="An empty folder on another drive or a network share, or an earlier Trove backup (only what it lacks is copied)."
        value={destination}
        onChange={setDestination}
        canPickFolder={canPickFolder}
        dialogTitle="Choose a backup folder"
        onPickError={setFailure}
        disabled={busy !== null}
      />
      <Stack gap={4}>
        <Text size="sm" fw={500} id="backup-interval-label">Back up automatically</Text>
        <SegmentedControl
          aria-labelledby="backup-interval-label"
          value={interval}
          onChange={(v) => setCadence(v as Interval)}
          data={[{ value: 'off', label: 'Off' }, { value: 'daily', label: 'Daily' }, { value: 'weekly', label: 'Weekly' }]}
          disabled={busy !== null}
          maw={320}
        />
        <Text size="xs" c="dimmed">While Trove is open; a missed backup runs soon after the next start.</Text>
      </Stack>
      <Group>
        <Button onClick={() => act('run')} loading={busy === 'run'} disabled={!destination.trim() || runningElsewhere || (busy !== null && busy !== 'run')}>Back up now</Button>
        <Button variant="default" onClick={() => act('save')} loading={busy === 'save'} disabled={busy !== null && busy !== 'save'}>Save schedule</Button>
        <Button variant="default" onClick={() => act('verify')} loading={busy === 'verify'} disabled={!destination.trim() || (busy !== null && busy !== 'verify')}>Check the backup</Button>
        <Button variant="subtle" onClick={() => setRestoring(true)} disabled={busy !== null}>Restore…</Button>
      </Group>
      <BackupJobProgress kind="backup" active={busy === 'run' || runningElsewhere} />
      <BackupJobProgress kind="backup-verify" active={busy === 'verify'} />
      {done && <Alert color="teal" variant="light" withCloseButton closeButtonLabel="Dismiss" onClose={() => setDone(null)}><Text size="sm">{done}</Text></Alert>}
      {failure && <ErrorAlert error={failure} onClose={() => setFailure(null)} />}
      <LastBackup status={status.value} />
      {restoring && <BackupRestoreDialog canPickFolder={canPickFolder} initialBackup={destination} onClose={() => setRestoring(false)} />}
    </Stack>
  )
}
