import { useCallback, useEffect, useRef, useState } from 'react'
import type { ErrorDto, InputOf, MethodName, ResultOf } from '../../src-preload/contract'
import { call, toErrorDto } from './call'

export interface CallState<T> {
  /** The last value received, kept while reloading. */
  value: T | undefined
  /** The last failure, cleared by the next success. */
  error: ErrorDto | null
  loading: boolean
  reload: () => void
  /** Replace the value with a fresher one (from an event or another call's answer). */
  setValue: (value: T) => void
}

/**
 * Calls `method` when mounted and whenever `input` changes (compared as JSON). An answer that
 * arrives after a newer reload or setValue is dropped, so an older reply never wins.
 */
export function useCall<M extends MethodName>(method: M, input: InputOf<M>): CallState<ResultOf<M>> {
  const [value, setValueState] = useState<ResultOf<M> | undefined>(undefined)
  const [error, setError] = useState<ErrorDto | null>(null)
  const [loading, setLoading] = useState(true)
  const generation = useRef(0)
  const inputKey = JSON.stringify(input)

  const reload = useCallback(() => {
    const mine = ++generation.current
    setLoading(true)
    call(method, JSON.parse(inputKey) as InputOf<M>).then(
      (result) => {
        if (mine !== generation.current) return
        setValueState(() => result)
        setError(null)
        setLoading(false)
      },
      (err: unknown) => {
        if (mine !== generation.current) return
        setError(toErrorDto(err))
        setLoading(false)
      },
    )
  }, [method, inputKey])

  const setValue = useCallback((next: ResultOf<M>) => {
    generation.current++
    setValueState(() => next)
    setError(null)
    setLoading(false)
  }, [])

  useEffect(() => {
    reload()
    return () => {
      generation.current++
    }
  }, [reload])

  return { value, error, loading, reload, setValue }
}
