import type { AppInfoDto } from '../../src-preload/contract'
import { AppError } from '../core/common/app-error'
import { tableCounts } from '../core/library/open-library'
import type { LibraryManager } from '../core/library/library-manager'
import type { DesktopHost } from './desktop.handlers'
import type { DomainHandlers } from './handlers'

/** What the app domain needs from its host (Electron or Node). */
export interface AppHost {
  appName: string
  appVersion: string
  transport: AppInfoDto['transport']
  versions: AppInfoDto['versions']
  defaultLibraryPath: string
  /** Native folder dialog; absent where there is none (loopback, CLI). */
  pickFolder?: (title?: string) => Promise<string | null>
  /** Open, reveal and save dialogs of the desktop; absent on loopback and in the CLI. */
  desktop?: DesktopHost
  /** Reports the machine going to sleep or the screen locking (Electron); the diary locks. */
  onSystemLock?: (listener: (reason: 'suspend' | 'lock-screen') => void) => void
}

export interface AppDeps {
  host: AppHost
  libraries: LibraryManager
}

export async function appInfo({ host, libraries }: AppDeps): Promise<AppInfoDto> {
  const library = libraries.current
  return {
    appName: host.appName,
    appVersion: host.appVersion,
    transport: host.transport,
    platform: process.platform,
    versions: library ? { ...host.versions, sqlite: library.sqliteVersion } : host.versions,
    library: library
      ? { path: library.layout.root, schemaVersion: library.schemaVersion, freeBytes: library.freeBytes, counts: await tableCounts(library) }
      : null,
    libraryError: libraries.error?.toDto() ?? null,
    defaultLibraryPath: host.defaultLibraryPath,
    canPickFolder: host.pickFolder !== undefined,
  }
}

export function appHandlers(deps: AppDeps): DomainHandlers<'app:info' | 'app:choose-library' | 'app:pick-folder'> {
  return {
    'app:info': () => appInfo(deps),
    'app:choose-library': async ({ path }) => {
      await deps.libraries.open(path, { remember: true })
      return appInfo(deps)
    },
    'app:pick-folder': async ({ title }) => {
      if (!deps.host.pickFolder) throw new AppError('UNAVAILABLE', 'There is no folder dialog here: type the folder path instead.')
      return { path: await deps.host.pickFolder(title) }
    },
  }
}
