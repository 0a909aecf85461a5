import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { systemClock } from '../../src-main/core/common/clock'
import { realFs } from '../../src-main/core/common/fs-seam'
import { silentLogger } from '../../src-main/core/common/logger'
import { JobRegistry } from '../../src-main/core/jobs/job-registry'
import { LibraryManager } from '../../src-main/core/library/library-manager'
import { AppSettingsStore } from '../../src-main/core/settings/app-settings'
import { useTempDirs } from '../support/temp-dir'

const tempDir = useTempDirs()

async function manager() {
  const dir = await tempDir()
  const settings = new AppSettingsStore(realFs, join(dir, 'config'), silentLogger)
  const libraries = new LibraryManager({ fs: realFs, logger: silentLogger, settings, clock: systemClock, jobs: new JobRegistry(systemClock) })
  return { dir, settings, libraries }
}

describe('library manager', () => {
  it('keeps the open library when switching to a folder that cannot be used', async () => {
    const { dir, libraries } = await manager()
    await libraries.open(join(dir, 'Good'), { remember: false })
    const file = join(dir, 'not-a-folder')
    await writeFile(file, 'x')
    await expect(libraries.open(file, { remember: true })).rejects.toMatchObject({ code: 'NOT_A_FOLDER' })
    expect(libraries.current?.layout.root).toBe(join(dir, 'Good'))
    expect(libraries.error).toBeNull()
    await libraries.close()
  })

  it('keeps the reason when no library could be opened at all', async () => {
    const { dir, libraries, settings } = await manager()
    const file = join(dir, 'not-a-folder')
    await writeFile(file, 'x')
    await expect(libraries.open(file, { remember: true })).rejects.toThrow()
    expect(libraries.current).toBeNull()
    expect(libraries.error?.code).toBe('NOT_A_FOLDER')
    expect((await settings.read()).libraryPath).toBeUndefined()
  })

  it('switches libraries, remembers the choice and notifies once per change', async () => {
    const { dir, libraries, settings } = await manager()
    let changes = 0
    libraries.onChange(() => changes++)
    await libraries.open(join(dir, 'A'), { remember: true })
    await libraries.open(join(dir, 'B'), { remember: true })
    expect(libraries.current?.layout.root).toBe(join(dir, 'B'))
    expect((await settings.read()).libraryPath).toBe(join(dir, 'B'))
    expect(changes).toBe(2)
    await libraries.close()
  })
})
