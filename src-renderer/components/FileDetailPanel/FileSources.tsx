import { Badge, Group, Stack, Text } from '@mantine/core'
import type { FileSourceDto } from '../../../src-preload/contract'
import { formatDateTime } from '../../lib/format-date'
import classes from './FileDetailPanel.module.css'

const SOURCE_LABELS: Record<FileSourceDto['kind'], string> = {
  import: 'Imported',
  upload: 'Uploaded',
  watch: 'Watched folder',
}

/** Where the content came from or lives, each place with whether it is still there. */
export function FileSources({ sources }: { sources: readonly FileSourceDto[] }) {
  if (sources.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        No sources are recorded.
      </Text>
    )
  }
  return (
    <Stack gap="xs" data-testid="file-sources">
      {sources.map((source, i) => (
        <div key={`${source.kind}-${source.path}-${i}`} className={classes.source}>
          <Group gap={6} justify="space-between" wrap="nowrap">
            <Text size="xs" fw={600} c="dimmed" tt="uppercase">
              {SOURCE_LABELS[source.kind]}
            </Text>
            <Badge size="xs" variant="light" color={source.available ? 'teal' : 'gray'} radius="sm">
              {source.available ? 'Available' : 'Unavailable'}
            </Badge>
          </Group>
          <Text size="xs" ff="monospace" className={classes.path} title={source.path}>
            {source.path || source.originalName}
          </Text>
          <Text size="xs" c="dimmed">
            Last seen {formatDateTime(source.lastSeenAt)}
          </Text>
        </div>
      ))}
    </Stack>
  )
}
