import { useEffect, useState } from 'react'
import { DEFAULT_ROUTE, hrefOf, parseHash, type RouteId } from './routes'

/**
 * The current section from `location.hash`. No router: links are plain `href="#/diary"`, the
 * browser's back and forward work, and an unknown or empty hash shows the library.
 */
export function useHashRoute(): RouteId {
  const [route, setRoute] = useState<RouteId>(() => parseHash(window.location.hash) ?? DEFAULT_ROUTE)

  useEffect(() => {
    const sync = () => {
      const parsed = parseHash(window.location.hash)
      if (parsed === null) {
        // Rewrite rather than push, so Back does not return to the unknown address.
        window.history.replaceState(null, '', hrefOf(DEFAULT_ROUTE))
      }
      setRoute(parsed ?? DEFAULT_ROUTE)
    }
    sync()
    window.addEventListener('hashchange', sync)
    return () => window.removeEventListener('hashchange', sync)
  }, [])

  return route
}
