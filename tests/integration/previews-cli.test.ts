import { spawnSync } from 'node:child_process'
import { mkdir, writeFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { geotaggedJpeg } from '../support/media-fixtures'
import { useTempDirs } from '../support/temp-dir'

const tempDir = useTempDirs()
const ROOT = resolve(__dirname, '..', '..')
const CLI = ['--import', 'tsx', join(ROOT, 'src-main', 'cli.ts')]

function trove(args: string[], configDir: string) {
  const result = spawnSync(process.execPath, [...CLI, ...args], { cwd: ROOT, env: { ...process.env, TROVE_CONFIG_DIR: configDir }, encoding: 'utf8', timeout: 60_000 })
  return { code: result.status, stdout: result.stdout, stderr: result.stderr }
}

describe('trove preview status / run / retry', () => {
  it('makes what is pending with progress on stderr, lists the failure with its reason, and retries by hash prefix', { timeout: 120_000 }, async () => {
    const dir = await tempDir()
    const photos = join(dir, 'in')
    await mkdir(photos)
    await writeFile(join(photos, 'photo.jpg'), await geotaggedJpeg())
    await writeFile(join(photos, 'empty.jpg'), Buffer.alloc(0))
    const lib = ['--library', join(dir, 'lib')]
    const config = join(dir, 'config')
    expect(trove([...lib, 'import', photos, '--flat'], config).code).toBe(0)

    const ran = trove([...lib, 'preview', 'run', '--json'], config)
    expect(ran.code).toBe(1) // one preview failed
    expect(ran.stderr).toMatch(/^previews: \d+(\/\d+)?/m)
    const run = JSON.parse(ran.stdout)
    expect(run.status.counts).toEqual({ pending: 0, done: 1, failed: 1, none: 0 })
    expect(run.status.failures).toEqual([expect.objectContaining({ name: 'empty.jpg', reason: 'The file is empty.' })])

    const status = trove([...lib, 'preview', 'status'], config)
    expect(status.code).toBe(0)
    expect(status.stdout).toMatch(/^1 done, 0 pending, 1 failed, 0 without a preview\n {2}✗ empty\.jpg \([0-9a-f]{12}\): The file is empty\.\n$/)

    const sha: string = run.status.failures[0].sha256
    const retried = trove([...lib, 'preview', 'retry', sha.slice(0, 8), '--json'], config)
    expect(retried.code).toBe(1)
    expect(JSON.parse(retried.stdout)).toMatchObject({ name: 'empty.jpg', sha256: sha, state: 'failed', reason: 'The file is empty.' })
    expect(trove([...lib, 'preview', 'retry', 'xyz'], config)).toMatchObject({ code: 1, stderr: expect.stringContaining('[INVALID_INPUT]') })
  })
})
