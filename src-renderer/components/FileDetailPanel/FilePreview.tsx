import { useState } from 'react'
import type { FileDto } from '../../../src-preload/contract'
import { contentUrl } from '../../lib/content-url'
import { FileThumb } from '../FileThumb'
import { AudioPreview, VideoPreview } from './MediaPreview'
import { TextPreview } from './TextPreview'
import classes from './FileDetailPanel.module.css'

/** Text files shown as text; by MIME type, since "text" also covers JSON, CSV and Markdown. */
const isText = (file: FileDto) => file.kind === 'text' || file.mime.startsWith('text/') || file.mime === 'application/json'

/**
 * The file itself where the window can show it: images from the original (the thumbnail if
 * the original cannot be decoded here), video where Chromium plays its codec (else its poster),
 * audio with its cover and the browser's own controls, the
 * start of text files; the thumbnail or the kind's icon for anything else.
 */
export function FilePreview({ file }: { file: FileDto }) {
  const [imageFailed, setImageFailed] = useState<string | null>(null)

  if (!file.stored) return <Fallback file={file} />
  if (file.kind === 'image' && imageFailed !== file.sha256) {
    return (
      <div className={classes.previewBox}>
        <img
          className={classes.previewImage}
          src={contentUrl('original', file.sha256)}
          alt={`Preview of ${file.name}`}
          decoding="async"
          onError={() => setImageFailed(file.sha256)}
        />
      </div>
    )
  }
  if (file.kind === 'video') return <VideoPreview file={file} />
  if (file.kind === 'audio') return <AudioPreview file={file} />
  if (isText(file)) return <TextPreview sha256={file.sha256} size={file.size} />
  return <Fallback file={file} />
}

function Fallback({ file }: { file: FileDto }) {
  return (
    <div className={classes.previewBox} data-fallback>
      <div className={classes.previewThumb}>
        <FileThumb file={file} />
      </div>
    </div>
  )
}
