/**
 * The one way the renderer calls main: returns the value, or throws a TroveCallError that
 * carries the contract's error code and the server's specific message.
 */
import type { ErrorCode, ErrorDto, InputOf, MethodName, ResultOf } from '../../src-preload/contract'
import { trove } from './bridge'

export class TroveCallError extends Error {
  readonly code: ErrorCode
  readonly details: Record<string, unknown> | undefined

  constructor(error: ErrorDto) {
    super(error.message)
    this.name = 'TroveCallError'
    this.code = error.code
    this.details = error.details
  }

  toDto(): ErrorDto {
    return { code: this.code, message: this.message, details: this.details }
  }
}

export async function call<M extends MethodName>(method: M, input: InputOf<M>): Promise<ResultOf<M>> {
  const result = await trove.call(method, input)
  if (!result.ok) throw new TroveCallError(result.error)
  return result.value
}

/** Any thrown value as an ErrorDto, so every failure is shown the same way. */
export function toErrorDto(err: unknown): ErrorDto {
  if (err instanceof TroveCallError) return err.toDto()
  const message = err instanceof Error ? err.message : String(err)
  return { code: 'INTERNAL', message }
}
