import { Anchor, Table, Text } from '@mantine/core'
import { Fragment } from 'react'
import type { ImportRecordDto } from '../../../src-preload/contract'
import { OutcomeBadge } from '../../components/OutcomeBadge'
import { formatBytes } from '../../lib/format-bytes'
import { describeOutcomes, formatDateTime, humanReason, outcomeOfRecord, readableReason } from '../../lib/imports/summary'
import { historyHref } from './history-query'
import classes from './HistoryPage.module.css'

/** Neighbouring rows of the same import, with the import's sum ("3 added, 1 rejected: …"). */
function groupsOf(items: readonly ImportRecordDto[]): ImportRecordDto[][] {
  const groups: ImportRecordDto[][] = []
  for (const item of items) {
    const last = groups[groups.length - 1]
    if (last && last[0]!.batchId === item.batchId) last.push(item)
    else groups.push([item])
  }
  return groups
}

function Row({ record }: { record: ImportRecordDto }) {
  const human = record.outcome === 'rejected' || record.outcome === 'failed' ? humanReason(record.reasonCode) : null
  return (
    <Table.Tr data-testid="history-row" data-outcome={record.outcome}>
      <Table.Td className={classes.time}>{formatDateTime(record.startedAt)}</Table.Td>
      <Table.Td className={classes.nameCell}>
        <Text size="sm" fw={500} className={classes.wrapText} title={record.originalPath ?? undefined}>
          {record.originalName}
        </Text>
      </Table.Td>
      <Table.Td className={classes.outcomeCell}>
        <OutcomeBadge outcome={record.outcome} />
      </Table.Td>
      <Table.Td className={classes.reasonCell}>
        {record.reasonMessage ? (
          <Text size="sm" className={classes.wrapText}>
            {human && (
              <Text span size="sm" fw={500}>
                {human}{' '}
              </Text>
            )}
            {readableReason(record.reasonMessage)}
          </Text>
        ) : (
          <Text size="sm" c="dimmed">
            —
          </Text>
        )}
      </Table.Td>
      <Table.Td ta="right" className={classes.nowrap}>
        {record.size === null ? '—' : formatBytes(record.size)}
      </Table.Td>
      <Table.Td>
        <Text size="sm" c="dimmed" className={classes.wrapText}>
          {record.mime ?? '—'}
        </Text>
      </Table.Td>
    </Table.Tr>
  )
}

/** The records as a table: one row per file, optionally under a heading row per import. */
export function HistoryTable({ items, grouped, batchFiltered }: { items: readonly ImportRecordDto[]; grouped: boolean; batchFiltered: boolean }) {
  return (
    <Table.ScrollContainer minWidth={820}>
      <Table verticalSpacing={8} aria-label="Import history" data-testid="history-table" className={classes.table}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Time</Table.Th>
            <Table.Th>Name</Table.Th>
            <Table.Th>Outcome</Table.Th>
            <Table.Th>Reason</Table.Th>
            <Table.Th ta="right">Size</Table.Th>
            <Table.Th>Type</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {grouped
            ? groupsOf(items).map((group) => {
                const first = group[0]!
                return (
                  <Fragment key={`${first.batchId}-${first.id}`}>
                    <Table.Tr className={classes.groupRow} data-testid="history-batch">
                      <Table.Td colSpan={6}>
                        <Text size="sm" fw={600} span>
                          Import of {formatDateTime(first.startedAt)}
                        </Text>
                        <Text size="sm" c="dimmed" span>
                          {' · '}
                          {describeOutcomes(group.map(outcomeOfRecord))}
                        </Text>
                        {!batchFiltered && (
                          <Anchor href={historyHref(first.batchId)} size="sm" ml="sm">
                            Only this import
                          </Anchor>
                        )}
                      </Table.Td>
                    </Table.Tr>
                    {group.map((record) => (
                      <Row key={record.id} record={record} />
                    ))}
                  </Fragment>
                )
              })
            : items.map((record) => <Row key={record.id} record={record} />)}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  )
}
