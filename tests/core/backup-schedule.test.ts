import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { realFs } from '../../src-main/core/common/fs-seam'
import { silentLogger } from '../../src-main/core/common/logger'
import { BackupService } from '../../src-main/core/backup/backup.service'
import { JobRegistry } from '../../src-main/core/jobs/job-registry'
import { LibraryManager } from '../../src-main/core/library/library-manager'
import { AppSettingsStore } from '../../src-main/core/settings/app-settings'
import { useTempDirs } from '../support/temp-dir'

const tempDir = useTempDirs()
const HOUR = 3600_000

describe('scheduled backups', { timeout: 60_000 }, () => {
  it('runs when due, records the result in the library, waits a day (or an hour after a failure)', async () => {
    const base = await tempDir()
    let now = Date.parse('2026-01-10T09:00:00Z')
    const clock = { now: () => now }
    const jobs = new JobRegistry(clock)
    const libraries = new LibraryManager({ fs: realFs, logger: silentLogger, clock, jobs, settings: new AppSettingsStore(realFs, join(base, 'config'), silentLogger), sync: { autoStart: false } })
    await libraries.open(join(base, 'library'), { remember: false })
    await mkdir(join(base, 'drop'))
    await writeFile(join(base, 'drop', 'a.txt'), 'a file worth keeping')
    await libraries.require().imports.start([join(base, 'drop')]).done
    const backups = new BackupService({ fs: realFs, clock, logger: silentLogger, jobs, libraries, appVersion: 'test' })

    expect(await backups.runIfDue()).toBe(false)
    const dest = join(base, 'usb', 'Trove backup')
    expect(await backups.setSchedule({ destination: dest, interval: 'daily' })).toMatchObject({ nextDueAt: 0, last: null })
    expect(await backups.runIfDue()).toBe(true)
    const first = await backups.status()
    expect(first.last).toMatchObject({ outcome: 'completed', destination: dest, objectsCopied: 1, problems: 0 })
    expect(first.nextDueAt).toBe(now + 24 * HOUR)
    expect(jobs.list().find((j) => j.kind === 'backup')).toMatchObject({ state: 'completed' })

    now += 23 * HOUR
    expect(await backups.runIfDue()).toBe(false)
    now += 2 * HOUR
    expect(await backups.runIfDue()).toBe(true)

    // The drive is gone (here: a file stands where the folder should be): failed, tried again an hour later.
    await writeFile(join(base, 'not-a-folder'), 'x')
    await backups.setSchedule({ destination: join(base, 'not-a-folder'), interval: 'weekly' })
    expect(await backups.runIfDue()).toBe(true)
    const failed = await backups.status()
    expect(failed.last).toMatchObject({ outcome: 'failed', error: expect.stringContaining('not-a-folder') })
    expect(failed.nextDueAt).toBe(now + HOUR)
    expect(await backups.runIfDue()).toBe(false)

    // The verification of the last backup is kept beside it.
    await backups.setSchedule({ destination: dest })
    await backups.run()
    await backups.verify(dest)
    expect((await backups.status()).last).toMatchObject({ outcome: 'completed', verifyOk: true, verifyProblems: 0, verifiedAt: now })
    await libraries.close()
  })
})
