import { DataList, Text } from '@mantine/core'
import type { ReactNode } from 'react'
import type { FileDto } from '../../../src-preload/contract'
import { formatBytes } from '../../lib/format-bytes'
import { formatDateTime, formatDuration } from '../../lib/format-date'
import { KIND_LABELS } from '../FileRow'
import { mediaFacts } from './media-facts'

const num = (value: unknown): number | null => (typeof value === 'number' && Number.isFinite(value) ? value : null)

/**
 * A capture time as the camera wrote it (wall-clock time, plus its UTC offset when recorded):
 * a photo taken at 10:20 in Rome says 10:20 wherever it is looked at.
 */
export function formatTakenAt(value: unknown): string | null {
  if (typeof value !== 'string') return null
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?(Z|[+-]\d{2}:\d{2})?$/.exec(value)
  if (!match) return value
  const [, y, mo, d, h, mi, s, zone] = match
  const wall = new Date(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s ?? 0)).getTime()
  const offset = zone === 'Z' ? ' (UTC)' : zone ? ` (UTC${zone})` : ''
  return `${formatDateTime(wall)}${offset}`
}

/** What is known about a file: kind, size, dimensions, dates, hash. */
export function FileFacts({ file }: { file: FileDto }) {
  const width = num(file.metadata.width)
  const height = num(file.metadata.height)
  const duration = num(file.metadata.durationSeconds) ?? num(file.metadata.duration)
  const pages = num(file.metadata.pages)
  const taken = formatTakenAt(file.metadata.takenAt)
  const rows: Array<[string, ReactNode]> = [
    ['Kind', `${KIND_LABELS[file.kind]} · ${file.mime}`],
    ['Size', <span title={`${file.size.toLocaleString()} bytes`}>{formatBytes(file.size)}</span>],
  ]
  if (width && height) rows.push(['Dimensions', `${width.toLocaleString()} × ${height.toLocaleString()} px`])
  if (duration) rows.push(['Duration', formatDuration(duration)])
  if (pages) rows.push(['Pages', pages.toLocaleString()])
  rows.push(...mediaFacts(file.metadata))
  if (taken) rows.push(['Taken', taken])
  rows.push(['Added', formatDateTime(file.addedAt)])
  if (file.modifiedAt) rows.push(['Modified', formatDateTime(file.modifiedAt)])
  if (file.trashedAt) rows.push(['Trashed', formatDateTime(file.trashedAt)])
  rows.push([
    'SHA-256',
    <Text span size="xs" ff="monospace" title={file.sha256} style={{ overflowWrap: 'anywhere' }}>
      {file.sha256}
    </Text>,
  ])

  return (
    <DataList size="sm" gap={6} labelWidth="92px" data-testid="file-facts">
      {rows.map(([label, value]) => (
        <DataList.Item key={label}>
          <DataList.ItemLabel>{label}</DataList.ItemLabel>
          <DataList.ItemValue>{value}</DataList.ItemValue>
        </DataList.Item>
      ))}
    </DataList>
  )
}
