import type { Kysely } from 'kysely'
import { DIARY_DEFAULT_AUTO_LOCK_MINUTES, DIARY_MAX_AUTO_LOCK_MINUTES, type DiaryVerifyReportDto } from '../../../src-preload/contract/diary'
import { AppError, isAppError } from '../common/app-error'
import type { Clock } from '../common/clock'
import type { FsSeam } from '../common/fs-seam'
import type { Logger } from '../common/logger'
import type { Database } from '../db/schema'
import type { LibraryLayout } from '../library/library-layout'
import type { UploadService } from '../uploads/upload.service'
import type { KdfParams } from '../vault/key-file'
import { DiaryCatalogue } from './diary-catalogue'
import { resolveDiaryContent, type DiaryContentAnswer } from './diary-content'
import { DiaryEntries } from './diary-entries'
import { DiaryMedia } from './diary-media'
import { DiaryObjects } from './diary-objects'
import { DiaryVault, type DiaryTimer } from './diary-vault'
import { verifyDiary } from './diary-verify'

/** The library setting (in `settings`) holding the auto-lock minutes. */
export const AUTO_LOCK_SETTING = 'diary.autoLockMinutes'

export interface DiaryOptions {
  /** Auto-lock timer; tests pass a manual one. */
  timer?: DiaryTimer
  /** Tests only: cheaper scrypt parameters for new key files. */
  kdf?: KdfParams
}

export interface DiaryServiceDeps extends DiaryOptions {
  db: Kysely<Database>
  fs: FsSeam
  clock: Clock
  logger: Logger
  layout: LibraryLayout
  uploads: UploadService
}

/** The diary of one open library: lock state, entries, media, content, verify. */
export interface DiaryServices {
  vault: DiaryVault
  entries: DiaryEntries
  media: DiaryMedia
  resolveContent(request: { path: string; range?: string | null }): Promise<DiaryContentAnswer>
  verify(): Promise<DiaryVerifyReportDto>
  /** The sweep of stray encrypted files that runs when the library opens (count removed). */
  swept: Promise<number>
  /** Locks (the library is closing) and waits for the opening sweep. */
  stop(): Promise<void>
}

/** Encrypted files no row names, written since the library opened, are removed only when older than this (an attach may be running). */
const STRAY_GRACE_MS = 60 * 60 * 1000

export async function createDiaryServices(deps: DiaryServiceDeps): Promise<DiaryServices> {
  const vault = new DiaryVault({
    fs: deps.fs,
    clock: deps.clock,
    logger: deps.logger,
    vaultDir: deps.layout.vault,
    timer: deps.timer,
    kdf: deps.kdf,
    autoLockMinutes: await readAutoLockMinutes(deps.db),
    saveAutoLockMinutes: (minutes) => writeAutoLockMinutes(deps.db, minutes),
  })
  const openedAt = deps.clock.now()
  const objects = new DiaryObjects(deps.fs, deps.layout.vaultObjects, deps.logger)

  // The opened diary lives from the first call after an unlock to the next lock.
  let loading: Promise<DiaryCatalogue> | null = null
  let generation = 0
  const catalogue = (): Promise<DiaryCatalogue> => {
    const key = vault.requireKey()
    if (!loading) {
      const mine = generation
      loading = DiaryCatalogue.load(deps.db, key, deps.logger).then((loaded) => {
        if (mine !== generation) {
          loaded.clear()
          throw vaultLocked()
        }
        return loaded
      })
      loading.catch(() => {
        if (mine === generation) loading = null
      })
    }
    return loading
  }
  // Opened right after an unlock (in the background), so the first list or search finds it ready.
  vault.onUnlock(() => {
    catalogue().catch((error: unknown) => {
      // Locked again meanwhile (a short CLI run ending) is not worth a line.
      if (!isAppError(error) || error.code !== 'VAULT_LOCKED') deps.logger.warn('the diary could not be opened after unlocking', { error })
    })
  })
  vault.onLock(() => {
    generation++
    const previous = loading
    loading = null
    previous?.then((c) => c.clear(), () => undefined)
  })

  const swept = deps.db
    .selectFrom('diary_media')
    .select(['object_name', 'thumb_name'])
    .execute()
    .then((rows) => objects.sweep(new Set(rows.flatMap((r) => (r.thumb_name ? [r.object_name, r.thumb_name] : [r.object_name]))), deps.clock.now(), STRAY_GRACE_MS, openedAt))
    .catch((error: unknown) => {
      deps.logger.warn('could not sweep stray encrypted diary files', { error })
      return 0
    })
  const entries = new DiaryEntries({ db: deps.db, vault, clock: deps.clock, objects, catalogue })
  const media = new DiaryMedia({ db: deps.db, fs: deps.fs, clock: deps.clock, logger: deps.logger, vault, objects, uploads: deps.uploads, catalogue })
  return {
    vault,
    entries,
    media,
    resolveContent: (request) => resolveDiaryContent(media, deps.logger, request),
    verify: () => verifyDiary({ db: deps.db, fs: deps.fs, clock: deps.clock, vault, objects }),
    swept,
    stop: async () => {
      const opening = loading
      vault.lock('library-closed')
      // Nothing may still read the database when it closes.
      await Promise.all([swept, opening?.catch(() => undefined)])
    },
  }
}

async function readAutoLockMinutes(db: Kysely<Database>): Promise<number> {
  const row = await db.selectFrom('settings').select('value_json').where('key', '=', AUTO_LOCK_SETTING).executeTakeFirst()
  const value: unknown = row ? JSON.parse(row.value_json) : null
  return typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= DIARY_MAX_AUTO_LOCK_MINUTES ? value : DIARY_DEFAULT_AUTO_LOCK_MINUTES
}

async function writeAutoLockMinutes(db: Kysely<Database>, minutes: number): Promise<void> {
  const value_json = JSON.stringify(minutes)
  await db
    .insertInto('settings')
    .values({ key: AUTO_LOCK_SETTING, value_json })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value_json }))
    .execute()
}

const vaultLocked = () => new AppError('VAULT_LOCKED', 'The diary was locked while it was being opened.')
