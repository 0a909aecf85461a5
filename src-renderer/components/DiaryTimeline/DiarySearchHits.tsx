import { Loader, Stack, Text } from '@mantine/core'
import { useCall } from '../../lib/use-call'
import { useTroveEvent } from '../../lib/use-trove-event'
import { ErrorAlert } from '../ErrorAlert'
import { DiaryEntryCard } from './DiaryEntryCard'

/** Entries whose title, body or tags have the words, with where they were found. */
export function DiarySearchHits({ query, selectedId, onOpen }: { query: string; selectedId: string | null; onOpen: (id: string) => void }) {
  const result = useCall('diary:search', { query, limit: 50 })
  useTroveEvent('diary:changed', () => result.reload())
  if (result.error) return <ErrorAlert error={result.error} title="The diary could not be searched" />
  if (!result.value) return <Loader size="sm" m="sm" />
  const { hits } = result.value
  return (
    <Stack gap={4} data-testid="diary-search-hits">
      <Text size="xs" c="dimmed" aria-live="polite">
        {hits.length === 0 ? 'No entries have those words.' : `${hits.length} ${hits.length === 1 ? 'entry' : 'entries'} found`}
      </Text>
      {hits.map((hit) => (
        <DiaryEntryCard key={hit.entry.id} entry={hit.entry} selected={hit.entry.id === selectedId} onOpen={onOpen} highlight={hit} />
      ))}
    </Stack>
  )
}
