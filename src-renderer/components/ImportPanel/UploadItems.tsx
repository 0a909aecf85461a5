import { Anchor, Button, CloseButton, Group, Progress, Text } from '@mantine/core'
import { useState } from 'react'
import { formatBytes } from '../../lib/format-bytes'
import { useImportsStore } from '../../lib/imports/imports-context'
import type { UploadImport, UploadItem } from '../../lib/imports/types'
import { OutcomeRow } from './OutcomeRow'
import classes from './ImportPanel.module.css'

const FIRST_ROWS = 6
/** Rows "Show all" shows at most; the history has every file. */
const MOST_ROWS = 300
const rank = (item: UploadItem) => {
  if (item.state === 'uploading' || item.state === 'finishing') return 0
  if (item.outcome?.outcome === 'failed' || item.outcome?.outcome === 'rejected') return 1
  if (item.state === 'queued') return 2
  return item.outcome?.outcome === 'duplicate' ? 3 : 4
}

function Resumed({ item }: { item: UploadItem }) {
  if (!item.resumedFrom) return null
  return (
    <Text size="xs" c="dimmed" data-testid="upload-resumed">
      Continued an interrupted upload from {formatBytes(item.resumedFrom)}.
    </Text>
  )
}

function ActiveRow({ item }: { item: UploadItem }) {
  const store = useImportsStore()
  const percent = item.size > 0 ? (item.received / item.size) * 100 : 100
  return (
    <li className={classes.row} data-testid="upload-item" data-state={item.state}>
      <Group gap="xs" wrap="nowrap" justify="space-between">
        <Text size="sm" fw={500} truncate="end" title={item.name} className={classes.name}>
          {item.name}
        </Text>
        <CloseButton size="sm" aria-label={`Cancel ${item.name}`} onClick={() => store.cancelItem(item.key)} />
      </Group>
      <Progress value={percent} size="xs" mt={4} aria-label={`Upload of ${item.name}`} />
      <Text size="xs" c="dimmed" mt={2}>
        {item.state === 'finishing' ? 'Storing…' : `${formatBytes(item.received)} of ${formatBytes(item.size)}`}
      </Text>
      <Resumed item={item} />
    </li>
  )
}

/** The files of an upload import: those on their way with their progress, the rest with their outcome. */
export function UploadItems({ entry }: { entry: UploadImport }) {
  const store = useImportsStore()
  const [all, setAll] = useState(false)
  const sorted = [...entry.items].sort((a, b) => rank(a) - rank(b))
  const waiting = sorted.filter((i) => i.state === 'queued')
  const listed = sorted.filter((i) => i.state !== 'queued')
  const shown = listed.slice(0, all ? MOST_ROWS : FIRST_ROWS)
  return (
    <div>
      <ul className={classes.list} aria-label="Files">
        {shown.map((item) =>
          item.outcome && item.state !== 'uploading' && item.state !== 'finishing' ? (
            <OutcomeRow key={item.key} outcome={item.outcome}>
              <Resumed item={item} />
              {item.retryUploadId && (
                <Button size="compact-xs" variant="light" mt={4} onClick={() => void store.retryItem(entry.id, item.key)}>
                  Retry
                </Button>
              )}
            </OutcomeRow>
          ) : (
            <ActiveRow key={item.key} item={item} />
          ),
        )}
      </ul>
      <Group gap="sm" mt={6}>
        {waiting.length > 0 && (
          <Text size="xs" c="dimmed">
            {waiting.length} more waiting
          </Text>
        )}
        {listed.length > FIRST_ROWS && (
          <Button variant="subtle" size="compact-xs" onClick={() => setAll((v) => !v)}>
            {all ? 'Show fewer' : listed.length > MOST_ROWS ? `Show the first ${MOST_ROWS}` : `Show all ${listed.length}`}
          </Button>
        )}
        {entry.finishedAt !== null && (
          <Anchor size="xs" href={`#/history?batch=${encodeURIComponent(entry.batchId)}`} onClick={store.closePanel}>
            See this import in the history
          </Anchor>
        )}
      </Group>
    </div>
  )
}
