import { Badge, Button, Group, Paper, Stack, Text } from '@mantine/core'
import { useImportsStore } from '../../lib/imports/imports-context'
import { progressOf } from '../../lib/imports/progress'
import { describeOutcomes, formatDateTime } from '../../lib/imports/summary'
import type { ImportEntry } from '../../lib/imports/types'
import { ErrorAlert } from '../ErrorAlert'
import { OutcomeList } from './OutcomeList'
import { ProgressBlock } from './ProgressBlock'
import { UploadItems } from './UploadItems'

type EntryState = 'running' | 'completed' | 'cancelled' | 'failed'

function stateOf(entry: ImportEntry): EntryState {
  if (entry.finishedAt === null) return 'running'
  if (entry.kind === 'uploads') return entry.cancelled ? 'cancelled' : 'completed'
  return entry.job?.state === 'failed' ? 'failed' : entry.job?.state === 'cancelled' ? 'cancelled' : 'completed'
}

const STATE_BADGE: Record<Exclude<EntryState, 'running'>, { label: string; color: string }> = {
  completed: { label: 'Done', color: 'teal' },
  cancelled: { label: 'Cancelled', color: 'gray' },
  failed: { label: 'Failed', color: 'red' },
}

function summaryOf(entry: ImportEntry): string | null {
  if (entry.finishedAt === null) return null
  if (entry.kind === 'paths') return entry.job?.state === 'failed' ? (entry.job.error ?? 'The import stopped because of an error.') : (entry.job?.summary ?? describeOutcomes(entry.records))
  return describeOutcomes(entry.items.flatMap((i) => (i.outcome ? [i.outcome] : [])))
}

/** One import in the panel: progress and Cancel while it runs, then its summary and each file's outcome. */
export function ImportCard({ entry }: { entry: ImportEntry }) {
  const store = useImportsStore()
  const state = stateOf(entry)
  const summary = summaryOf(entry)
  const how = entry.kind === 'paths' ? 'From this computer' : 'Uploaded'
  const into = entry.target ? ` into “${entry.target.collectionName}”` : ''
  return (
    <Paper withBorder radius="md" p="sm" component="article" aria-label={`Import of ${entry.label}`} data-testid="import-card" data-state={state}>
      <Stack gap={6}>
        <Group justify="space-between" wrap="nowrap" align="flex-start" gap="xs">
          <div style={{ minWidth: 0 }}>
            <Text fw={600} size="sm" truncate="end" title={entry.label}>
              {entry.label}
            </Text>
            <Text size="xs" c="dimmed">
              {how}
              {into} · {formatDateTime(entry.startedAt)}
            </Text>
          </div>
          {state === 'running' ? (
            <Button size="compact-xs" variant="default" onClick={() => void store.cancel(entry.id)} aria-label={`Cancel the import of ${entry.label}`}>
              Cancel
            </Button>
          ) : (
            <Badge variant="light" color={STATE_BADGE[state].color} radius="sm" style={{ flex: 'none' }}>
              {STATE_BADGE[state].label}
            </Badge>
          )}
        </Group>
        {state === 'running' && <ProgressBlock progress={progressOf(entry)} label={entry.label} />}
        {summary && (
          <Text size="sm" data-testid="import-summary" style={{ overflowWrap: 'anywhere' }}>
            {summary}
          </Text>
        )}
        {entry.notes.map((note) => (
          <Text key={note} size="xs" c="dimmed">
            {note}
          </Text>
        ))}
        {entry.kind === 'uploads' ? (
          <UploadItems entry={entry} />
        ) : (
          <>
            {entry.recordsError && <ErrorAlert error={entry.recordsError} title="What became of each file could not be read" />}
            <OutcomeList outcomes={entry.records} truncated={entry.recordsTruncated} batchId={entry.batchId} />
          </>
        )}
      </Stack>
    </Paper>
  )
}
