import { spawn } from 'node:child_process'
import { chmod, mkdir, readdir, readFile, writeFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { useTempDirs } from '../support/temp-dir'

const tempDir = useTempDirs()
const ROOT = resolve(__dirname, '..', '..')

/** Runs the CLI as a person would, in a child process. */
function trove(args: string[], configDir: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((done, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'src-main', 'cli.ts'), ...args], {
      cwd: ROOT, env: { ...process.env, TROVE_CONFIG_DIR: configDir },
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d) => (stdout += d))
    child.stderr.on('data', (d) => (stderr += d))
    child.on('error', reject)
    child.on('close', (code) => done({ code, stdout, stderr }))
  })
}

describe('trove CLI: backup, verify, restore, move', { timeout: 180_000 }, () => {
  it('backs up, verifies, catches damage, restores into a new folder only, and moves', async () => {
    const dir = await tempDir()
    const src = join(dir, 'src')
    await mkdir(join(src, 'Trips'), { recursive: true })
    await writeFile(join(src, 'Trips', 'rome.txt'), 'We saw the Colosseum at dawn.')
    await writeFile(join(src, 'budget.csv'), 'month,amount\njanuary,1200\n')
    const library = join(dir, 'lib')
    const config = join(dir, 'config')
    const backup = join(dir, 'backup')
    const run = (...args: string[]) => trove(['--library', library, ...args, '--json'], config)
    expect((await run('import', src)).code).toBe(0)

    const first = await run('backup', backup)
    expect(first.code, first.stderr).toBe(0)
    expect(JSON.parse(first.stdout)).toMatchObject({ objectsCopied: 2, manifest: { complete: true, counts: { files: 2 } } })
    const second = JSON.parse((await run('backup', backup)).stdout)
    expect(second).toMatchObject({ incremental: true, objectsCopied: 0, objectsSkipped: 2 })
    const verified = await run('backup', 'verify', backup)
    expect(verified.code).toBe(0)
    expect(JSON.parse(verified.stdout)).toMatchObject({ ok: true, objectsChecked: 2 })

    // Restoring needs no open library, refuses an occupied folder, and reports what it checked.
    const restored = join(dir, 'restored')
    const restore = await trove(['restore', backup, restored, '--json'], config)
    expect(restore.code, restore.stderr).toBe(0)
    expect(JSON.parse(restore.stdout)).toMatchObject({ ok: true, files: 2, objectsVerified: 2, problems: [] })
    const again = await trove(['restore', backup, restored, '--json'], config)
    expect(again.code).toBe(1)
    expect(JSON.parse(again.stdout).error.code).toBe('FOLDER_NOT_EMPTY')
    const listed = JSON.parse((await trove(['--library', restored, 'list', '--json'], config)).stdout)
    expect(listed.items.map((f: { name: string }) => f.name).sort()).toEqual(['budget.csv', 'rome.txt'])

    // One flipped byte in the backup: verify says so and exits 1.
    const shard = (await readdir(join(backup, 'objects')))[0]!
    const name = (await readdir(join(backup, 'objects', shard)))[0]!
    const victim = join(backup, 'objects', shard, name)
    const bytes = await readFile(victim)
    bytes[0] = (bytes[0] ?? 0) ^ 0xff
    await chmod(victim, 0o644)
    await writeFile(victim, bytes)
    const damaged = await run('backup', 'verify', backup)
    expect(damaged.code).toBe(1)
    expect(JSON.parse(damaged.stdout)).toMatchObject({ ok: false, problems: [{ kind: 'corrupt' }] })

    // An interrupted backup cannot be restored from.
    await writeFile(join(backup, 'trove-backup.partial.json'), JSON.stringify({ startedAt: 'x', appVersion: '0', libraryPath: library, runs: 1 }))
    const incomplete = await trove(['restore', backup, join(dir, 'r2'), '--json'], config)
    expect(incomplete.code).toBe(1)
    expect(JSON.parse(incomplete.stdout).error.code).toBe('BACKUP_INCOMPLETE')

    const moved = join(dir, 'moved')
    const move = await run('move', moved)
    expect(move.code, move.stderr).toBe(0)
    expect(JSON.parse(move.stdout)).toMatchObject({ from: library, to: moved, objectsVerified: 2 })
    const info = JSON.parse((await trove(['info', '--json'], config)).stdout)
    expect(info.library.path).toBe(moved)
    const deleted = await trove(['move', 'delete-old', library, '--json'], config)
    expect(deleted.code, deleted.stderr).toBe(0)
    await expect(readdir(library)).rejects.toMatchObject({ code: 'ENOENT' })
  })
})
