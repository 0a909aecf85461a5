import { Text } from '@mantine/core'
import { memo } from 'react'
import type { FileDto } from '../../../src-preload/contract'
import { formatBytes } from '../../lib/format-bytes'
import { FileThumb } from '../FileThumb'
import classes from './FileTile.module.css'
import { fileOptionProps } from '../../lib/file-option-props'

export interface FileTileProps {
  /** Undefined while its page is being fetched: a placeholder of the same size. */
  file: FileDto | undefined
  index: number
  count: number
  selected: boolean
  focused: boolean
}

/** One file in the grid: its thumbnail, name and size. An option of the browser's listbox. */
export const FileTile = memo(function FileTile({ file, index, count, selected, focused }: FileTileProps) {
  if (!file) return <div className={classes.tile} data-placeholder aria-hidden="true" data-index={index} />
  return (
    <div
      {...fileOptionProps(file, index, count, selected, focused)}
      className={classes.tile}
      data-testid="file-tile"
      title={file.name}
    >
      <div className={classes.thumb}>
        <FileThumb file={file} />
      </div>
      <div className={classes.caption}>
        <Text size="sm" fw={500} truncate="end" className={classes.name}>
          {file.name}
        </Text>
        <Text size="xs" c="dimmed" truncate="end">
          {formatBytes(file.size)}
          {file.tags.length > 0 && ` · ${file.tags.map((t) => t.name).join(', ')}`}
        </Text>
      </div>
    </div>
  )
})
