import { List, SimpleGrid, Text } from '@mantine/core'
import type { SyncOperationDto } from '../../../src-preload/contract'
import { formatBytes } from '../../lib/format-bytes'
import { formatDateTime } from '../../lib/format-date'
import classes from './WatchedPage.module.css'

/** Everything an operation recorded: its counts, times, and each file it could not read. */
export function OperationDetails({ op }: { op: SyncOperationDto }) {
  const facts: Array<[string, string]> = [
    ['Looked at', op.filesScanned.toLocaleString('en')],
    ['Read', `${op.filesHashed.toLocaleString('en')} (${formatBytes(op.bytesHashed)})`],
    ['Added', op.filesAdded.toLocaleString('en')],
    ['Changed', op.filesUpdated.toLocaleString('en')],
    ['Removed', op.filesRemoved.toLocaleString('en')],
    ['Finished', op.finishedAt === null ? 'Still running' : formatDateTime(op.finishedAt)],
  ]
  return (
    <div data-testid="sync-details">
      <Text size="xs" c="dimmed" ff="monospace" className={classes.wrapText} mb="xs">
        {op.folderPath}
      </Text>
      <SimpleGrid cols={{ base: 3, sm: 6 }} spacing="sm" verticalSpacing={4}>
        {facts.map(([label, value]) => (
          <div key={label}>
            <Text size="xs" c="dimmed">
              {label}
            </Text>
            <Text size="sm">{value}</Text>
          </div>
        ))}
      </SimpleGrid>
      {op.error && (
        <Text size="sm" c="red" mt="sm" className={classes.wrapText}>
          {op.error}
        </Text>
      )}
      {op.errors.length > 0 && (
        <>
          <Text size="sm" fw={500} mt="sm">
            Files that could not be read
          </Text>
          <List size="sm" spacing={2} mt={4} className={classes.issues}>
            {op.errors.map((issue, i) => (
              <List.Item key={`${issue.path}-${i}`}>
                <Text span size="sm" ff="monospace" className={classes.wrapText}>
                  {issue.path}
                </Text>
                <Text span size="sm">
                  {' — '}
                  {issue.message}
                </Text>
                <Text span size="xs" c="dimmed">
                  {' '}
                  ({issue.code})
                </Text>
              </List.Item>
            ))}
          </List>
        </>
      )}
    </div>
  )
}
