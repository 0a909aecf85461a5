import { Alert, Badge, Button, CloseButton, Group, Loader, ScrollArea, Stack, Text, Title } from '@mantine/core'
import { useState, type ReactNode } from 'react'
import type { FileDetailDto } from '../../../src-preload/contract'
import { call } from '../../lib/call'
import { restoreFiles, trashFiles } from '../../lib/file-actions'
import { notifyDone, notifyError } from '../../lib/notify'
import { usePreviewFailure } from '../../lib/preview-failures'
import { useCall } from '../../lib/use-call'
import { useTroveEvent } from '../../lib/use-trove-event'
import { ErrorAlert } from '../ErrorAlert'
import { RestoreIcon, TrashIcon, WarningIcon } from '../icons/file-icons'
import { ExtractedText } from './ExtractedText'
import { FileDesktopActions } from './FileDesktopActions'
import { FileFacts } from './FileFacts'
import { FilePreview } from './FilePreview'
import { FileSources } from './FileSources'
import { FileTagsEditor } from './FileTagsEditor'
import { NoteEditor } from './NoteEditor'
import { PdfPages } from './PdfPages'
import classes from './FileDetailPanel.module.css'

export interface FileDetailPanelProps {
  fileId: number
  onClose: () => void
  /** After the file was moved to the trash, or restored from it. */
  onGone?: (fileId: number) => void
}

/** Everything about one file beside the grid: preview, facts, tags, collections, note, sources. */
export function FileDetailPanel({ fileId, onClose, onGone }: FileDetailPanelProps) {
  const { value: file, error, loading, reload, setValue } = useCall('files:get', { id: fileId })
  useTroveEvent('files:files-changed', (change) => change.fileIds.includes(fileId) && reload())
  useTroveEvent('previews:changed', (change) => change.fileId === fileId && reload())
  useTroveEvent('tags:tags-changed', () => reload())
  useTroveEvent('collections:tree-changed', () => reload())

  const current = file?.id === fileId ? file : undefined
  return (
    <aside className={classes.panel} aria-label="File details" data-testid="file-details">
      <Group justify="space-between" wrap="nowrap" gap="xs" className={classes.header}>
        <Title order={2} size="h5" className={classes.title}>
          {current?.name ?? 'Details'}
        </Title>
        <CloseButton aria-label="Close the details" onClick={onClose} />
      </Group>
      <ScrollArea className={classes.scroll} type="auto" offsetScrollbars>
        {error && <ErrorAlert error={error} title="The details could not be read" />}
        {!current && loading && <Loader size="sm" m="md" aria-label="Reading the details" />}
        {current && (
          <Details
            file={current}
            onChanged={reload}
            onNoteSaved={(f) => setValue({ ...current, ...f })}
            onGone={() => onGone?.(current.id)}
          />
        )}
      </ScrollArea>
    </aside>
  )
}

interface DetailsProps {
  file: FileDetailDto
  onChanged: () => void
  onNoteSaved: (file: FileDetailDto) => void
  onGone: () => void
}

function Details({ file, onChanged, onNoteSaved, onGone }: DetailsProps) {
  const failure = usePreviewFailure(file.id)
  const [retrying, setRetrying] = useState(false)
  const trashed = file.trashedAt !== null

  const retryPreview = async () => {
    setRetrying(true)
    try {
      const { state } = await call('previews:retry', { fileId: file.id })
      notifyDone(state === 'done' ? 'The preview was made.' : 'The preview is being made again.')
      onChanged()
    } catch (err) {
      notifyError(err, 'The preview could not be made again')
    } finally {
      setRetrying(false)
    }
  }

  return (
    <Stack gap="lg" className={classes.body}>
      {file.mime === 'application/pdf' && file.stored && file.previewState !== 'failed' ? <PdfPages file={file} /> : <FilePreview file={file} />}
      {!file.stored && (
        <Alert color="orange" variant="light" icon={<WarningIcon size={18} />} title="The stored copy is missing">
          The library folder no longer holds this file’s content. Its details, tags and note are kept.
        </Alert>
      )}
      {file.previewState === 'failed' && (
        <Alert color="orange" variant="light" icon={<WarningIcon size={18} />} title="No preview could be made">
          <Stack gap="xs" align="flex-start">
            <Text size="sm">{failure ?? 'Trove could not make a preview of this file.'}</Text>
            <Button size="compact-sm" variant="light" color="orange" loading={retrying} onClick={() => void retryPreview()}>
              Retry preview
            </Button>
          </Stack>
        </Alert>
      )}
      <Group gap="xs">
        {trashed ? (
          <Button variant="light" leftSection={<RestoreIcon size={16} />} onClick={() => void restoreFiles([file.id]).then((ok) => ok && onGone())}>
            Restore
          </Button>
        ) : (
          <Button variant="default" leftSection={<TrashIcon size={16} />} onClick={() => void trashFiles([file.id]).then((ok) => ok && onGone())}>
            Move to trash
          </Button>
        )}
      </Group>
      <FileDesktopActions file={file} />
      <FileFacts file={file} />
      <Section title="Tags">
        <FileTagsEditor file={file} onChanged={onChanged} />
      </Section>
      <Section title="Collections">
        {file.collections.length === 0 ? (
          <Text size="sm" c="dimmed">
            Not in any collection.
          </Text>
        ) : (
          <Group gap={6}>
            {file.collections.map((c) => (
              <Badge key={c.id} variant="outline" color="gray" radius="sm" tt="none" fw={500} title={c.path.join(' / ')}>
                {c.path.join(' / ')}
              </Badge>
            ))}
          </Group>
        )}
      </Section>
      <NoteEditor file={file} onSaved={(f) => onNoteSaved({ ...file, ...f })} />
      <ExtractedText file={file} />
      <Section title="Sources">
        <FileSources sources={file.sources} />
      </Section>
    </Stack>
  )
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className={classes.section} aria-label={title}>
      <Text size="sm" fw={600} mb={6}>
        {title}
      </Text>
      {children}
    </section>
  )
}
