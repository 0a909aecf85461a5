import { Progress, Stack, Text } from '@mantine/core'
import { useState } from 'react'
import type { JobDto } from '../../../src-preload/contract'
import { formatBytes } from '../../lib/format-bytes'
import { useTroveEvent } from '../../lib/use-trove-event'

/** The latest running job of `kind` (main's jobs:job-changed), as a bar with files and bytes. */
export function BackupJobProgress({ kind, active }: { kind: string; active: boolean }) {
  const [job, setJob] = useState<JobDto | null>(null)
  useTroveEvent('jobs:job-changed', (next) => {
    if (next.kind === kind) setJob(next)
  })
  if (!active || !job || job.state !== 'running') return null
  const fraction = job.bytesTotal ? job.bytesDone / job.bytesTotal : job.itemsTotal ? job.itemsDone / job.itemsTotal : null
  return (
    <Stack gap={4} aria-live="polite">
      <Text size="sm">{job.current ?? job.label}</Text>
      <Progress value={fraction === null ? 100 : Math.round(fraction * 100)} animated={fraction === null} aria-label={job.label} />
      <Text size="xs" c="dimmed">
        {job.itemsTotal !== null ? `${job.itemsDone.toLocaleString()} of ${job.itemsTotal.toLocaleString()} files` : ''}
        {job.bytesTotal ? ` · ${formatBytes(job.bytesDone)} of ${formatBytes(job.bytesTotal)}` : ''}
      </Text>
    </Stack>
  )
}
