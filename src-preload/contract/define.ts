import type { z } from 'zod'

/**
 * One method of the contract: its zod input schema and (as a phantom type) its result.
 * `defineMethod<Result>()(schema)` keeps the result type without a runtime value.
 */
export interface MethodSpec<I extends z.ZodType = z.ZodType, R = unknown> {
  readonly input: I
  /** Type-only marker; never read at run time. */
  readonly result?: R
}

export interface EventSpec<P = unknown> {
  /** Type-only marker; never read at run time. */
  readonly payload?: P
}

export const defineMethod =
  <R>() =>
  <I extends z.ZodType>(input: I): MethodSpec<I, R> => ({ input })

export const defineEvent = <P>(): EventSpec<P> => ({})
