import { ActionIcon, Group, Paper, Text, UnstyledButton } from '@mantine/core'
import { useMemo } from 'react'
import { useCall } from '../../lib/use-call'
import { useTroveEvent } from '../../lib/use-trove-event'
import classes from './DiaryCalendar.module.css'
import { localToday, monthGrid, shiftMonth } from './month-grid'

const WEEKDAYS = ['Mo', 'Tu', 'We', 'Th', 'Fr', 'Sa', 'Su']
const monthName = new Intl.DateTimeFormat(undefined, { month: 'long', year: 'numeric', timeZone: 'UTC' })

export interface DiaryCalendarProps {
  month: string
  onMonth: (month: string) => void
  selected: string | null
  onPick: (date: string) => void
}

/** A month of days; days with entries are marked and jump the timeline to that day. */
export function DiaryCalendar({ month, onMonth, selected, onPick }: DiaryCalendarProps) {
  const calendar = useCall('diary:calendar', { month })
  useTroveEvent('diary:changed', () => calendar.reload())
  const counts = useMemo(() => new Map((calendar.value?.days ?? []).map((d) => [d.date, d.count])), [calendar.value])
  const today = localToday()
  const title = monthName.format(new Date(`${month}-01T00:00:00Z`))

  return (
    <Paper withBorder p="sm" radius="md" data-testid="diary-calendar">
      <Group justify="space-between" mb="xs">
        <ActionIcon variant="subtle" onClick={() => onMonth(shiftMonth(month, -1))} aria-label="Previous month">
          ‹
        </ActionIcon>
        <Text fw={600} size="sm" aria-live="polite">
          {title}
        </Text>
        <ActionIcon variant="subtle" onClick={() => onMonth(shiftMonth(month, 1))} aria-label="Next month">
          ›
        </ActionIcon>
      </Group>
      <table className={classes.grid} aria-label={title}>
        <thead>
          <tr>
            {WEEKDAYS.map((d) => (
              <th key={d} scope="col">
                {d}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {monthGrid(month).map((week, i) => (
            <tr key={i}>
              {week.map((date, j) => {
                if (!date) return <td key={j} />
                const count = counts.get(date) ?? 0
                const label = `${date}${count ? `, ${count} ${count === 1 ? 'entry' : 'entries'}` : ''}`
                return (
                  <td key={date}>
                    <UnstyledButton
                      className={classes.day}
                      data-has-entries={count > 0 || undefined}
                      data-selected={selected === date || undefined}
                      data-today={today === date || undefined}
                      aria-label={label}
                      aria-pressed={selected === date}
                      onClick={() => onPick(date)}
                    >
                      {Number(date.slice(8))}
                    </UnstyledButton>
                  </td>
                )
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </Paper>
  )
}
