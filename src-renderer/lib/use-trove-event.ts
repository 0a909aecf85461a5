import { useEffect, useRef } from 'react'
import type { EventName, PayloadOf } from '../../src-preload/contract'
import { trove } from './bridge'

/** Listens to one of main's events while mounted; the latest handler is always the one called. */
export function useTroveEvent<E extends EventName>(event: E, handler: (payload: PayloadOf<E>) => void): void {
  const latest = useRef(handler)
  latest.current = handler
  useEffect(() => trove.on(event, (payload) => latest.current(payload)), [event])
}
