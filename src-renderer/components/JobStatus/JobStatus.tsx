import { RingProgress, Text, UnstyledButton } from '@mantine/core'
import { useImports, useImportsStore } from '../../lib/imports/imports-context'
import { runningWork } from '../../lib/imports/progress'
import classes from './JobStatus.module.css'

/**
 * The header's compact view of running jobs (imports, uploads, previews…): how many, and a
 * ring for how far along they are together. It opens the import panel. The wrapper is a live
 * region, so a job starting or ending is announced (the percentage is not, to stay quiet).
 */
export function JobStatus() {
  const snapshot = useImports()
  const store = useImportsStore()
  const work = runningWork(snapshot)
  const idle = work.count === 0
  const percent = work.percent === null ? null : Math.round(work.percent)

  return (
    <div data-testid="job-status" role="status" aria-live="polite" className={classes.wrap}>
      <UnstyledButton
        className={classes.root}
        data-running={idle ? undefined : true}
        onClick={store.togglePanel}
        aria-expanded={snapshot.panelOpen}
        title={idle ? 'Show recent imports' : 'Show progress'}
      >
        {idle ? (
          <span className={classes.dot} aria-hidden="true" />
        ) : (
          <RingProgress
            size={22}
            thickness={3}
            roundCaps
            aria-hidden="true"
            className={classes.ring}
            data-indeterminate={percent === null || undefined}
            sections={[{ value: percent ?? 25, color: 'teal' }]}
          />
        )}
        <Text size="sm" c={idle ? 'dimmed' : undefined} truncate className={classes.label}>
          {idle ? 'No jobs running' : work.label}
        </Text>
        {percent !== null && (
          <Text span size="xs" c="dimmed" aria-hidden="true" className={classes.percent}>
            {percent}%
          </Text>
        )}
      </UnstyledButton>
    </div>
  )
}
