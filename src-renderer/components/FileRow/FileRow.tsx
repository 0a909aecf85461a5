import { Badge, Group, Text } from '@mantine/core'
import { memo } from 'react'
import type { FileDto } from '../../../src-preload/contract'
import { formatBytes } from '../../lib/format-bytes'
import { formatDateTime } from '../../lib/format-date'
import { FileThumb } from '../FileThumb'
import classes from './FileRow.module.css'
import { fileOptionProps } from '../../lib/file-option-props'

export interface FileRowProps {
  file: FileDto | undefined
  index: number
  count: number
  selected: boolean
  focused: boolean
}

export const KIND_LABELS: Record<FileDto['kind'], string> = {
  image: 'Image',
  video: 'Video',
  audio: 'Audio',
  document: 'Document',
  text: 'Text',
  archive: 'Archive',
  other: 'Other',
}

/** The column headings of the list, laid out on the same grid as the rows. */
export function FileListHeader() {
  return (
    <div className={`${classes.row} ${classes.header}`} aria-hidden="true">
      <span />
      <span>Name</span>
      <span>Kind</span>
      <span className={classes.size}>Size</span>
      <span>Added</span>
      <span>Tags</span>
    </div>
  )
}

/** One file in the list: name, kind, size, when it was added, its tags. */
export const FileRow = memo(function FileRow({ file, index, count, selected, focused }: FileRowProps) {
  if (!file) return <div className={`${classes.row} ${classes.placeholder}`} aria-hidden="true" data-index={index} />
  return (
    <div
      {...fileOptionProps(file, index, count, selected, focused)}
      className={classes.row}
      data-testid="file-row"
    >
      <span className={classes.thumb}>
        <FileThumb file={file} size="small" />
      </span>
      <Text size="sm" fw={500} truncate="end" title={file.name} data-column="name">
        {file.name}
      </Text>
      <Text size="sm" c="dimmed" truncate="end" title={file.mime} data-column="kind">
        {KIND_LABELS[file.kind]}
      </Text>
      <Text size="sm" c="dimmed" className={classes.size} data-column="size" title={`${file.size.toLocaleString()} bytes`}>
        {formatBytes(file.size)}
      </Text>
      <Text size="sm" c="dimmed" truncate="end" data-column="added">
        {formatDateTime(file.addedAt)}
      </Text>
      <Group gap={4} wrap="nowrap" className={classes.tags} data-column="tags">
        {file.tags.map((tag) => (
          <Badge key={tag.id} size="sm" variant="light" color={tag.color ?? 'gray'} radius="sm" tt="none">
            {tag.name}
          </Badge>
        ))}
      </Group>
    </div>
  )
})
