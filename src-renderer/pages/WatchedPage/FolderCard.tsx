import { Anchor, Badge, Button, Group, Progress, SimpleGrid, Stack, Switch, Text } from '@mantine/core'
import { useState, type ReactNode } from 'react'
import type { WatchedFolderDto } from '../../../src-preload/contract'
import { call } from '../../lib/call'
import { formatBytes } from '../../lib/format-bytes'
import { formatDateTime } from '../../lib/format-date'
import { notifyDone, notifyError, notifyWarning } from '../../lib/notify'
import { folderName, operationOutcome, STATUS_COLOR, STATUS_LABEL, statusDetail } from '../../lib/sync/folder-status'
import { RemoveFolderButton } from './RemoveFolderButton'
import { useLastScan } from './use-last-scan'
import classes from './WatchedPage.module.css'

export interface FolderCardProps {
  folder: WatchedFolderDto
  onChanged: (folder: WatchedFolderDto) => void
  onRemoved: () => void
}

function Fact({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) {
  return (
    <div>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm" fw={500} data-testid={testId}>
        {children}
      </Text>
    </div>
  )
}

/** One watched folder: what it is doing, what it holds, its last and next scan, and its controls. */
export function FolderCard({ folder, onChanged, onRemoved }: FolderCardProps) {
  const lastScan = useLastScan(folder)
  const [busy, setBusy] = useState<'scan' | 'enable' | null>(null)
  const name = folderName(folder.path)
  const scanning = folder.status === 'scanning'

  const reconcile = async () => {
    setBusy('scan')
    try {
      const { operations } = await call('sync:scan', { folderId: folder.id })
      const op = operations[0]
      if (op?.status === 'failed') notifyWarning(`${name} could not be reconciled`, op.error ?? 'The scan failed.')
      else if (op) notifyDone(`${name} reconciled: ${operationOutcome(op).toLowerCase()}.`)
    } catch (err) {
      notifyError(err, `${name} could not be reconciled`)
    } finally {
      setBusy(null)
    }
  }

  const setEnabled = async (enabled: boolean) => {
    setBusy('enable')
    try {
      onChanged(await call('sync:set-enabled', { folderId: folder.id, enabled }))
    } catch (err) {
      notifyError(err, enabled ? `${name} could not be turned on` : `${name} could not be paused`)
    } finally {
      setBusy(null)
    }
  }

  return (
    <section className={classes.card} aria-label={`Watched folder ${name}`} data-testid="folder-card" data-status={folder.status}>
      <Group justify="space-between" align="flex-start" wrap="nowrap" gap="sm">
        <div className={classes.cardTitle}>
          <Text fw={600} size="md" truncate="end">
            {name}
          </Text>
          <Text size="xs" c="dimmed" ff="monospace" className={classes.path} title={folder.path}>
            {folder.path}
          </Text>
        </div>
        <Badge color={STATUS_COLOR[folder.status]} variant="light" data-testid="folder-status">
          {STATUS_LABEL[folder.status]}
        </Badge>
      </Group>

      <Text size="sm" mt="xs" c={folder.status === 'error' ? 'red' : undefined} data-testid="folder-detail" className={classes.wrapText}>
        {statusDetail(folder)}
      </Text>
      {scanning && <Progress value={100} animated striped size="sm" mt="xs" aria-label={`Scanning ${name}`} />}

      <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="md" verticalSpacing="xs" mt="md">
        <Fact label="Files tracked" testId="folder-files">
          {folder.counts.files.toLocaleString('en')}
        </Fact>
        <Fact label="Library entries">{folder.counts.entries.toLocaleString('en')}</Fact>
        <Fact label="Size">{formatBytes(folder.counts.bytes)}</Fact>
        <Fact label="Mode">{folder.mode === 'index' ? 'Indexed in place' : 'Copies imported'}</Fact>
        <Fact label="Last reconciled">
          {formatDateTime(lastScan?.startedAt ?? folder.lastScanAt)}
          {lastScan && (
            <Text span size="xs" c={lastScan.status === 'failed' ? 'red' : 'dimmed'} display="block" fw={400} data-testid="folder-last-outcome">
              {lastScan.status === 'failed' ? 'Failed' : operationOutcome(lastScan)}
            </Text>
          )}
        </Fact>
        <Fact label="Next scheduled">{folder.enabled ? formatDateTime(folder.nextScanAt) : 'Paused'}</Fact>
        <Fact label="Leave out">
          <Text span size="sm" fw={500} ff={folder.ignore.length ? 'monospace' : undefined} className={classes.wrapText}>
            {folder.ignore.length ? folder.ignore.join('  ') : 'Only hidden and system files'}
          </Text>
        </Fact>
      </SimpleGrid>

      <Group justify="space-between" mt="md" gap="sm">
        <Group gap="sm">
          <Button size="xs" onClick={() => void reconcile()} loading={busy === 'scan'} disabled={!folder.enabled || scanning}>
            Reconcile now
          </Button>
          <Anchor href={`#/library?folder=${folder.id}`} size="sm">
            Show its files
          </Anchor>
        </Group>
        <Group gap="md">
          <Switch
            label="Watch"
            checked={folder.enabled}
            disabled={busy === 'enable'}
            onChange={(event) => void setEnabled(event.currentTarget.checked)}
            aria-label={`Watch ${name}`}
          />
          <RemoveFolderButton folder={folder} onRemoved={onRemoved} />
        </Group>
      </Group>
    </section>
  )
}
