import { createApi, type Api, type AppHost } from './api'
import { realFs, type FsSeam } from './core/common/fs-seam'
import { systemClock, type Clock } from './core/common/clock'
import type { Logger } from './core/common/logger'
import type { DiaryOptions } from './core/diary/diary-services'
import { JobRegistry } from './core/jobs/job-registry'
import { LibraryManager } from './core/library/library-manager'
import { AppSettingsStore } from './core/settings/app-settings'
import { BackupService } from './core/backup/backup.service'
import { startBackupScheduler } from './core/backup/backup-scheduler'

export interface ComposeOptions {
  configDir: string
  host: AppHost
  logger: Logger
  fs?: FsSeam
  clock?: Clock
  /** Watch the library's folders once it opens (default true; one-shot commands pass false). */
  watchFolders?: boolean
  /** The diary's auto-lock timer and (tests only) key-file cost. */
  diary?: DiaryOptions
  /** Run scheduled backups on a timer (default: as watchFolders; the CLI has none). */
  scheduleBackups?: boolean
}

export interface TroveApp {
  settings: AppSettingsStore
  libraries: LibraryManager
  jobs: JobRegistry
  api: Api
  logger: Logger
  shutdown(): Promise<void>
}

/**
 * The composition shared by every entry (Electron, CLI, loopback server): services are built
 * here once and handed down; nothing is looked up from a global.
 */
export function composeApp({ configDir, host, logger, fs = realFs, clock = systemClock, watchFolders = true, scheduleBackups = watchFolders, diary }: ComposeOptions): TroveApp {
  const settings = new AppSettingsStore(fs, configDir, logger)
  const jobs = new JobRegistry(clock)
  const libraries = new LibraryManager({ fs, logger, settings, clock, jobs, sync: { autoStart: watchFolders }, diary })
  const backups = new BackupService({ fs, clock, logger, jobs, libraries, appVersion: host.appVersion })
  const stopBackups = scheduleBackups ? startBackupScheduler(backups, logger) : () => undefined
  const api = createApi({ host, libraries, jobs, logger, backup: { backups, move: { fs, clock, logger, jobs, libraries, settings } } })
  // Sleep and screen lock lock the diary (the key leaves memory before the lid closes).
  host.onSystemLock?.((reason) => {
    if (libraries.current) libraries.require().diary.vault.lock(reason)
  })
  return {
    settings, libraries, jobs, api, logger,
    shutdown: async () => {
      stopBackups()
      jobs.cancelAll()
      await libraries.close()
    },
  }
}

export type StartupLibrary =
  /** Open this folder for this run only (`--library DIR`). */
  | { kind: 'explicit'; path: string }
  /** Open the remembered library; if none, ask (first run). */
  | { kind: 'remembered-or-ask' }
  /** Open the remembered library; if none, the default one (TROVE_LIBRARY or ~/Trove). */
  | { kind: 'remembered-or-default' }
  /** Open nothing: the renderer asks. */
  | { kind: 'ask' }

/**
 * Opens the library a start-up calls for. A failure is not thrown: the manager keeps the
 * reason and the renderer shows it with the choice of another folder.
 */
export async function openStartupLibrary(app: TroveApp, choice: StartupLibrary, defaultPath: string): Promise<void> {
  const remembered = (await app.settings.read()).libraryPath
  const path =
    choice.kind === 'explicit'
      ? choice.path
      : choice.kind === 'ask'
        ? undefined
        : (remembered ?? (choice.kind === 'remembered-or-default' ? defaultPath : undefined))
  if (!path) return
  await app.libraries.open(path, { remember: false }).catch(() => undefined)
}
