import { Modal } from '@mantine/core'
import type { DiaryMediaDto } from '../../../src-preload/contract'
import { contentUrl } from '../../lib/content-url'
import classes from './DiaryMedia.module.css'

/** A photo at full size (decrypted by main as it is read), over the page. */
export function DiaryLightbox({ media, onClose }: { media: DiaryMediaDto | null; onClose: () => void }) {
  return (
    <Modal opened={media !== null} onClose={onClose} size="auto" centered title={media?.name} classNames={{ body: classes.lightboxBody }}>
      {media && <img className={classes.lightboxImage} src={contentUrl('diary', media.id)} alt={media.name} data-testid="diary-lightbox-image" />}
    </Modal>
  )
}
