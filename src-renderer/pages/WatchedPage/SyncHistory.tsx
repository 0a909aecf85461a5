import { Button, Center, Group, Loader, Select, Table, Text, Title } from '@mantine/core'
import { Fragment, useState } from 'react'
import type { SyncOperationDto, WatchedFolderDto } from '../../../src-preload/contract'
import { ErrorAlert } from '../../components/ErrorAlert'
import { formatDateTime } from '../../lib/format-date'
import { folderName, OPERATION_TYPE_LABEL, operationOutcome } from '../../lib/sync/folder-status'
import { OperationDetails } from './OperationDetails'
import { useSyncHistory } from './use-sync-history'
import classes from './WatchedPage.module.css'

function duration(ms: number | null): string {
  if (ms === null) return '—'
  return ms < 1000 ? `${ms} ms` : `${(ms / 1000).toLocaleString('en', { maximumFractionDigits: 1 })} s`
}

function OperationRow({ op, open, onToggle }: { op: SyncOperationDto; open: boolean; onToggle: () => void }) {
  const problems = op.status === 'failed' || op.errors.length > 0
  return (
    <Fragment>
      <Table.Tr data-testid="sync-row" data-type={op.type} data-status={op.status}>
        <Table.Td className={classes.nowrap}>{formatDateTime(op.startedAt)}</Table.Td>
        <Table.Td className={classes.folderCell}>
          <Text size="sm" title={op.folderPath} truncate="end">
            {folderName(op.folderPath)}
          </Text>
        </Table.Td>
        <Table.Td className={classes.nowrap}>{OPERATION_TYPE_LABEL[op.type]}</Table.Td>
        <Table.Td>
          <Text size="sm" c={problems ? 'red' : undefined} lineClamp={2} className={classes.wrapText} data-testid="sync-outcome" title={op.error ?? undefined}>
            {operationOutcome(op)}
          </Text>
        </Table.Td>
        <Table.Td ta="right" className={classes.nowrap}>
          {op.filesScanned.toLocaleString('en')}
        </Table.Td>
        <Table.Td ta="right" className={classes.nowrap}>
          {duration(op.durationMs)}
        </Table.Td>
        <Table.Td ta="right">
          <Button size="compact-xs" variant="subtle" onClick={onToggle} aria-expanded={open}>
            {open ? 'Hide' : 'Details'}
          </Button>
        </Table.Td>
      </Table.Tr>
      {open && (
        <Table.Tr className={classes.detailRow}>
          <Table.Td colSpan={7}>
            <OperationDetails op={op} />
          </Table.Td>
        </Table.Tr>
      )}
    </Fragment>
  )
}

/** Every scan and live change of the watched folders, newest first, with what each did. */
export function SyncHistory({ folders }: { folders: readonly WatchedFolderDto[] }) {
  const [folderId, setFolderId] = useState<number | null>(null)
  const [open, setOpen] = useState<number | null>(null)
  const history = useSyncHistory(folderId)
  const toggle = (id: number) => setOpen((current) => (current === id ? null : id))

  return (
    <section aria-labelledby="sync-history-title" className={classes.history}>
      <Group justify="space-between" align="flex-end" mb="sm">
        <Title order={2} size="h4" id="sync-history-title">
          Sync history
        </Title>
        <Select
          aria-label="Folder"
          size="xs"
          w={220}
          allowDeselect={false}
          data={[{ value: 'all', label: 'All folders' }, ...folders.map((f) => ({ value: String(f.id), label: folderName(f.path) }))]}
          value={folderId === null ? 'all' : String(folderId)}
          onChange={(value) => setFolderId(value && value !== 'all' ? Number(value) : null)}
        />
      </Group>
      {history.error && <ErrorAlert error={history.error} title="The sync history could not be read" />}
      {history.operations === null && !history.error && (
        <Center py="lg">
          <Loader size="sm" aria-label="Loading the sync history" />
        </Center>
      )}
      {history.operations?.length === 0 && (
        <Text size="sm" c="dimmed" className={classes.noRows}>
          Nothing has been scanned yet.
        </Text>
      )}
      {history.operations && history.operations.length > 0 && (
        <Table.ScrollContainer minWidth={760}>
          <Table verticalSpacing={6} className={classes.table} aria-labelledby="sync-history-title" data-testid="sync-history">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Started</Table.Th>
                <Table.Th>Folder</Table.Th>
                <Table.Th>Kind</Table.Th>
                <Table.Th>Outcome</Table.Th>
                <Table.Th ta="right" className={classes.nowrap}>Looked at</Table.Th>
                <Table.Th ta="right">Took</Table.Th>
                <Table.Th>
                  <span className={classes.visuallyHidden}>Details</span>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {history.operations.map((op) => (
                <OperationRow key={op.id} op={op} open={open === op.id} onToggle={() => toggle(op.id)} />
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {history.hasMore && (
        <Group justify="center" mt="md">
          <Button variant="default" onClick={history.loadMore} loading={history.loading}>
            Load more
          </Button>
        </Group>
      )}
    </section>
  )
}
