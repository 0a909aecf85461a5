import { Badge, Group, Stack, Text, UnstyledButton } from '@mantine/core'
import type { DiaryEntrySummaryDto, TextSegment } from '../../../src-preload/contract'
import { contentUrl } from '../../lib/content-url'
import { HighlightedText } from '../HighlightedText'
import { MOOD_LABELS } from '../DiaryEditor/moods'
import classes from './DiaryTimeline.module.css'

const dayFormat = new Intl.DateTimeFormat(undefined, { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' })
export const formatDiaryDay = (date: string) => dayFormat.format(new Date(`${date}T00:00:00Z`))

export interface DiaryEntryCardProps {
  entry: DiaryEntrySummaryDto
  selected: boolean
  onOpen: (id: string) => void
  /** Search hits: the title and excerpt with the matched words marked. */
  highlight?: { title: TextSegment[]; snippet: TextSegment[] }
}

/** One entry in the timeline or the search hits: day, title, mood, tags, first photo. */
export function DiaryEntryCard({ entry, selected, onOpen, highlight }: DiaryEntryCardProps) {
  return (
    <UnstyledButton className={classes.card} data-selected={selected || undefined} onClick={() => onOpen(entry.id)} data-testid="diary-entry-card">
      <Group wrap="nowrap" gap="sm" align="flex-start">
        <Stack gap={2} className={classes.cardText}>
          <Text size="xs" c="dimmed">
            {formatDiaryDay(entry.date)}
            {entry.mood ? ` · ${MOOD_LABELS[entry.mood]}` : ''}
          </Text>
          <Text fw={600} size="sm" lineClamp={1}>
            {highlight && highlight.title.length > 0 ? <HighlightedText segments={highlight.title} /> : entry.title || 'Untitled'}
          </Text>
          {highlight && highlight.snippet.length > 0 && (
            <Text size="xs" c="dimmed" lineClamp={2}>
              <HighlightedText segments={highlight.snippet} />
            </Text>
          )}
          {(entry.tags.length > 0 || entry.mediaCount > 0) && (
            <Group gap={4}>
              {entry.tags.slice(0, 4).map((t) => (
                <Badge key={t} size="xs" variant="light">
                  {t}
                </Badge>
              ))}
              {entry.mediaCount > 0 && (
                <Text size="xs" c="dimmed">
                  {entry.mediaCount} {entry.mediaCount === 1 ? 'attachment' : 'attachments'}
                </Text>
              )}
            </Group>
          )}
        </Stack>
        {entry.thumbMediaId && <img className={classes.thumb} src={contentUrl('diary-thumb', entry.thumbMediaId)} alt="" loading="lazy" />}
      </Group>
    </UnstyledButton>
  )
}
