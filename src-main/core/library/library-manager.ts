import { AppError, isAppError } from '../common/app-error'
import type { FsSeam } from '../common/fs-seam'
import type { Logger } from '../common/logger'
import type { AppSettingsStore } from '../settings/app-settings'
import { createLibraryServices, type LibraryServiceDeps, type LibraryServices } from './library-services'
import { openLibrary, type Library } from './open-library'

export interface LibraryManagerDeps extends LibraryServiceDeps {
  settings: AppSettingsStore
}

/**
 * Holds the one open library of this process. Opening another closes the current one first;
 * a failed open leaves no library open and keeps the reason for the renderer to show.
 */
export class LibraryManager {
  private library: Library | null = null
  private libraryServices: LibraryServices | null = null
  private lastError: AppError | null = null
  private readonly listeners = new Set<() => void>()

  constructor(private readonly deps: LibraryManagerDeps) {}

  get current(): Library | null {
    return this.library
  }

  get error(): AppError | null {
    return this.lastError
  }

  /** The open library's services, or LIBRARY_NOT_OPEN for calls that need one. */
  require(): LibraryServices {
    if (!this.libraryServices) throw new AppError('LIBRARY_NOT_OPEN', 'No library is open yet. Choose a library folder first.')
    return this.libraryServices
  }

  /**
   * Runs `subscribe` on the open library's services now and after every switch, undoing the
   * previous subscription first (for per-library event sources such as previews and sync).
   */
  followServices(subscribe: (services: LibraryServices) => () => void): void {
    let unsubscribe: (() => void) | null = null
    const follow = () => {
      unsubscribe?.()
      unsubscribe = this.libraryServices ? subscribe(this.libraryServices) : null
    }
    this.onChange(follow)
    follow()
  }

  onChange(listener: () => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  /** Opens `path`; with `remember`, it becomes the library opened at the next start. */
  async open(path: string, options: { remember: boolean }): Promise<Library> {
    let library: Library
    let services: LibraryServices
    try {
      library = await openLibrary(this.deps.fs, path, this.deps.logger)
      try {
        services = await createLibraryServices(library, this.deps)
      } catch (err) {
        await library.close()
        throw err
      }
    } catch (err) {
      const error = isAppError(err) ? err : new AppError('INTERNAL', `The library at ${path} could not be opened.`, { path })
      this.deps.logger.warn('library could not be opened', { path, code: error.code, reason: error.message })
      // A failed switch keeps the library that was open; the caller gets the reason.
      if (!this.library) {
        this.lastError = error
        this.notify()
      }
      throw err
    }
    await this.close({ notify: false })
    this.library = library
    this.libraryServices = services
    this.lastError = null
    if (options.remember) await this.deps.settings.update({ libraryPath: library.layout.root })
    this.notify()
    return library
  }

  async close(options: { notify: boolean } = { notify: true }): Promise<void> {
    const library = this.library
    const services = this.libraryServices
    this.library = null
    this.libraryServices = null
    await services?.stop()
    if (library) await library.close()
    if (options.notify && library) this.notify()
  }

  private notify(): void {
    for (const listener of this.listeners) listener()
  }
}
