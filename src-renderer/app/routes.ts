/** The sections of the app, in navigation order. The id is the hash path: `#/library`. */
export const ROUTES = [
  { id: 'library', label: 'Library' },
  { id: 'collections', label: 'Collections' },
  { id: 'watched', label: 'Watched folders' },
  { id: 'diary', label: 'Diary' },
  { id: 'history', label: 'Import history' },
  { id: 'trash', label: 'Trash' },
  { id: 'settings', label: 'Settings' },
] as const

export type RouteId = (typeof ROUTES)[number]['id']

export const DEFAULT_ROUTE: RouteId = 'library'

export const hrefOf = (route: RouteId): string => `#/${route}`

/** `#/watched` → 'watched'; anything unknown (or no hash) → null. */
export function parseHash(hash: string): RouteId | null {
  const id = hash.replace(/^#\/?/, '').split(/[/?]/)[0] ?? ''
  return ROUTES.find((route) => route.id === id)?.id ?? null
}

export const labelOf = (route: RouteId): string => ROUTES.find((r) => r.id === route)?.label ?? route
