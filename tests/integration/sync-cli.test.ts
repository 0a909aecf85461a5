import { spawn, spawnSync } from 'node:child_process'
import { mkdir, writeFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { eventually } from '../support/sync'
import { useTempDirs } from '../support/temp-dir'

const tempDir = useTempDirs()
const ROOT = resolve(__dirname, '..', '..')
const CLI = ['--import', 'tsx', join(ROOT, 'src-main', 'cli.ts')]

function trove(args: string[], configDir: string) {
  const result = spawnSync(process.execPath, [...CLI, ...args], { cwd: ROOT, env: { ...process.env, TROVE_CONFIG_DIR: configDir }, encoding: 'utf8', timeout: 60_000 })
  return { code: result.status, stdout: result.stdout, stderr: result.stderr }
}

describe('trove watch / scan / sync history', () => {
  it('adds a folder and scans it, lists it, rescans, shows the history and removes it', { timeout: 120_000 }, async () => {
    const dir = await tempDir()
    const photos = join(dir, 'Photos')
    await mkdir(join(photos, 'raw'), { recursive: true })
    await writeFile(join(photos, 'a.txt'), 'alpha')
    await writeFile(join(photos, 'raw', 'b.cr2'), 'raw bytes')
    const lib = ['--library', join(dir, 'lib')]
    const config = join(dir, 'config')

    const added = trove([...lib, 'watch', 'add', photos, '--ignore', '*.cr2', '--json'], config)
    expect(added.code).toBe(0)
    const { folder, operation } = JSON.parse(added.stdout)
    expect(folder).toMatchObject({ path: photos, mode: 'index', ignore: ['*.cr2'], status: 'idle', counts: { files: 1, entries: 1 } })
    expect(operation).toMatchObject({ type: 'manual', status: 'completed', filesAdded: 1 })

    await writeFile(join(photos, 'c.txt'), 'gamma')
    const scanned = trove([...lib, 'scan', String(folder.id)], config)
    expect(scanned).toMatchObject({ code: 0, stdout: expect.stringMatching(/#2 manual .*Photos: completed in [\d.]+ s: 2 looked at, 1 added, 0 updated, 0 removed, 1 read/) })
    expect(trove([...lib, 'watch', 'list'], config).stdout).toMatch(/#1 .*Photos \(index\): idle\n\s+2 files, 2 entries/)
    const history = JSON.parse(trove([...lib, 'sync', 'history', '--limit', '1', '--json'], config).stdout)
    expect(history.operations).toEqual([expect.objectContaining({ id: 2, filesAdded: 1 })])
    expect(trove([...lib, 'watch', 'remove', String(folder.id)], config)).toMatchObject({ code: 0, stdout: 'removed: 2 sources retired, 2 entries moved to the trash\n' })
    expect(trove([...lib, 'watch', 'remove', 'x'], config)).toMatchObject({ code: 1, stderr: expect.stringContaining('[INVALID_INPUT]') })
  })

  it('watch run prints a JSON line per change and closes the library cleanly on SIGINT', { timeout: 120_000 }, async () => {
    const dir = await tempDir()
    const photos = join(dir, 'Photos')
    await mkdir(photos)
    const lib = ['--library', join(dir, 'lib')]
    const config = join(dir, 'config')
    expect(trove([...lib, 'watch', 'add', photos], config).code).toBe(0)

    const child = spawn(process.execPath, [...CLI, ...lib, 'watch', 'run'], { cwd: ROOT, env: { ...process.env, TROVE_CONFIG_DIR: config } })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()))
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
    const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)))
    try {
      await eventually(() => /: watching/.test(stderr), 30_000, 'the watcher')
      await writeFile(join(photos, 'live.txt'), 'live')
      const line = await eventually(() => stdout.split('\n').find((l) => l.includes('live.txt')), 15_000, 'the change line')
      expect(JSON.parse(line)).toMatchObject({ type: 'added', path: 'live.txt', folderId: 1, newEntry: true })
    } finally {
      child.kill('SIGINT')
    }
    expect(await exited).toBe(0)
    expect(JSON.parse(stdout.trim().split('\n').pop()!)).toEqual({ stopped: 'SIGINT', changes: 1 })
    // Closed cleanly: the next command opens the library and sees every operation finished.
    const history = JSON.parse(trove([...lib, 'sync', 'history', '--json'], config).stdout)
    expect(history.operations.map((o: { status: string }) => o.status)).not.toContain('running')
    // Taken by the watcher, or by the start-up scan when the file came before it finished.
    expect(history.operations.reduce((n: number, o: { filesAdded: number }) => n + o.filesAdded, 0)).toBe(1)
  })
})
