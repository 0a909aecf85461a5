import { Text } from '@mantine/core'
import { useState } from 'react'
import type { FileDto } from '../../../src-preload/contract'
import { contentUrl } from '../../lib/content-url'
import { FileThumb } from '../FileThumb'
import classes from './FileDetailPanel.module.css'

/** ffprobe's codec names, as a person knows them, and the type string Chromium is asked about. */
const VIDEO_CODECS: Record<string, { label: string; type: string }> = {
  h264: { label: 'H.264', type: 'video/mp4; codecs="avc1.42E01E"' },
  hevc: { label: 'HEVC', type: 'video/mp4; codecs="hvc1.1.6.L93.B0"' },
  vp8: { label: 'VP8', type: 'video/webm; codecs="vp8"' },
  vp9: { label: 'VP9', type: 'video/webm; codecs="vp09.00.10.08"' },
  av1: { label: 'AV1', type: 'video/mp4; codecs="av01.0.05M.08"' },
  theora: { label: 'Theora', type: 'video/ogg; codecs="theora"' },
  mpeg4: { label: 'MPEG-4 Part 2', type: 'video/mp4; codecs="mp4v.20.8"' },
  mpeg2video: { label: 'MPEG-2', type: 'video/mpeg' },
  prores: { label: 'ProRes', type: 'video/quicktime; codecs="apcn"' },
}

export const videoCodecLabel = (codec: unknown): string | null =>
  typeof codec === 'string' ? (VIDEO_CODECS[codec]?.label ?? codec.toUpperCase()) : null

/** Whether this window can decode the video: by its codec when known, else by its type. */
function canPlay(file: FileDto): boolean {
  const codec = typeof file.metadata.videoCodec === 'string' ? file.metadata.videoCodec : null
  const type = codec ? (VIDEO_CODECS[codec]?.type ?? '') : file.mime
  return type !== '' && document.createElement('video').canPlayType(type) !== ''
}

/**
 * A video plays here when Chromium can decode its codec; otherwise (HEVC, ProRes…, or when
 * playback fails) the poster frame and a sentence saying why, with the facts below it.
 */
export function VideoPreview({ file }: { file: FileDto }) {
  const [failed, setFailed] = useState<string | null>(null)
  const playable = canPlay(file) && failed !== file.sha256
  if (playable) {
    return (
      <div className={classes.previewBox}>
        <video
          className={classes.previewMedia}
          src={contentUrl('original', file.sha256)}
          poster={file.previewState === 'done' ? contentUrl('thumb', file.sha256) : undefined}
          controls
          preload="metadata"
          aria-label={`Video: ${file.name}`}
          onError={() => setFailed(file.sha256)}
        />
      </div>
    )
  }
  const codec = videoCodecLabel(file.metadata.videoCodec)
  return (
    <div>
      <div className={classes.previewBox} data-fallback>
        <div className={classes.previewThumb}>
          <FileThumb file={file} />
        </div>
      </div>
      <Text size="sm" c="dimmed" mt={6} data-testid="video-unplayable">
        {codec ? `This video's codec (${codec}) cannot be played here.` : 'This video cannot be played here.'} Open it with another app to watch it.
      </Text>
    </div>
  )
}

/** A recording: its cover (when the file has one) above the player. */
export function AudioPreview({ file }: { file: FileDto }) {
  const [noCover, setNoCover] = useState<string | null>(null)
  const cover = file.previewState === 'done' && noCover !== file.sha256
  return (
    <div>
      {cover && (
        <div className={classes.previewBox}>
          <img
            className={classes.previewImage}
            src={contentUrl('thumb', file.sha256)}
            alt={`Cover of ${file.name}`}
            onError={() => setNoCover(file.sha256)}
          />
        </div>
      )}
      <audio className={classes.previewAudio} src={contentUrl('original', file.sha256)} controls preload="metadata" aria-label={`Audio: ${file.name}`} />
    </div>
  )
}
