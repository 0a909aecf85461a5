import { join } from 'node:path'
import type { RecoveryReportDto } from '../../../src-preload/contract/recovery'
import { errnoOf } from '../common/app-error'
import type { Clock } from '../common/clock'
import { writeFileAtomic, type FsSeam } from '../common/fs-seam'
import type { Logger } from '../common/logger'
import type { StartupReport } from '../store/integrity'

export type RecoveryReport = RecoveryReportDto

/** Beside trove.db: a note about this folder's openings, not library data (see DECISIONS.md). */
export const RECOVERY_FILE = 'recovery-report.json'
const MAX_LISTED_MISSING = 200

interface RecoveryFile {
  version: 1
  /** Not yet dismissed; null when there is nothing to tell. */
  pending: RecoveryReport | null
  /** Entries already told missing, so a file that stays missing is reported once, not at every start. */
  reportedMissing: number[]
}

export interface RecoveryDeps {
  fs: FsSeam
  /** The library folder. */
  root: string
  clock: Clock
  logger: Logger
}

const empty = (): RecoveryFile => ({ version: 1, pending: null, reportedMissing: [] })

async function readRecoveryFile(deps: RecoveryDeps): Promise<RecoveryFile> {
  let text: string
  try {
    text = await deps.fs.readFile(join(deps.root, RECOVERY_FILE), 'utf8')
  } catch (err) {
    if (errnoOf(err) !== 'ENOENT') deps.logger.warn('could not read the recovery report', { error: err })
    return empty()
  }
  try {
    const parsed = JSON.parse(text) as Partial<RecoveryFile>
    if (parsed.version !== 1 || !Array.isArray(parsed.reportedMissing)) return empty()
    return { version: 1, pending: parsed.pending ?? null, reportedMissing: parsed.reportedMissing.filter((n) => Number.isInteger(n)) }
  } catch {
    deps.logger.warn('the recovery report was unreadable; starting a new one')
    return empty()
  }
}

const writeRecoveryFile = (deps: RecoveryDeps, file: RecoveryFile) => writeFileAtomic(deps.fs, join(deps.root, RECOVERY_FILE), `${JSON.stringify(file, null, 1)}\n`)

/**
 * Adds what one opening's start-up checks did to the pending report, if it did anything a
 * person should hear about: temp files or partial objects removed, orphans swept, entries
 * missing (newly) or back. Answers the pending report.
 */
export async function recordStartupFindings(deps: RecoveryDeps, tmpEntriesRemoved: number, checks: StartupReport): Promise<RecoveryReport | null> {
  const file = await readRecoveryFile(deps)
  const told = new Set(file.reportedMissing)
  const newlyMissing = checks.missing.filter((m) => m.fileId === null || !told.has(m.fileId))
  const nowMissing = checks.missing.flatMap((m) => (m.fileId === null ? [] : [m.fileId]))
  const noteworthy = tmpEntriesRemoved + checks.partialsRemoved + checks.orphansSwept + checks.recovered + newlyMissing.length > 0
  const missingChanged = nowMissing.length !== told.size || nowMissing.some((id) => !told.has(id))
  if (!noteworthy && !missingChanged) return file.pending

  if (noteworthy) {
    const now = deps.clock.now()
    const p: RecoveryReport = file.pending ?? {
      openings: 0, firstAt: now, lastAt: now, tmpEntriesRemoved: 0, partialsRemoved: 0, orphansSwept: 0, recovered: 0, missing: [], missingCount: 0, quickCheck: 'ok',
    }
    p.openings++
    p.lastAt = now
    p.tmpEntriesRemoved += tmpEntriesRemoved
    p.partialsRemoved += checks.partialsRemoved
    p.orphansSwept += checks.orphansSwept
    p.recovered += checks.recovered
    p.missingCount += newlyMissing.length
    p.missing = [...p.missing, ...newlyMissing.map((m) => ({ fileId: m.fileId, sha256: m.sha256, name: m.name, path: m.path }))].slice(0, MAX_LISTED_MISSING)
    file.pending = p
  }
  file.reportedMissing = nowMissing
  await writeRecoveryFile(deps, file)
  return file.pending
}

/** The report not yet dismissed, or null. */
export async function pendingRecoveryReport(deps: RecoveryDeps): Promise<RecoveryReport | null> {
  return (await readRecoveryFile(deps)).pending
}

/** Marks the pending report as seen; false when there was none. */
export async function dismissRecoveryReport(deps: RecoveryDeps): Promise<boolean> {
  const file = await readRecoveryFile(deps)
  if (!file.pending) return false
  file.pending = null
  await writeRecoveryFile(deps, file)
  return true
}
