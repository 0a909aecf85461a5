import { randomUUID } from 'node:crypto'
import type { z } from 'zod'
import { fail, isMethodName, methods, ok, type Result } from '../../src-preload/contract'
import { isAppError } from '../core/common/app-error'
import type { Logger } from '../core/common/logger'
import type { CallContext, Handlers } from './handlers'

export type Dispatch = (method: unknown, input: unknown, ctx: CallContext) => Promise<Result<unknown>>

/**
 * The one way into main: look the method up in the contract, validate the input with its
 * schema, run the handler, and map every outcome to the result envelope. Nothing thrown
 * escapes; an unexpected error is logged with an id and answered as INTERNAL without a stack.
 */
export function createDispatcher(handlers: Handlers, logger: Logger): Dispatch {
  return async (method, input, ctx) => {
    if (!isMethodName(method)) {
      return fail({ code: 'UNKNOWN_METHOD', message: `Unknown method: ${describe(method)}` })
    }
    const parsed = methods[method].input.safeParse(input ?? {})
    if (!parsed.success) {
      return fail({
        code: 'INVALID_INPUT',
        message: `Invalid input for ${method}: ${summarise(parsed.error)}`,
        details: { issues: parsed.error.issues.slice(0, 10).map((i) => ({ path: i.path.map(String), message: i.message })) },
      })
    }
    try {
      const handler = handlers[method] as (input: unknown, ctx: CallContext) => unknown
      return ok(await handler(parsed.data, ctx))
    } catch (err) {
      if (isAppError(err) && err.code !== 'INTERNAL') return fail(err.toDto())
      const logId = randomUUID().slice(0, 8)
      logger.error('unexpected error in handler', { logId, method, transport: ctx.transport, error: loggableError(method, err) })
      return fail({
        code: 'INTERNAL',
        message: `Something went wrong inside Trove. The log has the details under id ${logId}.`,
        details: { logId },
      })
    }
  }
}

/**
 * What of an unexpected error goes into the log. Inputs are never logged; for the diary's
 * methods not even the error's message or stack, which could quote what the person wrote.
 */
export function loggableError(method: string, err: unknown): unknown {
  if (!method.startsWith('diary:')) return err
  return { name: err instanceof Error ? err.name : typeof err, redacted: 'diary method: message and stack left out' }
}

const describe = (value: unknown): string =>
  typeof value === 'string' ? JSON.stringify(value.slice(0, 80)) : `(${value === null ? 'null' : typeof value})`

function summarise(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => (issue.path.length ? `${issue.path.join('.')}: ${issue.message}` : issue.message))
    .join('; ')
}
