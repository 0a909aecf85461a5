import { Button, Group, Select } from '@mantine/core'
import { useState } from 'react'
import type { DiaryStatusDto } from '../../../src-preload/contract'
import { call } from '../../lib/call'
import { notifyError } from '../../lib/notify'
import { ChangePassphraseDialog } from './ChangePassphraseDialog'

const CHOICES = [1, 2, 5, 10, 15, 30, 60, 120, 240, 480]
const label = (m: number) => (m < 60 ? `${m} minute${m === 1 ? '' : 's'}` : `${m / 60} hour${m === 60 ? '' : 's'}`)

/** The auto-lock delay and the passphrase change, in the diary's header. */
export function DiarySettings({ status, onStatus }: { status: DiaryStatusDto; onStatus: (s: DiaryStatusDto) => void }) {
  const [changing, setChanging] = useState(false)
  const minutes = status.autoLockMinutes
  const data = [...new Set([...CHOICES, minutes])].sort((a, b) => a - b).map((m) => ({ value: String(m), label: label(m) }))

  return (
    <Group gap="xs" align="flex-end">
      <Select
        label="Lock after idle"
        size="xs"
        w={140}
        data={data}
        value={String(minutes)}
        allowDeselect={false}
        onChange={(v) => {
          if (!v) return
          call('diary:set-auto-lock', { minutes: Number(v) }).then(onStatus, (err: unknown) => notifyError(err, 'The auto-lock could not be changed'))
        }}
      />
      <Button size="xs" variant="default" onClick={() => setChanging(true)}>
        Change passphrase…
      </Button>
      <ChangePassphraseDialog opened={changing} onClose={() => setChanging(false)} onChanged={onStatus} />
    </Group>
  )
}
