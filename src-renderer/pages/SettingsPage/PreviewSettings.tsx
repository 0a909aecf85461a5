import { Button, Group, Stack, Switch, Table, Text } from '@mantine/core'
import { useEffect, useRef, useState } from 'react'
import { ErrorAlert } from '../../components/ErrorAlert'
import { call } from '../../lib/call'
import { notifyDone, notifyError } from '../../lib/notify'
import { useCall } from '../../lib/use-call'
import { useTroveEvent } from '../../lib/use-trove-event'

/**
 * Previews at a glance: how many are made, waiting and failed; the failures with their
 * reasons and a Retry each; Regenerate all; and the switch for reading scans (OCR).
 */
export function PreviewSettings() {
  const status = useCall('previews:status', {})
  const settings = useCall('library:get-settings', {})
  const [busy, setBusy] = useState<number | 'all' | 'ocr' | null>(null)
  // During a large import previews change many times a second: ask again at most once a second.
  const pending = useRef<ReturnType<typeof setTimeout> | null>(null)
  useTroveEvent('previews:changed', () => {
    pending.current ??= setTimeout(() => {
      pending.current = null
      status.reload()
    }, 1000)
  })
  useEffect(() => () => void (pending.current && clearTimeout(pending.current)), [])

  const retry = async (fileId: number, name: string) => {
    setBusy(fileId)
    try {
      await call('previews:retry', { fileId })
      notifyDone(`Making the preview of ${name} again.`)
    } catch (err) {
      notifyError(err, `The preview of ${name} could not be retried`)
    } finally {
      setBusy(null)
      status.reload()
    }
  }
  const regenerate = async () => {
    setBusy('all')
    try {
      const { queued } = await call('previews:regenerate-all', {})
      notifyDone(`Making ${queued.toLocaleString()} previews again in the background.`)
    } catch (err) {
      notifyError(err, 'The previews could not be made again')
    } finally {
      setBusy(null)
      status.reload()
    }
  }
  const setOcr = async (ocrEnabled: boolean) => {
    setBusy('ocr')
    try {
      settings.setValue(await call('library:set-settings', { ocrEnabled }))
    } catch (err) {
      notifyError(err, 'The setting could not be saved')
    } finally {
      setBusy(null)
    }
  }

  const s = status.value
  return (
    <Stack gap="sm" data-testid="preview-settings">
      {status.error && <ErrorAlert error={status.error} title="The preview status could not be read" />}
      {s && (
        <Text size="sm">
          {s.counts.done.toLocaleString()} made · {s.counts.pending.toLocaleString()} waiting · {s.counts.failed.toLocaleString()} failed
          {s.running ? ' · making previews now' : ''}
        </Text>
      )}
      {s && s.failures.length > 0 && (
        <Table withRowBorders verticalSpacing={4} aria-label="Files whose preview failed">
          <Table.Tbody>
            {s.failures.map((f) => (
              <Table.Tr key={f.fileId}>
                <Table.Td style={{ overflowWrap: 'anywhere' }}>
                  <Text size="sm" fw={500}>{f.name}</Text>
                  <Text size="xs" c="dimmed">{f.reason}</Text>
                </Table.Td>
                <Table.Td w={90}>
                  <Button size="xs" variant="light" loading={busy === f.fileId} onClick={() => void retry(f.fileId, f.name)} aria-label={`Retry the preview of ${f.name}`}>
                    Retry
                  </Button>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <Group justify="space-between">
        <Switch
          label="Read scanned documents and pictures of text (OCR)"
          description="Runs in the background at low priority; the words found become searchable."
          checked={settings.value?.ocrEnabled ?? true}
          disabled={!settings.value || busy === 'ocr'}
          onChange={(e) => void setOcr(e.currentTarget.checked)}
        />
        <Button variant="default" loading={busy === 'all'} onClick={() => void regenerate()}>
          Regenerate all previews
        </Button>
      </Group>
    </Stack>
  )
}
