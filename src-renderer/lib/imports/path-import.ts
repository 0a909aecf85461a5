/** Reading what became of a path import's files, from the import history of its batch. */
import type { ErrorDto } from '../../../src-preload/contract'
import { call, toErrorDto } from '../call'
import { outcomeOfRecord } from './summary'
import type { FileOutcome } from './types'

/** Outcomes shown in the panel per import; the history page has them all. */
export const PANEL_RECORD_LIMIT = 500

export interface BatchRecords {
  records: FileOutcome[]
  truncated: boolean
  error: ErrorDto | null
}

export async function readBatchRecords(batchId: string, limit = PANEL_RECORD_LIMIT): Promise<BatchRecords> {
  try {
    const page = await call('history:list', { batchId, limit })
    return { records: page.items.map(outcomeOfRecord), truncated: page.nextCursor !== null, error: null }
  } catch (err) {
    return { records: [], truncated: false, error: toErrorDto(err) }
  }
}

/** "Photos", "3 items" for the panel and the notification. */
export function labelForPaths(paths: readonly string[]): string {
  if (paths.length === 1) {
    const parts = paths[0]!.split(/[\\/]/).filter(Boolean)
    return parts[parts.length - 1] ?? paths[0]!
  }
  return `${paths.length} items`
}

export function labelForFiles(count: number, firstName: string | undefined, folders: boolean): string {
  if (count === 1 && firstName) return firstName
  return folders ? `${count} files from dropped folders` : `${count} files`
}
