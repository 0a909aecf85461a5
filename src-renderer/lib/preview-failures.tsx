import { createContext, useContext, useEffect, useMemo, useRef, type ReactNode } from 'react'
import { useCall } from './use-call'
import { useTroveEvent } from './use-trove-event'

/**
 * Why previews failed, by file id, for the tooltips on failed thumbnails. The contract gives
 * reasons through `previews:status` (the latest failures), so it is asked again whenever a
 * preview fails or is retried.
 */
const PreviewFailuresContext = createContext<ReadonlyMap<number, string>>(new Map())

export function PreviewFailuresProvider({ children }: { children: ReactNode }) {
  const { value, reload } = useCall('previews:status', {})
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null)
  useTroveEvent('previews:changed', (change) => {
    if (change.state !== 'failed' || timer.current) return
    timer.current = setTimeout(() => {
      timer.current = null
      reload()
    }, 500)
  })
  useEffect(() => () => void (timer.current && clearTimeout(timer.current)), [])
  const reasons = useMemo(() => new Map(value?.failures.map((f) => [f.fileId, f.reason]) ?? []), [value])
  return <PreviewFailuresContext.Provider value={reasons}>{children}</PreviewFailuresContext.Provider>
}

/** Why the preview of `fileId` could not be made, when Trove said so. */
export function usePreviewFailure(fileId: number): string | undefined {
  return useContext(PreviewFailuresContext).get(fileId)
}
