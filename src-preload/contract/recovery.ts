import { z } from 'zod'
import { defineMethod } from './define'
import type { ObjectProblemDto } from './library'

/**
 * What the cheap start-up checks repaired or found since the person last looked, gathered over
 * one or more openings (a CLI run counts too), shown once and then dismissed.
 */
export interface RecoveryReportDto {
  /** Openings that found something, since the report was last dismissed. */
  openings: number
  firstAt: number
  lastAt: number
  /** Half-written files left in tmp/ by an interrupted import or upload, removed. */
  tmpEntriesRemoved: number
  /** Half-copied leftovers inside objects/, removed. */
  partialsRemoved: number
  /** Objects no entry refers to, older than the grace period, removed. */
  orphansSwept: number
  /** Entries whose stored copy was back after having been missing. */
  recovered: number
  /** Entries whose stored copy has gone missing (marked missing, never dropped); at most 200 listed. */
  missing: ObjectProblemDto[]
  missingCount: number
  /** `PRAGMA quick_check` at opening: a library that fails it does not open at all. */
  quickCheck: 'ok'
}

export const recoveryMethods = {
  /** The start-up recovery report not yet dismissed, or null when there is nothing to tell. */
  'library:recovery-report': defineMethod<{ report: RecoveryReportDto | null }>()(z.object({}).strict()),
  /** Marks the report as seen: it is not shown again (new findings start a new one). */
  'library:dismiss-recovery-report': defineMethod<{ dismissed: boolean }>()(z.object({}).strict()),
}
