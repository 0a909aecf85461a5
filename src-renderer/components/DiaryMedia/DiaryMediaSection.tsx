import { Button, Group, Modal, Progress, Stack, Text, Title } from '@mantine/core'
import { useRef, useState, type DragEvent } from 'react'
import type { DiaryMediaDto, ErrorDto } from '../../../src-preload/contract'
import { call, toErrorDto } from '../../lib/call'
import { ErrorAlert } from '../ErrorAlert'
import { useDiaryTouch } from '../DiaryLockButton'
import { attachDiaryFiles, type AttachProgress } from './attach-diary-files'
import { DiaryLightbox } from './DiaryLightbox'
import classes from './DiaryMedia.module.css'
import { DiaryMediaItem } from './DiaryMediaItem'
import { VoiceRecorder } from './VoiceRecorder'

const ACCEPT = 'image/*,video/*,audio/*'

const voiceNoteName = () => `Voice note ${new Date().toISOString().slice(0, 16).replace('T', ' ').replace(':', '.')}.webm`

/** An entry's photos, videos and voice notes: attach by drop, picker or recording; play; remove. */
export function DiaryMediaSection({ entryId, media }: { entryId: string; media: DiaryMediaDto[] }) {
  const [progress, setProgress] = useState<AttachProgress | null>(null)
  const [error, setError] = useState<ErrorDto | null>(null)
  const [over, setOver] = useState(false)
  const [photo, setPhoto] = useState<DiaryMediaDto | null>(null)
  const [removing, setRemoving] = useState<DiaryMediaDto | null>(null)
  const [removeBusy, setRemoveBusy] = useState(false)
  const input = useRef<HTMLInputElement>(null)
  const touch = useDiaryTouch()
  const busy = progress !== null

  const attach = async (files: { blob: Blob; name: string }[]) => {
    if (files.length === 0 || busy) return
    setError(null)
    setProgress({ sent: 0, total: files.reduce((n, f) => n + f.blob.size, 0) })
    try {
      await attachDiaryFiles(entryId, files, setProgress)
      // The entry is read again on main's diary:changed event.
    } catch (err) {
      setError(toErrorDto(err))
    } finally {
      setProgress(null)
    }
  }

  const onDrop = (event: DragEvent) => {
    event.preventDefault()
    setOver(false)
    void attach(Array.from(event.dataTransfer.files).map((f) => ({ blob: f, name: f.name })))
  }

  const remove = async () => {
    if (!removing) return
    setRemoveBusy(true)
    try {
      await call('diary:detach', { mediaId: removing.id })
      setRemoving(null)
    } catch (err) {
      setRemoving(null)
      setError(toErrorDto(err))
    } finally {
      setRemoveBusy(false)
    }
  }

  return (
    <Stack mt="lg" gap="sm" data-testid="diary-media-section">
      <Title order={3} size="h5">
        Photos, videos and voice notes
      </Title>
      {media.length > 0 && (
        <div className={classes.grid}>
          {media.map((m) => (
            <DiaryMediaItem key={m.id} media={m} onOpenPhoto={setPhoto} onRemove={setRemoving} onActivity={touch} />
          ))}
        </div>
      )}
      <div
        className={classes.drop}
        data-over={over || undefined}
        onDragOver={(e) => {
          e.preventDefault()
          setOver(true)
        }}
        onDragLeave={() => setOver(false)}
        onDrop={onDrop}
        data-testid="diary-drop-zone"
      >
        <Group justify="space-between" gap="xs">
          <Text size="sm" c="dimmed">
            Drop photos, videos or audio here — they are encrypted before they are kept.
          </Text>
          <Group gap="xs">
            <Button size="xs" variant="light" onClick={() => input.current?.click()} disabled={busy}>
              Attach files…
            </Button>
            <VoiceRecorder disabled={busy} onRecorded={(blob) => void attach([{ blob, name: voiceNoteName() }])} />
          </Group>
        </Group>
        <input
          ref={input}
          type="file"
          accept={ACCEPT}
          multiple
          hidden
          data-testid="diary-file-input"
          onChange={(e) => {
            const files = Array.from(e.currentTarget.files ?? [])
            e.currentTarget.value = ''
            void attach(files.map((f) => ({ blob: f, name: f.name })))
          }}
        />
      </div>
      {progress && (
        <Stack gap={2} aria-live="polite">
          <Text size="xs">Encrypting and attaching…</Text>
          <Progress value={progress.total ? (progress.sent / progress.total) * 100 : 100} animated size="sm" />
        </Stack>
      )}
      {error && <ErrorAlert error={error} title="Nothing was attached" onClose={() => setError(null)} />}
      <DiaryLightbox media={photo} onClose={() => setPhoto(null)} />
      <Modal opened={removing !== null} onClose={() => setRemoving(null)} title="Remove this attachment?" centered>
        <Text size="sm">“{removing?.name}” will be removed from the entry and its encrypted file deleted.</Text>
        <Group justify="flex-end" mt="lg">
          <Button variant="default" onClick={() => setRemoving(null)}>
            Keep it
          </Button>
          <Button color="red" loading={removeBusy} onClick={() => void remove()}>
            Remove
          </Button>
        </Group>
      </Modal>
    </Stack>
  )
}
