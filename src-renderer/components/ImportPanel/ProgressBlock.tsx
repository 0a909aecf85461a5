import { Progress, Text } from '@mantine/core'
import { formatBytes } from '../../lib/format-bytes'
import { percentOf } from '../../lib/imports/progress'
import type { ImportProgress } from '../../lib/imports/types'

/** "3 of 12 files · 4.2 MB of 10 MB", a bar, and the file being read now. */
export function ProgressBlock({ progress, label }: { progress: ImportProgress; label: string }) {
  const percent = percentOf(progress)
  const items = progress.itemsTotal === null ? `${progress.itemsDone} files so far` : `${progress.itemsDone} of ${progress.itemsTotal} files`
  const bytes = progress.bytesTotal ? ` · ${formatBytes(progress.bytesDone)} of ${formatBytes(progress.bytesTotal)}` : ''
  return (
    <div>
      <Progress
        value={percent ?? 100}
        striped={percent === null}
        animated={percent === null}
        size="sm"
        aria-label={`Progress of ${label}`}
        mt={6}
      />
      <Text size="xs" c="dimmed" mt={4} data-testid="import-progress">
        {items}
        {bytes}
      </Text>
      {progress.current && (
        <Text size="xs" truncate="end" title={progress.current}>
          Now: {progress.current}
        </Text>
      )}
    </div>
  )
}
