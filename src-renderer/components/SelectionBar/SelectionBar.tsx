import { CloseButton, Divider, Group, Paper, Text, Transition } from '@mantine/core'
import type { ReactNode } from 'react'
import classes from './SelectionBar.module.css'

export interface SelectionBarProps {
  count: number
  /** A word on what the count covers ("of the 6,000 loaded"), when it is not everything. */
  note?: ReactNode
  onClear: () => void
  /** The actions for the selection. */
  children: ReactNode
}

/** A floating bar over the bottom of the file view while files are selected: what and how many, then actions. */
export function SelectionBar({ count, note, onClear, children }: SelectionBarProps) {
  return (
    <Transition mounted={count > 0} transition="pop" duration={150}>
      {(style) => (
        <Paper className={classes.bar} style={style} shadow="lg" withBorder role="toolbar" aria-label="Selected files" data-testid="selection-bar">
          <Group gap="sm" wrap="wrap" justify="center">
            <Text size="sm" fw={600} className={classes.count} aria-live="polite">
              {count.toLocaleString()} selected
              {note && (
                <Text span size="xs" c="dimmed" fw={400}>
                  {' '}
                  {note}
                </Text>
              )}
            </Text>
            <Divider orientation="vertical" />
            {children}
            <CloseButton aria-label="Clear the selection" onClick={onClear} />
          </Group>
        </Paper>
      )}
    </Transition>
  )
}
