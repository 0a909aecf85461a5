import type { ErrorCode, ErrorDto } from '../../../src-preload/contract/errors'

export type { ErrorCode }

/** The one error shape of Trove's core: a closed code, a message a person can act on. */
export class AppError extends Error {
  readonly code: ErrorCode
  readonly details?: Record<string, unknown>

  constructor(code: ErrorCode, message: string, details?: Record<string, unknown>, options?: { cause?: unknown }) {
    super(message, options)
    this.name = 'AppError'
    this.code = code
    this.details = details
  }

  toDto(): ErrorDto {
    return this.details ? { code: this.code, message: this.message, details: this.details } : { code: this.code, message: this.message }
  }
}

export const isAppError = (err: unknown): err is AppError => err instanceof AppError

/** Node's errno string (ENOSPC, EACCES, …) of an fs error, if it has one. */
export const errnoOf = (err: unknown): string | undefined =>
  typeof err === 'object' && err !== null && typeof (err as { code?: unknown }).code === 'string'
    ? (err as { code: string }).code
    : undefined

/**
 * Turns a filesystem error into an AppError that says what Trove was doing and why it failed.
 * Errors that are not filesystem errors are returned unchanged (they become INTERNAL later).
 */
export function fromFsError(err: unknown, action: string, path: string): unknown {
  if (isAppError(err)) return err
  const errno = errnoOf(err)
  const at = `${action} ${path}`
  switch (errno) {
    case 'ENOSPC':
    case 'EDQUOT':
      return new AppError('NO_SPACE', `There is no space left on the disk while trying to ${at}.`, { path, errno }, { cause: err })
    case 'EACCES':
    case 'EPERM':
    case 'EROFS':
      return new AppError('PERMISSION_DENIED', `Trove is not allowed to ${at} (${errno}).`, { path, errno }, { cause: err })
    case 'ENOENT':
      return new AppError('NOT_FOUND', `Could not ${at}: it does not exist.`, { path, errno }, { cause: err })
    case 'ENOTDIR':
      return new AppError('NOT_A_FOLDER', `Could not ${at}: part of that path is a file, not a folder.`, { path, errno }, { cause: err })
    default:
      return err
  }
}
