import { Anchor, Button, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core'
import { useCallback, useState } from 'react'
import type { DiaryStatusDto, ErrorDto } from '../../../src-preload/contract'
import { call, toErrorDto } from '../../lib/call'
import { ErrorAlert } from '../ErrorAlert'
import { NewPassphraseFields, type NewPassphrase } from '../DiaryPassphrase'

/** What an unlock failure means for the person, beyond the code's sentence. */
function unlockErrorTitle(error: ErrorDto): string | undefined {
  if (error.code === 'BAD_PASSPHRASE') return 'That passphrase does not open this diary.'
  if (error.code === 'CORRUPT') return 'The diary’s key file is damaged: restore the backup key file (see the message below).'
  return undefined
}

/** The unlock screen: the passphrase, or the recovery code with a new passphrase. */
export function DiaryUnlock({ onUnlocked, reason }: { onUnlocked: (status: DiaryStatusDto) => void; reason?: string | null }) {
  const [mode, setMode] = useState<'passphrase' | 'recovery'>('passphrase')
  const [passphrase, setPassphrase] = useState('')
  const [code, setCode] = useState('')
  const [fresh, setFresh] = useState<NewPassphrase>({ value: '', acceptable: false })
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<ErrorDto | null>(null)
  const onFresh = useCallback((next: NewPassphrase) => setFresh(next), [])

  const submit = async () => {
    if (busy) return
    setBusy(true)
    setError(null)
    try {
      const status =
        mode === 'passphrase'
          ? await call('diary:unlock', { passphrase })
          : await call('diary:unlock-with-recovery', { recoveryCode: code, newPassphrase: fresh.value })
      setPassphrase('')
      onUnlocked(status)
    } catch (err) {
      setError(toErrorDto(err))
    } finally {
      setBusy(false)
    }
  }

  const canSubmit = mode === 'passphrase' ? passphrase.length > 0 : code.trim().length > 0 && fresh.acceptable

  return (
    <Paper withBorder p="xl" radius="md" maw={480} mx="auto" data-testid="diary-unlock">
      <form
        onSubmit={(e) => {
          e.preventDefault()
          if (canSubmit) void submit()
        }}
      >
        <Stack>
          <Title order={2} size="h3">
            {mode === 'passphrase' ? 'Your diary is locked' : 'Open with the recovery code'}
          </Title>
          {reason && mode === 'passphrase' && (
            <Text size="sm" c="dimmed" data-testid="diary-lock-reason">
              {reason}
            </Text>
          )}
          {mode === 'passphrase' ? (
            <PasswordInput label="Passphrase" value={passphrase} onChange={(e) => setPassphrase(e.currentTarget.value)} autoFocus autoComplete="current-password" />
          ) : (
            <>
              <Text size="sm">Type the recovery code you kept when you set up the diary, and choose a new passphrase.</Text>
              <TextInput
                label="Recovery code"
                placeholder="ABCDE-FGHIJ-…"
                value={code}
                onChange={(e) => setCode(e.currentTarget.value)}
                autoComplete="off"
                spellCheck={false}
                autoFocus
              />
              <NewPassphraseFields onChange={onFresh} />
            </>
          )}
          {error && <ErrorAlert error={error} title={unlockErrorTitle(error)} onClose={() => setError(null)} />}
          <Button type="submit" loading={busy} disabled={!canSubmit}>
            {mode === 'passphrase' ? 'Unlock' : 'Unlock and set the new passphrase'}
          </Button>
          <Anchor
            component="button"
            type="button"
            size="sm"
            onClick={() => {
              setMode(mode === 'passphrase' ? 'recovery' : 'passphrase')
              setError(null)
            }}
          >
            {mode === 'passphrase' ? 'Forgot it? Use the recovery code' : 'Back to the passphrase'}
          </Anchor>
        </Stack>
      </form>
    </Paper>
  )
}
