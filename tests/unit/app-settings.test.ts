import { readdir, readFile, writeFile, mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { realFs } from '../../src-main/core/common/fs-seam'
import { silentLogger } from '../../src-main/core/common/logger'
import { AppSettingsStore } from '../../src-main/core/settings/app-settings'
import { defaultConfigDir, defaultLibraryPath } from '../../src-main/core/settings/config-dir'
import { faultyFs } from '../support/faulty-fs'
import { useTempDirs } from '../support/temp-dir'

const tempDir = useTempDirs()

describe('app settings', () => {
  it('remember the chosen library across instances, in a JSON file with no temp file left', async () => {
    const dir = join(await tempDir(), 'config')
    await new AppSettingsStore(realFs, dir, silentLogger).update({ libraryPath: '/data/Trove' })
    expect(await new AppSettingsStore(realFs, dir, silentLogger).read()).toEqual({ libraryPath: '/data/Trove' })
    expect(await readdir(dir)).toEqual(['settings.json'])
  })

  it('fall back to defaults when the file is damaged, without crashing', async () => {
    const dir = await tempDir()
    await writeFile(join(dir, 'settings.json'), '{"libraryPath": ')
    expect(await new AppSettingsStore(realFs, dir, silentLogger).read()).toEqual({})
  })

  it('keep the old file intact when the new one cannot be renamed into place', async () => {
    const dir = await tempDir()
    await mkdir(dir, { recursive: true })
    await new AppSettingsStore(realFs, dir, silentLogger).update({ libraryPath: '/old' })
    const fs = faultyFs([{ op: 'rename', errno: 'EIO' }])
    await expect(new AppSettingsStore(fs, dir, silentLogger).update({ libraryPath: '/new' })).rejects.toMatchObject({ code: 'EIO' })
    expect(JSON.parse(await readFile(join(dir, 'settings.json'), 'utf8'))).toEqual({ libraryPath: '/old' })
    expect(await readdir(dir)).toEqual(['settings.json'])
  })

  it('put the config folder where Electron puts userData for "Trove", with an override', () => {
    expect(defaultConfigDir({ TROVE_CONFIG_DIR: '/x' }, 'linux')).toBe('/x')
    expect(defaultConfigDir({ XDG_CONFIG_HOME: '/home/u/.config' }, 'linux')).toBe('/home/u/.config/Trove')
    expect(defaultConfigDir({ APPDATA: 'C:\\Users\\u\\AppData\\Roaming' }, 'win32')).toMatch(/Roaming[\\/]Trove$/)
    expect(defaultConfigDir({}, 'darwin')).toMatch(/Library\/Application Support\/Trove$/)
    expect(defaultLibraryPath({ TROVE_LIBRARY: '/media/disk/Trove' })).toBe('/media/disk/Trove')
    expect(defaultLibraryPath({})).toMatch(/Trove$/)
  })
})
