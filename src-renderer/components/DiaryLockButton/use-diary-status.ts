import { useCallback, useEffect, useRef, useState } from 'react'
import type { DiaryLockReason, DiaryStatusDto } from '../../../src-preload/contract'
import { call } from '../../lib/call'
import { useCall } from '../../lib/use-call'
import { useTroveEvent } from '../../lib/use-trove-event'

const REASONS: Record<DiaryLockReason, string> = {
  manual: 'You locked it.',
  idle: 'It locked itself after a while without activity.',
  suspend: 'It locked when the computer went to sleep.',
  'lock-screen': 'It locked when the screen was locked.',
  'library-closed': 'It locked when the library was closed.',
  'passphrase-changed': 'It locked because the passphrase was changed.',
}

/** The diary's lock state, kept current by main's events. */
export function useDiaryStatus() {
  const state = useCall('diary:status', {})
  const [lockReason, setLockReason] = useState<string | null>(null)
  const { setValue, value, reload } = state
  const latest = useRef(value)
  latest.current = value

  useTroveEvent('diary:locked', ({ reason }) => {
    setLockReason(REASONS[reason] ?? null)
    const prev = latest.current
    setValue({ setUp: prev?.setUp ?? true, autoLockMinutes: prev?.autoLockMinutes ?? 10, unlocked: false, lockDeadline: null })
    // Another library may be open now (closing one locks its diary): ask what this one's diary is.
    reload()
  })
  useTroveEvent('diary:unlocked', (status) => {
    setLockReason(null)
    setValue(status)
  })

  const lock = useCallback(async () => {
    const status = await call('diary:lock', {})
    setLockReason(REASONS.manual)
    setValue(status)
  }, [setValue])

  return { ...state, lockReason, lock }
}

/**
 * A function to call on activity (typing, playing): tells main at most once a minute, so the
 * auto-lock is postponed while the person is using the diary.
 */
export function useDiaryTouch(): () => void {
  const last = useRef(0)
  useEffect(() => () => void (last.current = 0), [])
  return useCallback(() => {
    const now = Date.now()
    if (now - last.current < 60_000) return
    last.current = now
    call('diary:touch', {}).catch(() => undefined)
  }, [])
}
