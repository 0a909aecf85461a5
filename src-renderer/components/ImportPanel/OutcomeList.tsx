import { Anchor, Button, Group, Text } from '@mantine/core'
import { useState } from 'react'
import { useImportsStore } from '../../lib/imports/imports-context'
import type { FileOutcome, OutcomeName } from '../../lib/imports/types'
import { OutcomeRow } from './OutcomeRow'
import classes from './ImportPanel.module.css'

const ORDER: Record<OutcomeName, number> = { failed: 0, rejected: 1, duplicate: 2, stored: 3 }
const FIRST_ROWS = 6
/** Rows "Show all" shows at most; the history has every file. */
const MOST_ROWS = 300

export interface OutcomeListProps {
  outcomes: readonly FileOutcome[]
  /** More outcomes exist than these (the history has them all). */
  truncated?: boolean
  batchId: string
}

/** A finished import's files, problems first; the rest behind "Show all". */
export function OutcomeList({ outcomes, truncated = false, batchId }: OutcomeListProps) {
  const [all, setAll] = useState(false)
  const store = useImportsStore()
  if (outcomes.length === 0) return null
  const sorted = [...outcomes].sort((a, b) => ORDER[a.outcome] - ORDER[b.outcome])
  const shown = sorted.slice(0, all ? MOST_ROWS : FIRST_ROWS)
  return (
    <div>
      <ul className={classes.list} aria-label="Files and what became of them">
        {shown.map((outcome, i) => (
          <OutcomeRow key={`${outcome.name}-${i}`} outcome={outcome} />
        ))}
      </ul>
      <Group gap="sm" mt={6}>
        {sorted.length > FIRST_ROWS && (
          <Button variant="subtle" size="compact-xs" onClick={() => setAll((v) => !v)}>
            {all ? 'Show fewer' : sorted.length > MOST_ROWS ? `Show the first ${MOST_ROWS}` : `Show all ${sorted.length}`}
          </Button>
        )}
        {truncated && (
          <Text size="xs" c="dimmed">
            More files than shown here.
          </Text>
        )}
        <Anchor size="xs" href={`#/history?batch=${encodeURIComponent(batchId)}`} onClick={store.closePanel}>
          See this import in the history
        </Anchor>
      </Group>
    </div>
  )
}
