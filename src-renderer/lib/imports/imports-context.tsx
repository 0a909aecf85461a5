import { createContext, useContext, useEffect, useState, useSyncExternalStore, type ReactNode } from 'react'
import { notifyImport } from './notify-import'
import { ImportsStore } from './imports-store'
import type { ImportsSnapshot } from './types'

const ImportsContext = createContext<ImportsStore | null>(null)

/** One imports store for the app frame: the header, the panel, the drop overlay and the pages share it. */
export function ImportsProvider({ children }: { children: ReactNode }) {
  const [store] = useState(() => new ImportsStore(notifyImport))
  useEffect(() => store.start(), [store])
  return <ImportsContext.Provider value={store}>{children}</ImportsContext.Provider>
}

export function useImportsStore(): ImportsStore {
  const store = useContext(ImportsContext)
  if (!store) throw new Error('useImportsStore is used outside ImportsProvider')
  return store
}

/** The current imports and jobs; re-renders when they change. */
export function useImports(): ImportsSnapshot {
  const store = useImportsStore()
  return useSyncExternalStore(store.subscribe, store.getSnapshot)
}

/** Goes up each time an import ends (0 outside the app frame), so a list can read again. */
export function useImportsFinished(): number {
  const store = useContext(ImportsContext)
  const subscribe = store?.subscribe ?? noSubscribe
  return useSyncExternalStore(subscribe, () => store?.getSnapshot().finishedCount ?? 0)
}

const noSubscribe = () => () => undefined
