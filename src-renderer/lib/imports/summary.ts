import type { ImportRecordDto, UploadOutcomeDto } from '../../../src-preload/contract'
import { ERROR_MESSAGES } from '../error-messages'
import type { FileOutcome } from './types'

/**
 * "12 added, 3 already in the library, 1 rejected: <why>": the same sentence main writes for
 * a finished import job, so uploads and path imports are summed up alike.
 */
export function describeOutcomes(outcomes: readonly FileOutcome[]): string {
  const count = (o: FileOutcome['outcome']) => outcomes.filter((f) => f.outcome === o).length
  const parts = [`${count('stored')} added`]
  const duplicate = count('duplicate')
  const rejected = count('rejected')
  const failed = count('failed')
  if (duplicate) parts.push(`${duplicate} already in the library`)
  if (rejected) parts.push(`${rejected} rejected`)
  if (failed) parts.push(`${failed} failed`)
  const firstProblem = outcomes.find((f) => f.outcome === 'rejected' || f.outcome === 'failed')
  return firstProblem?.reasonMessage ? `${parts.join(', ')}: ${firstProblem.reasonMessage}` : parts.join(', ')
}

export const hasProblems = (outcomes: readonly FileOutcome[]) => outcomes.some((o) => o.outcome === 'rejected' || o.outcome === 'failed')

export function outcomeOfRecord(record: ImportRecordDto): FileOutcome {
  return {
    name: record.originalName, outcome: record.outcome, reasonCode: record.reasonCode, reasonMessage: record.reasonMessage,
    size: record.size, fileId: record.fileId,
  }
}

export function outcomeOfUpload(result: UploadOutcomeDto, sentName: string): FileOutcome {
  return {
    name: sentName, outcome: result.outcome, reasonCode: result.reasonCode, reasonMessage: result.reasonMessage,
    size: result.size, fileId: result.fileId,
  }
}

const ISO_INSTANT = /\b(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?Z)\b/g

/** The server's sentence with its ISO timestamps written as local dates ("since 3 Mar 2025, 14:02"). */
export function readableReason(message: string): string {
  return message.replace(ISO_INSTANT, (iso) => {
    const date = new Date(iso)
    return Number.isNaN(date.getTime()) ? iso : formatDateTime(date.getTime())
  })
}

export function formatDateTime(epochMs: number): string {
  return new Date(epochMs).toLocaleString(undefined, { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' })
}

/** The human sentence for a reason code of a rejected or failed file, when it is one of the contract's codes. */
export function humanReason(code: string | null): string | null {
  if (!code || code === 'ALREADY_EXISTS') return null
  return Object.prototype.hasOwnProperty.call(ERROR_MESSAGES, code) ? ERROR_MESSAGES[code as keyof typeof ERROR_MESSAGES] : null
}
