import type { SyncChangeDto, WatchedFolderDto } from '../../../src-preload/contract/sync'
import { isAppError } from '../common/app-error'
import type { SyncContext } from './sync-context'
import type { AppliedChange } from './sync-rows'

/** Changes carried by one event at most (the count says how many there were). */
const EVENT_CHANGES = 100

export interface SyncEvent {
  folderId: number
  /** Null when the folder was removed. */
  folder: WatchedFolderDto | null
  changes: SyncChangeDto[]
  changeCount: number
}

/** Tells listeners what happened to a folder: its new state, and the changes applied. */
export class SyncEvents {
  private readonly listeners = new Set<(event: SyncEvent) => void>()
  private readonly appliedListeners = new Set<(changes: SyncChangeDto[]) => void>()

  constructor(private readonly ctx: SyncContext) {}

  onChange(listener: (event: SyncEvent) => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  onApplied(listener: (changes: SyncChangeDto[]) => void): () => void {
    this.appliedListeners.add(listener)
    return () => this.appliedListeners.delete(listener)
  }

  /** Changes a scan or a watcher batch applied: previews poked, listeners told. */
  announce(folderId: number, changes: AppliedChange[]): void {
    if (changes.some((c) => c.newEntry)) this.ctx.deps.onEntriesAdded?.()
    if (changes.length > 0) for (const listener of this.appliedListeners) listener(changes)
    this.emit(folderId, changes)
  }

  /** The folder as it is now, with these changes (at most EVENT_CHANGES of them). */
  emit(folderId: number, changes: AppliedChange[]): void {
    if (this.listeners.size === 0 || this.ctx.stopped) return
    this.ctx.track(
      this.ctx.folder(folderId).then(
        (folder) => {
          const event: SyncEvent = { folderId, folder, changes: changes.slice(0, EVENT_CHANGES), changeCount: changes.length }
          for (const listener of this.listeners) listener(event)
        },
        (err: unknown) => {
          if (!isAppError(err) || err.code !== 'NOT_FOUND') throw err // removed meanwhile: its removal was announced
        },
      ),
    )
  }

  emitRemoved(folderId: number): void {
    for (const listener of this.listeners) listener({ folderId, folder: null, changes: [], changeCount: 0 })
  }
}
