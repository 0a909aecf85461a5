import { spawn } from 'node:child_process'
import { readdir, readFile, writeFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { png } from '../support/images'
import { useTempDirs } from '../support/temp-dir'

const tempDir = useTempDirs()
const ROOT = resolve(__dirname, '..', '..')
const PASS = 'a long diary passphrase'

function trove(args: string[], configDir: string, stdin = ''): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((done, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'src-main', 'cli.ts'), ...args], { cwd: ROOT, env: { ...process.env, TROVE_CONFIG_DIR: configDir } })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d) => (stdout += d))
    child.stderr.on('data', (d) => (stderr += d))
    child.on('error', reject)
    child.on('close', (code) => done({ code, stdout, stderr }))
    child.stdin.end(stdin)
  })
}

describe('trove CLI: export --diary', { timeout: 120_000 }, () => {
  it('needs the passphrase on stdin, refuses a wrong one writing nothing, then writes Markdown and the photo', async () => {
    const dir = await tempDir()
    const library = join(dir, 'lib')
    const config = join(dir, 'config')
    const run = (stdin: string, ...args: string[]) => trove(['--library', library, ...args], config, stdin)
    expect((await run(`${PASS}\n`, 'diary', 'init', '--passphrase-stdin')).code).toBe(0)
    const photo = await png(320, 200)
    await writeFile(join(dir, 'pier.png'), photo)
    await writeFile(join(dir, 'body.md'), 'Windy on the pier.\n')
    const added = await run(`${PASS}\n`, 'diary', 'add', '--date', '2025-04-02', '--title', 'Pier', '--text-file', join(dir, 'body.md'), '--mood', 'good', '--media', join(dir, 'pier.png'), '--passphrase-stdin', '--json')
    expect(added.code, added.stderr).toBe(0)

    const out = join(dir, 'out')
    const bare = await run('', 'export', out, '--diary', '--json')
    expect([bare.code, JSON.parse(bare.stdout).error.code]).toEqual([1, 'INVALID_INPUT'])
    const wrong = await run('not the passphrase\n', 'export', out, '--diary', '--passphrase-stdin')
    expect([wrong.code, wrong.stderr]).toEqual([1, expect.stringContaining('[BAD_PASSPHRASE]')])
    await expect(readdir(out)).rejects.toMatchObject({ code: 'ENOENT' })

    const done = await run(`${PASS}\n`, 'export', out, '--diary', '--passphrase-stdin', '--json')
    expect(done.code, done.stderr).toBe(0)
    expect(JSON.parse(done.stdout)).toMatchObject({ folder: out, state: 'completed', complete: true, exported: 2, skipped: [] })
    const markdown = await readFile(join(out, 'Diary', '2025-04-02 Pier.md'), 'utf8')
    expect(markdown).toContain('mood: "good"')
    expect(markdown).toContain('# Pier\n\nWindy on the pier.\n')
    expect(markdown).toContain('![pier.png](2025-04-02%20Pier/pier.png)')
    expect((await readFile(join(out, 'Diary', '2025-04-02 Pier', 'pier.png'))).equals(photo)).toBe(true)
  })
})
