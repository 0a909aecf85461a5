import { AppError } from '../core/common/app-error'
import { exportCopy, locateFile } from '../core/library/file-location'
import type { LibraryManager } from '../core/library/library-manager'
import type { DomainHandlers } from './handlers'

/** The operating system's side of files, provided by the Electron host only. */
export interface DesktopHost {
  /** Opens with the default app; resolves to an error message, or '' on success (Electron's shell.openPath). */
  openPath(path: string): Promise<string>
  showItemInFolder(path: string): void
  /** A save dialog proposing `defaultName`; null when cancelled. */
  chooseSavePath(defaultName: string): Promise<string | null>
}

export function desktopHandlers(libraries: LibraryManager, desktop: DesktopHost | undefined): DomainHandlers<'desktop:open-file' | 'desktop:show-in-folder' | 'desktop:export-copy'> {
  const need = (): DesktopHost => {
    if (!desktop) throw new AppError('UNAVAILABLE', 'Only the desktop app can do this; in a browser, download a copy instead.')
    return desktop
  }
  const deps = () => {
    const services = libraries.require()
    return { db: services.library.connection.db, fs: services.ingest.fs, store: services.store }
  }
  return {
    'desktop:open-file': async ({ id }) => {
      const host = need()
      const { bytesPath, name, program } = await locateFile(deps(), id)
      if (program) throw new AppError('FORBIDDEN', `"${name}" is a program; Trove does not run programs. Use Show in folder instead.`)
      const problem = await host.openPath(bytesPath)
      if (problem) throw new AppError('UNAVAILABLE', `"${name}" could not be opened: ${problem}`)
      return { opened: true }
    },
    'desktop:show-in-folder': async ({ id }) => {
      const host = need()
      host.showItemInFolder((await locateFile(deps(), id)).revealPath)
      return { shown: true }
    },
    'desktop:export-copy': async ({ id }) => {
      const host = need()
      const { name } = await locateFile(deps(), id)
      const destination = await host.chooseSavePath(name)
      if (!destination) return { path: null }
      await exportCopy(deps(), id, destination)
      return { path: destination }
    },
  }
}
