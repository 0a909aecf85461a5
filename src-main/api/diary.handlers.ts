import type { DiaryLockReason, MethodName } from '../../src-preload/contract'
import type { DiaryServices } from '../core/diary/diary-services'
import type { LibraryManager } from '../core/library/library-manager'
import type { DomainHandlers, EventPublisher } from './handlers'

type DiaryMethod = Extract<MethodName, `diary:${string}`>

/**
 * Diary calls → the open library's diary. The lock rule lives in core (every service call
 * takes the key from the vault, which answers VAULT_LOCKED), not here.
 */
export function diaryHandlers(libraries: LibraryManager, events: EventPublisher): DomainHandlers<DiaryMethod> {
  const diary = (): DiaryServices => libraries.require().diary
  const changed = <T>(change: 'saved' | 'deleted' | 'media', entryIds: (value: T) => string[]) => (value: T) => {
    events.publish('diary:changed', { change, entryIds: entryIds(value) })
    return value
  }
  return {
    'diary:status': () => diary().vault.status(),
    'diary:setup': async ({ passphrase }) => {
      const { recoveryCode } = await diary().vault.setup(passphrase)
      return { recoveryCode, status: await diary().vault.status() }
    },
    'diary:unlock': async ({ passphrase }) => {
      await diary().vault.unlock(passphrase)
      return diary().vault.status()
    },
    'diary:unlock-with-recovery': async ({ recoveryCode, newPassphrase }) => {
      await diary().vault.unlockWithRecovery(recoveryCode, newPassphrase)
      return diary().vault.status()
    },
    'diary:lock': () => {
      diary().vault.lock('manual')
      return diary().vault.status()
    },
    'diary:touch': () => {
      diary().vault.requireKey()
      return diary().vault.status()
    },
    'diary:change-passphrase': async ({ oldPassphrase, newPassphrase }) => {
      await diary().vault.changePassphrase(oldPassphrase, newPassphrase)
      return diary().vault.status()
    },
    'diary:set-auto-lock': async ({ minutes }) => {
      await diary().vault.setAutoLock(minutes)
      return diary().vault.status()
    },
    'diary:list': (query) => diary().entries.list(query),
    'diary:calendar': ({ month }) => diary().entries.calendar(month),
    'diary:get': ({ id }) => diary().entries.get(id),
    'diary:save': (input) => diary().entries.save(input).then(changed('saved', (entry) => [entry.id])),
    'diary:delete': ({ id }) => diary().entries.delete(id).then(changed('deleted', () => [id])),
    'diary:attach': async (input) => {
      const media = 'paths' in input ? await diary().media.attachPaths(input.entryId, input.paths) : await diary().media.attachUploads(input.entryId, input.uploadIds, input.names)
      events.publish('diary:changed', { change: 'media', entryIds: [input.entryId] })
      return { media }
    },
    'diary:detach': ({ mediaId }) => diary().media.detach(mediaId).then(changed('media', (v) => [v.entryId])),
    'diary:search': ({ query, limit }) => diary().entries.search(query, limit),
    'diary:verify': () => diary().verify(),
  }
}

/** Tells the renderer when the open library's diary locks (by hand, idle, sleep, close) or unlocks. */
export function publishDiaryLockChanges(libraries: LibraryManager, events: EventPublisher): void {
  libraries.followServices((services) => {
    const offLock = services.diary.vault.onLock((reason: DiaryLockReason) => events.publish('diary:locked', { reason }))
    const offUnlock = services.diary.vault.onUnlock((status) => events.publish('diary:unlocked', status))
    return () => {
      offLock()
      offUnlock()
    }
  })
}
