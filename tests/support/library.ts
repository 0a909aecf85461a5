import { join } from 'node:path'
import { afterEach } from 'vitest'
import { systemClock } from '../../src-main/core/common/clock'
import { realFs, type FsSeam } from '../../src-main/core/common/fs-seam'
import { silentLogger } from '../../src-main/core/common/logger'
import { JobRegistry } from '../../src-main/core/jobs/job-registry'
import { createLibraryServices, type LibraryServices } from '../../src-main/core/library/library-services'
import { openLibrary } from '../../src-main/core/library/open-library'
import { useTempDirs } from './temp-dir'

export interface TestLibrary extends LibraryServices {
  root: string
  /** A scratch folder outside the library for source files. */
  scratch: string
  jobs: JobRegistry
  close(): Promise<void>
  reopen(fs?: FsSeam): Promise<TestLibrary>
}

/** A real library in a real temporary folder, closed after the test. */
export function useTestLibraries(): (options?: { fs?: FsSeam }) => Promise<TestLibrary> {
  const tempDir = useTempDirs()
  const open: TestLibrary[] = []
  afterEach(async () => {
    for (const lib of open.splice(0)) await lib.close().catch(() => undefined)
  })
  const make = async (root: string, scratch: string, fs: FsSeam): Promise<TestLibrary> => {
    const library = await openLibrary(fs, root, silentLogger)
    const jobs = new JobRegistry(systemClock)
    const services = await createLibraryServices(library, { fs, logger: silentLogger, clock: systemClock, jobs })
    let closed = false
    const lib: TestLibrary = {
      ...services, root, scratch, jobs,
      close: async () => {
        if (closed) return
        closed = true
        await services.stop()
        await library.close()
      },
      reopen: async (nextFs = realFs) => {
        await lib.close()
        return make(root, scratch, nextFs)
      },
    }
    open.push(lib)
    return lib
  }
  return async (options = {}) => {
    const base = await tempDir()
    return make(join(base, 'library'), join(base, 'sources'), options.fs ?? realFs)
  }
}
