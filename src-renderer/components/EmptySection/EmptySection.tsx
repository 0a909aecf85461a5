import { Badge, EmptyState } from '@mantine/core'
import type { ReactNode } from 'react'
import classes from './EmptySection.module.css'

export interface EmptySectionProps {
  icon: ReactNode
  title: string
  /** What this section will do, in a sentence or two. */
  children: ReactNode
}

/**
 * The honest empty state of a section that is not built yet: what it will do, and a clear
 * "Not built yet" so nobody goes looking for a button that does not exist.
 */
export function EmptySection({ icon, title, children }: EmptySectionProps) {
  return (
    <div className={classes.frame}>
      <EmptyState variant="light" size="md" icon={icon}>
        <EmptyState.Title order={2}>{title}</EmptyState.Title>
        <EmptyState.Description maw={460}>{children}</EmptyState.Description>
        <EmptyState.Actions>
          <Badge variant="outline" color="gray" size="lg" radius="sm">
            Not built yet
          </Badge>
        </EmptyState.Actions>
      </EmptyState>
    </div>
  )
}
