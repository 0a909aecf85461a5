import { Button } from '@mantine/core'
import { notifyError } from '../../lib/notify'
import { useDiaryStatus } from './use-diary-status'

/** "Lock diary" in the window's header, shown only while the diary is unlocked. */
export function DiaryLockButton() {
  const { value, lock } = useDiaryStatus()
  if (!value?.unlocked) return null
  return (
    <Button size="xs" variant="light" color="gray" onClick={() => lock().catch((err: unknown) => notifyError(err, 'The diary could not be locked'))} data-testid="shell-lock-diary">
      Lock diary
    </Button>
  )
}
