import { AppError } from '../common/app-error'
import type { SqliteHandle } from '../db/connection'

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/

/**
 * A user-given label (tag or collection name): trimmed, NFC, 1–`max` characters (code points,
 * as SQLite counts them), no control characters. Refuses with INVALID_INPUT and says why.
 */
export function normalizeLabel(raw: string, what: string, max: number, extra?: { forbid: string; reason: string }): string {
  const name = raw.normalize('NFC').trim()
  const length = [...name].length
  if (length === 0) throw new AppError('INVALID_INPUT', `A ${what} needs a name.`)
  if (length > max) throw new AppError('INVALID_INPUT', `A ${what} name has at most ${max} characters; this one has ${length}.`)
  if (CONTROL.test(name)) throw new AppError('INVALID_INPUT', `A ${what} name cannot contain control characters (tabs, line breaks…).`)
  if (extra && name.includes(extra.forbid)) throw new AppError('INVALID_INPUT', `A ${what} name cannot contain "${extra.forbid}": ${extra.reason}`)
  return name
}

/** How names are compared "ignoring case": NFC, then lowercase (every script, not only ASCII). */
export const foldCase = (text: string): string => text.normalize('NFC').toLowerCase()

/** The SQL name of `foldCase`, available on connections passed to `registerTextFunctions`. */
export const FOLD_FUNCTION = 'trove_fold'

/** Makes `trove_fold(text)` available in SQL on this connection (idempotent). */
export function registerTextFunctions(sqlite: SqliteHandle): void {
  sqlite.function(FOLD_FUNCTION, { deterministic: true }, (value: unknown) => (typeof value === 'string' ? foldCase(value) : value))
}

/** Escapes `text` for a LIKE pattern written with ESCAPE '\'. */
export const escapeLike = (text: string): string => text.replace(/[\\%_]/g, (c) => `\\${c}`)
