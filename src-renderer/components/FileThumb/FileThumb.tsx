import { Tooltip } from '@mantine/core'
import { memo, useState } from 'react'
import type { FileDto } from '../../../src-preload/contract'
import { contentUrl } from '../../lib/content-url'
import { usePreviewFailure } from '../../lib/preview-failures'
import { KIND_ICONS, WarningIcon } from '../icons/file-icons'
import classes from './FileThumb.module.css'

export interface FileThumbProps {
  file: Pick<FileDto, 'id' | 'sha256' | 'kind' | 'previewState'>
  /** tile: the grid's square; small: a list row or a search hit. */
  size?: 'tile' | 'small'
}

/**
 * The file's thumbnail once its preview is made; until then a quiet icon of its kind (with a
 * shimmer while the preview is being made, and a warning with the reason when it failed).
 */
export const FileThumb = memo(function FileThumb({ file, size = 'tile' }: FileThumbProps) {
  const [broken, setBroken] = useState<string | null>(null)
  const failure = usePreviewFailure(file.id)
  const Icon = KIND_ICONS[file.kind]

  if (file.previewState === 'done' && broken !== file.sha256) {
    return (
      <div className={classes.root} data-size={size}>
        <img
          className={classes.image}
          src={contentUrl('thumb', file.sha256)}
          alt=""
          loading="lazy"
          decoding="async"
          draggable={false}
          onError={() => setBroken(file.sha256)}
        />
      </div>
    )
  }

  // A made preview with no picture (a recording without a cover) is not a failure: the icon alone.
  const state = broken === file.sha256 ? (file.previewState === 'done' ? 'none' : 'failed') : file.previewState
  return (
    <div className={classes.root} data-size={size} data-state={state} data-kind={file.kind}>
      <Icon size={size === 'tile' ? 40 : 18} className={classes.icon} />
      {state === 'failed' && (
        <Tooltip label={failure ?? 'No preview could be made for this file.'} multiline maw={280} withArrow openDelay={150}>
          <span className={classes.failed} data-testid="preview-failed">
            <WarningIcon size={size === 'tile' ? 16 : 12} />
          </span>
        </Tooltip>
      )}
    </div>
  )
})
