import { Button, Group, Paper, Text } from '@mantine/core'
import type { JobDto } from '../../../src-preload/contract'
import { useImportsStore } from '../../lib/imports/imports-context'
import { jobProgress } from '../../lib/imports/progress'
import { ProgressBlock } from './ProgressBlock'

/** Work of main that is not one of this window's imports (previews, a check, another window's import). */
export function JobCard({ job }: { job: JobDto }) {
  const store = useImportsStore()
  return (
    <Paper withBorder radius="md" p="sm" component="article" aria-label={job.label} data-testid="job-card">
      <Group justify="space-between" wrap="nowrap" gap="xs">
        <Text fw={600} size="sm" truncate="end" title={job.label}>
          {job.label}
        </Text>
        <Button size="compact-xs" variant="default" onClick={() => void store.cancelJob(job.id)} aria-label={`Cancel ${job.label}`}>
          Cancel
        </Button>
      </Group>
      <ProgressBlock progress={jobProgress(job)} label={job.label} />
    </Paper>
  )
}
