import { Group, Text } from '@mantine/core'
import classes from './JobStatus.module.css'

/**
 * The header's compact view of running jobs (imports, scans). Nothing runs jobs yet, so it
 * says so; it is a live region, so a job starting later is announced.
 */
export function JobStatus() {
  return (
    <Group gap={8} wrap="nowrap" className={classes.root} data-testid="job-status" role="status" aria-live="polite">
      <span className={classes.dot} aria-hidden="true" />
      <Text size="sm" c="dimmed">
        No jobs running
      </Text>
    </Group>
  )
}
