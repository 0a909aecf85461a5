import { Progress, Stack, Text } from '@mantine/core'
import { useState } from 'react'
import type { JobDto } from '../../../src-preload/contract'
import { formatBytes } from '../../lib/format-bytes'
import { useTroveEvent } from '../../lib/use-trove-event'

const PHASES: Record<string, string> = {
  database: 'Copying the database',
  objects: 'Copying files',
  vault: 'Copying the diary (still encrypted)',
  finishing: 'Writing the manifest',
  copying: 'Copying files',
  closing: 'Closing the library for the last changes',
  'catching-up': 'Copying the last changes',
  verifying: 'Reading every copied file back',
  switching: 'Opening the library in its new folder',
}

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
      <Text size="sm">{(job.current && PHASES[job.current]) ?? job.label}</Text>
      <Progress value={fraction === null ? 100 : Math.round(fraction * 100)} animated={fraction === null} aria-label={job.label} />
      <Text size="xs" c="dimmed">
        {job.itemsTotal !== null ? `${job.itemsDone.toLocaleString()} of ${job.itemsTotal.toLocaleString()} files` : ''}
        {job.bytesTotal ? ` · ${formatBytes(job.bytesDone)} of ${formatBytes(job.bytesTotal)}` : ''}
      </Text>
    </Stack>
  )
}
