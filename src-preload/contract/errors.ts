import { z } from 'zod'

/**
 * The closed set of error codes that may cross the bridge. Every failure a user can meet is
 * one of these; the renderer has a human message for each (see src-renderer/lib/error-messages.ts).
 */
export const ERROR_CODES = [
  'INVALID_INPUT',
  'UNKNOWN_METHOD',
  'NOT_FOUND',
  'ALREADY_EXISTS',
  'TOO_LARGE',
  'UNSUPPORTED_TYPE',
  'NO_SPACE',
  'PERMISSION_DENIED',
  'NOT_A_FOLDER',
  'SOURCE_CHANGED',
  'LIBRARY_NOT_OPEN',
  'VAULT_LOCKED',
  'BAD_PASSPHRASE',
  'VAULT_EXISTS',
  'VAULT_NOT_SET_UP',
  'CORRUPT',
  'CANCELLED',
  'FORBIDDEN',
  'UNAVAILABLE',
  'FOLDER_NOT_EMPTY',
  'NOT_A_BACKUP',
  'BACKUP_INCOMPLETE',
  'INSIDE_LIBRARY',
  'INTERNAL',
] as const

export type ErrorCode = (typeof ERROR_CODES)[number]

export const errorCodeSchema = z.enum(ERROR_CODES)

/** What crosses the bridge when a call fails: never a stack, never a raw exception. */
export interface ErrorDto {
  code: ErrorCode
  message: string
  details?: Record<string, unknown>
}

/** The envelope of every answer: nothing is thrown across the bridge. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: ErrorDto }

export const ok = <T>(value: T): Result<T> => ({ ok: true, value })
export const fail = (error: ErrorDto): Result<never> => ({ ok: false, error })
