import { useEffect, useState } from 'react'

/** `#/collections/12` → 12; `#/collections` (or anything else) → null. */
export function parseCollectionHash(hash: string): number | null {
  const match = /^#\/collections\/(\d+)(?:[/?]|$)/.exec(hash)
  const id = match ? Number(match[1]) : NaN
  return Number.isSafeInteger(id) && id > 0 ? id : null
}

export const collectionHref = (id: number | null) => (id === null ? '#/collections' : `#/collections/${id}`)

/** The collection the address names, following the browser's back and forward. */
export function useCollectionRoute(): number | null {
  const [id, setId] = useState(() => parseCollectionHash(window.location.hash))
  useEffect(() => {
    const sync = () => setId(parseCollectionHash(window.location.hash))
    window.addEventListener('hashchange', sync)
    return () => window.removeEventListener('hashchange', sync)
  }, [])
  return id
}
