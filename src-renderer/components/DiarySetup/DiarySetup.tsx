import { Button, Paper, Stack, Text, Title } from '@mantine/core'
import { useCallback, useState } from 'react'
import type { DiaryStatusDto, ErrorDto } from '../../../src-preload/contract'
import { call, toErrorDto } from '../../lib/call'
import { ErrorAlert } from '../ErrorAlert'
import { NewPassphraseFields, type NewPassphrase } from '../DiaryPassphrase'
import { RecoveryCodeStep } from './RecoveryCodeStep'

/**
 * First-time setup: a passphrase typed twice (strong enough), then the recovery code, shown
 * this once, which the person must show they kept before the diary opens.
 */
export function DiarySetup({ onDone }: { onDone: () => void }) {
  const [passphrase, setPassphrase] = useState<NewPassphrase>({ value: '', acceptable: false })
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<ErrorDto | null>(null)
  const [created, setCreated] = useState<{ recoveryCode: string; status: DiaryStatusDto } | null>(null)
  const onPassphrase = useCallback((next: NewPassphrase) => setPassphrase(next), [])

  if (created) return <RecoveryCodeStep code={created.recoveryCode} onKept={onDone} />

  const submit = async () => {
    if (!passphrase.acceptable || busy) return
    setBusy(true)
    setError(null)
    try {
      setCreated(await call('diary:setup', { passphrase: passphrase.value }))
    } catch (err) {
      setError(toErrorDto(err))
    } finally {
      setBusy(false)
    }
  }

  return (
    <Paper withBorder p="xl" radius="md" maw={520} mx="auto" data-testid="diary-setup">
      <form
        onSubmit={(e) => {
          e.preventDefault()
          void submit()
        }}
      >
        <Stack>
          <Title order={2} size="h3">
            Set up your diary
          </Title>
          <Text size="sm">
            Everything you write here, and every photo, video and voice note, is encrypted on disk with a key only your passphrase opens.
            Trove cannot read it without the passphrase, and nobody can reset it for you.
          </Text>
          <NewPassphraseFields label="Passphrase" onChange={onPassphrase} autoFocus />
          {error && <ErrorAlert error={error} onClose={() => setError(null)} />}
          <Button type="submit" loading={busy} disabled={!passphrase.acceptable}>
            Create the diary
          </Button>
          {busy && (
            <Text size="xs" c="dimmed">
              Making the key takes a few seconds on purpose: it makes guessing the passphrase slow too.
            </Text>
          )}
        </Stack>
      </form>
    </Paper>
  )
}
