import type { AppliedChange } from './sync-rows'
import type { SyncIssue } from './walk-folder'

/** Issues kept per operation (the count goes on). */
const MAX_ISSUES = 200

/** What one run did: the sync_operations counts, its issues and its changes. */
export class RunTally {
  scanned = 0
  added = 0
  updated = 0
  removed = 0
  hashed = 0
  bytesHashed = 0
  issueCount = 0
  readonly issues: SyncIssue[] = []
  readonly changes: AppliedChange[] = []

  issue(issue: SyncIssue): void {
    this.issueCount++
    if (this.issues.length < MAX_ISSUES) this.issues.push(issue)
  }

  /** Counts applied changes; a removal whose content was added elsewhere in the same run is a move. */
  record(applied: AppliedChange[]): void {
    this.changes.push(...applied)
  }

  settle(): AppliedChange[] {
    const added = new Map<string, AppliedChange[]>()
    for (const c of this.changes) if (c.type === 'added' && !c.newEntry && c.sha256) added.set(c.sha256, [...(added.get(c.sha256) ?? []), c])
    const out: AppliedChange[] = []
    for (const c of this.changes) {
      const twin = c.type === 'removed' && c.sha256 ? added.get(c.sha256)?.shift() : undefined
      if (twin) {
        twin.type = 'moved'
        twin.from = c.path
        continue
      }
      out.push(c)
    }
    this.added = out.filter((c) => c.type === 'added').length
    this.updated = out.filter((c) => c.type === 'updated' || c.type === 'moved').length
    this.removed = out.filter((c) => c.type === 'removed').length
    return out
  }
}
