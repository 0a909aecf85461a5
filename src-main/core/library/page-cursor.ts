import { AppError } from '../common/app-error'

export type CursorValue = string | number

/**
 * Keyset page cursors: an opaque string (base64url of JSON) holding what the cursor is for
 * (e.g. "files:name:asc") and the sort values of the last row returned. A cursor from another
 * listing or sort order is refused rather than silently misread.
 */
export function encodeCursor(scope: string, values: CursorValue[]): string {
  return Buffer.from(JSON.stringify([scope, ...values]), 'utf8').toString('base64url')
}

export function decodeCursor(cursor: string, scope: string, shape: Array<'string' | 'number'>): CursorValue[] {
  let parsed: unknown
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'))
  } catch {
    throw invalid()
  }
  if (!Array.isArray(parsed) || parsed.length !== shape.length + 1) throw invalid()
  if (parsed[0] !== scope) {
    throw new AppError('INVALID_INPUT', 'This page cursor belongs to another listing or sort order. Start again from the first page.', { scope })
  }
  const values = parsed.slice(1) as unknown[]
  values.forEach((value, i) => {
    const ok = shape[i] === 'number' ? typeof value === 'number' && Number.isSafeInteger(value) : typeof value === 'string'
    if (!ok) throw invalid()
  })
  return values as CursorValue[]
}

const invalid = () => new AppError('INVALID_INPUT', 'The page cursor is not valid. Start again from the first page.')
