import { Badge, type BadgeProps } from '@mantine/core'
import type { OutcomeName } from '../../lib/imports/types'

const LOOK: Record<OutcomeName, { label: string; color: string }> = {
  stored: { label: 'Added', color: 'teal' },
  duplicate: { label: 'Already in library', color: 'blue' },
  rejected: { label: 'Rejected', color: 'orange' },
  failed: { label: 'Failed', color: 'red' },
}

export const outcomeLabel = (outcome: OutcomeName) => LOOK[outcome].label

/** What became of a file an import saw, in words and a colour that also reads in dark mode. */
export function OutcomeBadge({ outcome, size = 'sm' }: { outcome: OutcomeName; size?: BadgeProps['size'] }) {
  const look = LOOK[outcome]
  return (
    <Badge color={look.color} variant="light" size={size} radius="sm" data-outcome={outcome} style={{ flex: 'none', maxWidth: 'none', overflow: 'visible' }}>
      {look.label}
    </Badge>
  )
}
