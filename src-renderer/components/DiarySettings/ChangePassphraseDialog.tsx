import { Button, Group, Modal, PasswordInput, Stack } from '@mantine/core'
import { useCallback, useState } from 'react'
import type { DiaryStatusDto, ErrorDto } from '../../../src-preload/contract'
import { call, toErrorDto } from '../../lib/call'
import { notifyDone } from '../../lib/notify'
import { ErrorAlert } from '../ErrorAlert'
import { NewPassphraseFields, type NewPassphrase } from '../DiaryPassphrase'

/** The old passphrase, a new one typed twice (strong enough). The recovery code stays valid. */
export function ChangePassphraseDialog({ opened, onClose, onChanged }: { opened: boolean; onClose: () => void; onChanged: (s: DiaryStatusDto) => void }) {
  const [old, setOld] = useState('')
  const [fresh, setFresh] = useState<NewPassphrase>({ value: '', acceptable: false })
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<ErrorDto | null>(null)
  const onFresh = useCallback((next: NewPassphrase) => setFresh(next), [])

  const close = () => {
    setOld('')
    setError(null)
    onClose()
  }
  const submit = async () => {
    setBusy(true)
    setError(null)
    try {
      const status = await call('diary:change-passphrase', { oldPassphrase: old, newPassphrase: fresh.value })
      notifyDone('The diary’s passphrase was changed.')
      onChanged(status)
      close()
    } catch (err) {
      setError(toErrorDto(err))
    } finally {
      setBusy(false)
    }
  }

  return (
    <Modal opened={opened} onClose={close} title="Change the diary’s passphrase" centered>
      <form
        onSubmit={(e) => {
          e.preventDefault()
          if (old && fresh.acceptable && !busy) void submit()
        }}
      >
        <Stack>
          <PasswordInput label="Current passphrase" value={old} onChange={(e) => setOld(e.currentTarget.value)} autoComplete="current-password" data-autofocus />
          {opened && <NewPassphraseFields onChange={onFresh} />}
          {error && (
            <ErrorAlert error={error} title={error.code === 'BAD_PASSPHRASE' ? 'The current passphrase is not right.' : undefined} onClose={() => setError(null)} />
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              Cancel
            </Button>
            <Button type="submit" loading={busy} disabled={!old || !fresh.acceptable}>
              Change passphrase
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  )
}
