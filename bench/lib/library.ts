import { mkdtemp, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { systemClock } from '../../src-main/core/common/clock'
import { realFs } from '../../src-main/core/common/fs-seam'
import { silentLogger } from '../../src-main/core/common/logger'
import { JobRegistry } from '../../src-main/core/jobs/job-registry'
import { createLibraryServices, type LibraryServices } from '../../src-main/core/library/library-services'
import { openLibrary } from '../../src-main/core/library/open-library'
import { BENCH_DIR } from './corpus'

/** A fresh library for one measurement, on the same filesystem as the corpus. */
export async function scratchLibrary(options: { autoStart?: boolean } = {}): Promise<LibraryServices & { root: string; dispose(): Promise<void> }> {
  const root = await mkdtemp(join(BENCH_DIR, 'library-'))
  const library = await openLibrary(realFs, root, silentLogger)
  const services = await createLibraryServices(library, { fs: realFs, logger: silentLogger, clock: systemClock, jobs: new JobRegistry(systemClock), sync: { autoStart: options.autoStart } })
  await services.integrity.startupReport
  return {
    ...services,
    root,
    dispose: async () => {
      await services.stop()
      await library.close()
      await rm(root, { recursive: true, force: true })
    },
  }
}
