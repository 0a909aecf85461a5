import { ActionIcon, Group, Loader, Text } from '@mantine/core'
import { useEffect, useState } from 'react'
import type { FileDto } from '../../../src-preload/contract'
import { contentUrl } from '../../lib/content-url'
import classes from './DocumentPanels.module.css'

/**
 * A PDF read page by page: each page is rendered to a picture in main (pdf.js) on first view
 * and kept with the thumbnails; no PDF viewer runs in the window. Until the page count is known
 * (the preview is still being made) only the first page is offered.
 */
export function PdfPages({ file }: { file: FileDto }) {
  const pages = typeof file.metadata.pages === 'number' && file.metadata.pages > 0 ? file.metadata.pages : 1
  const [page, setPage] = useState(1)
  const [state, setState] = useState<'loading' | 'shown' | 'failed'>('loading')
  useEffect(() => setPage(1), [file.sha256])
  useEffect(() => setState('loading'), [file.sha256, page])
  const go = (to: number) => setPage(Math.min(pages, Math.max(1, to)))

  return (
    <div data-testid="pdf-pages">
      <div className={classes.pageBox} data-page-box>
        {state === 'loading' && <Loader size="sm" aria-label={`Showing page ${page}`} className={classes.pageLoader} />}
        {state === 'failed' ? (
          <Text size="sm" c="dimmed" p="md" ta="center">
            This page cannot be shown: the PDF may be damaged.
          </Text>
        ) : (
          <img
            key={`${file.sha256}/${page}`}
            className={classes.pageImage}
            src={contentUrl('page', file.sha256, { page })}
            alt={`Page ${page} of ${file.name}`}
            decoding="async"
            hidden={state !== 'shown'}
            onLoad={() => setState('shown')}
            onError={() => setState('failed')}
          />
        )}
      </div>
      {pages > 1 && (
        <Group justify="center" gap="xs" mt={6}>
          <ActionIcon variant="subtle" aria-label="Previous page" disabled={page <= 1} onClick={() => go(page - 1)}>
            ‹
          </ActionIcon>
          <Text size="sm" data-testid="pdf-page-number">
            Page {page} of {pages}
          </Text>
          <ActionIcon variant="subtle" aria-label="Next page" disabled={page >= pages} onClick={() => go(page + 1)}>
            ›
          </ActionIcon>
        </Group>
      )}
    </div>
  )
}
