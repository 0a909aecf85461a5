import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import type { InputOf, SearchResultDto } from '../../src-preload/contract'
import { call, toErrorDto } from './call'
import { StaticFileSource } from './file-source'

export interface FileSearch {
  source: StaticFileSource
  result: SearchResultDto | null
  version: number
  loading: boolean
  /** Ask again (files changed). */
  reload: () => void
}

const EMPTY: SearchResultDto = { hits: [], terms: [], more: false }

/**
 * `files:search` for `input` (nothing while it is null). One source per query, refilled when
 * the results are read again, so the selection holds across refreshes.
 */
export function useFileSearch(input: InputOf<'files:search'> | null): FileSearch {
  const key = input ? JSON.stringify(input) : null
  const source = useMemo(() => new StaticFileSource(), [key])
  const [result, setResult] = useState<SearchResultDto | null>(null)
  const [version, setVersion] = useState(0)
  const [loading, setLoading] = useState(false)
  const generation = useRef(0)

  const reload = useCallback(() => {
    const mine = ++generation.current
    if (key === null) {
      setResult(null)
      return
    }
    setLoading(true)
    call('files:search', JSON.parse(key) as InputOf<'files:search'>).then(
      (value) => {
        if (mine !== generation.current) return
        source.setItems(value.hits.map((hit) => hit.file))
        setResult(value)
        setLoading(false)
        setVersion((v) => v + 1)
      },
      (err: unknown) => {
        if (mine !== generation.current) return
        source.setItems([])
        source.error = toErrorDto(err)
        setResult(EMPTY)
        setLoading(false)
        setVersion((v) => v + 1)
      },
    )
  }, [key, source])

  useEffect(() => {
    reload()
    return () => {
      generation.current++
    }
  }, [reload])

  return { source, result, version, loading, reload }
}
