import { Group, Text } from '@mantine/core'
import type { ReactNode } from 'react'
import { humanReason, readableReason } from '../../lib/imports/summary'
import type { FileOutcome } from '../../lib/imports/types'
import { formatBytes } from '../../lib/format-bytes'
import { OutcomeBadge } from '../OutcomeBadge'
import classes from './ImportPanel.module.css'

export interface OutcomeRowProps {
  outcome: FileOutcome
  /** Shown after the name: a Retry button, a progress bar… */
  children?: ReactNode
}

/** One file and what became of it, with the server's reason ("Already in the library since …"). */
export function OutcomeRow({ outcome, children }: OutcomeRowProps) {
  const human = outcome.outcome === 'rejected' || outcome.outcome === 'failed' ? humanReason(outcome.reasonCode) : null
  return (
    <li className={classes.row} data-testid="import-outcome" data-outcome={outcome.outcome}>
      <Group gap="xs" wrap="nowrap" justify="space-between">
        <Text size="sm" fw={500} truncate="end" title={outcome.name} className={classes.name}>
          {outcome.name}
        </Text>
        <OutcomeBadge outcome={outcome.outcome} size="xs" />
      </Group>
      {outcome.reasonMessage && outcome.outcome !== 'stored' && (
        <Text size="xs" c="dimmed" className={classes.reason}>
          {human && <>{human} </>}
          {readableReason(outcome.reasonMessage)}
        </Text>
      )}
      {outcome.outcome === 'stored' && outcome.size !== null && (
        <Text size="xs" c="dimmed">
          {formatBytes(outcome.size)}
        </Text>
      )}
      {children}
    </li>
  )
}
