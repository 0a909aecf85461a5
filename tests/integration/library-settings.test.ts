import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { composeApp, type TroveApp } from '../../src-main/compose'
import { silentLogger } from '../../src-main/core/common/logger'
import { useTempDirs } from '../support/temp-dir'

const tempDir = useTempDirs()
let app: TroveApp | null = null
afterEach(async () => {
  await app?.shutdown()
  app = null
})

describe('library settings through the contract', () => {
  it('lower the size limit for the next import at once, persist across openings, and refuse bad values', async () => {
    const dir = await tempDir()
    const host = { appName: 'Trove', appVersion: 't', transport: 'loopback' as const, versions: { node: '22', sqlite: '?' }, defaultLibraryPath: join(dir, 'lib') }
    app = composeApp({ configDir: join(dir, 'config'), logger: silentLogger, host, watchFolders: false })
    await app.libraries.open(join(dir, 'lib'), { remember: false })
    const call = (method: string, input: unknown) => app!.api.dispatch(method, input, { transport: 'cli' })

    expect(await call('library:get-settings', {})).toEqual({ ok: true, value: { maxFileBytes: 64 * 1024 ** 3, trashRetentionDays: 30, ocrEnabled: true } })
    expect(await call('library:set-settings', { maxFileBytes: 1000 })).toMatchObject({ ok: true, value: { maxFileBytes: 1000, trashRetentionDays: 30 } })
    expect(await call('library:set-settings', { trashRetentionDays: 0 })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })

    await mkdir(join(dir, 'src'))
    await writeFile(join(dir, 'src', 'big.bin'), Buffer.alloc(5000, 1))
    const summary = await app.libraries.require().imports.start([join(dir, 'src', 'big.bin')]).done
    expect(summary.files[0]).toMatchObject({ outcome: 'rejected', reasonCode: 'TOO_LARGE' })

    await app.libraries.open(join(dir, 'lib'), { remember: false })
    expect(await call('library:get-settings', {})).toMatchObject({ ok: true, value: { maxFileBytes: 1000 } })
  })
})
