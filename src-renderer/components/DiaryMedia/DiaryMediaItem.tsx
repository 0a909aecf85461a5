import { ActionIcon, Group, Paper, Text, Tooltip, UnstyledButton } from '@mantine/core'
import type { DiaryMediaDto } from '../../../src-preload/contract'
import { contentUrl } from '../../lib/content-url'
import { formatBytes } from '../../lib/format-bytes'
import { formatDuration } from '../../lib/format-date'
import classes from './DiaryMedia.module.css'

export interface DiaryMediaItemProps {
  media: DiaryMediaDto
  onOpenPhoto: (media: DiaryMediaDto) => void
  onRemove: (media: DiaryMediaDto) => void
  onActivity: () => void
}

/** A photo (thumbnail, opens the lightbox), a video or a voice note (played from the diary with seeking). */
export function DiaryMediaItem({ media, onOpenPhoto, onRemove, onActivity }: DiaryMediaItemProps) {
  const src = contentUrl('diary', media.id)
  const thumb = media.hasThumb ? contentUrl('diary-thumb', media.id) : undefined
  return (
    <Paper withBorder radius="md" className={classes.item} data-testid="diary-media" data-kind={media.kind}>
      {media.kind === 'photo' && (
        <UnstyledButton className={classes.photoButton} onClick={() => onOpenPhoto(media)} aria-label={`Open ${media.name}`}>
          <img className={classes.photo} src={thumb ?? src} alt={media.name} loading="lazy" data-testid="diary-photo-thumb" />
        </UnstyledButton>
      )}
      {media.kind === 'video' && (
        <video className={classes.video} src={src} poster={thumb} controls preload="metadata" onPlay={onActivity} onTimeUpdate={onActivity} data-testid="diary-video" aria-label={media.name} />
      )}
      {media.kind === 'audio' && (
        <div className={classes.audioWrap}>
          <audio className={classes.audio} src={src} controls preload="metadata" onPlay={onActivity} onTimeUpdate={onActivity} data-testid="diary-audio" aria-label={media.name} />
        </div>
      )}
      <Group justify="space-between" wrap="nowrap" px="xs" py={4} gap={4}>
        <Text size="xs" truncate title={media.name}>
          {media.name}
          <Text span size="xs" c="dimmed">
            {' · '}
            {media.durationSeconds ? `${formatDuration(media.durationSeconds)} · ` : ''}
            {formatBytes(media.size)}
          </Text>
        </Text>
        <Tooltip label="Remove from the entry">
          <ActionIcon size="sm" variant="subtle" color="red" onClick={() => onRemove(media)} aria-label={`Remove ${media.name}`}>
            ×
          </ActionIcon>
        </Tooltip>
      </Group>
    </Paper>
  )
}
