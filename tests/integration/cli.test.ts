import { spawnSync } from 'node:child_process'
import { writeFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { LATEST_SCHEMA_VERSION } from '../../src-main/core/db/migrator'
import { useTempDirs } from '../support/temp-dir'

const tempDir = useTempDirs()
const ROOT = resolve(__dirname, '..', '..')

function trove(args: string[], configDir: string) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'src-main', 'cli.ts'), ...args], {
    cwd: ROOT,
    env: { ...process.env, TROVE_CONFIG_DIR: configDir },
    encoding: 'utf8',
    timeout: 30_000,
  })
  return { code: result.status, stdout: result.stdout, stderr: result.stderr }
}

describe('trove CLI', () => {
  it('info --json prints what app:info returns for a new library folder', async () => {
    const dir = await tempDir()
    const library = join(dir, 'My Library')
    const { code, stdout } = trove(['--library', library, 'info', '--json'], join(dir, 'config'))
    expect(code).toBe(0)
    const info = JSON.parse(stdout)
    expect(info).toMatchObject({ appName: 'Trove', transport: 'cli', library: { path: library, schemaVersion: LATEST_SCHEMA_VERSION }, libraryError: null })
    expect(info.library.counts).toMatchObject({ library_meta: 2 })
  })

  it('exits 1 with a JSON error when the library cannot be opened', async () => {
    const dir = await tempDir()
    const file = join(dir, 'a-file')
    await writeFile(file, 'x')
    const { code, stdout, stderr } = trove(['--library', file, 'info', '--json'], join(dir, 'config'))
    expect(code).toBe(1)
    expect(JSON.parse(stdout)).toEqual({ error: { code: 'NOT_A_FOLDER', message: `${file} is a file, not a folder. Choose a folder for the library.`, details: { path: file } } })
    expect(stderr).toContain('[NOT_A_FOLDER]')
  })

  it('exits 2 with usage for an unknown command or a missing one', async () => {
    const dir = await tempDir()
    expect(trove(['frobnicate'], dir)).toMatchObject({ code: 2, stderr: expect.stringContaining('Unknown command: frobnicate') })
    expect(trove([], dir)).toMatchObject({ code: 2, stderr: expect.stringContaining('Usage: trove') })
    expect(trove(['--help'], dir)).toMatchObject({ code: 0, stdout: expect.stringContaining('Commands:') })
  })
})
