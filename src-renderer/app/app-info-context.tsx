import { createContext, useContext, useEffect, type ReactNode } from 'react'
import type { AppInfoDto } from '../../src-preload/contract'
import { trove } from '../lib/bridge'
import { useCall, type CallState } from '../lib/use-call'

const AppInfoContext = createContext<CallState<AppInfoDto> | null>(null)

/**
 * Loads `app:info` once and keeps it current: every `app:library-changed` event replaces it,
 * and so does the answer of `app:choose-library` (through `setValue`).
 */
export function AppInfoProvider({ children }: { children: ReactNode }) {
  const state = useCall('app:info', {})
  const { setValue } = state

  useEffect(() => trove.on('app:library-changed', setValue), [setValue])

  return <AppInfoContext.Provider value={state}>{children}</AppInfoContext.Provider>
}

/** The app's info and its loading state; only inside AppInfoProvider. */
export function useAppInfoState(): CallState<AppInfoDto> {
  const state = useContext(AppInfoContext)
  if (!state) throw new Error('useAppInfoState is used outside AppInfoProvider')
  return state
}

/** The app's info once loaded (inside the shell and the first-run screen it always is). */
export function useAppInfo(): AppInfoDto {
  const { value } = useAppInfoState()
  if (!value) throw new Error('useAppInfo is used before app:info answered')
  return value
}
