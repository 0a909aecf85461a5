import { spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import BetterSqlite3 from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { png } from '../support/images'
import { useTempDirs } from '../support/temp-dir'

const tempDir = useTempDirs()
const ROOT = resolve(__dirname, '..', '..')

/** Runs the CLI in a child process with `stdin` piped in; stdout kept as bytes. */
function trove(args: string[], configDir: string, stdin = ''): Promise<{ code: number | null; stdout: Buffer; stderr: string }> {
  return new Promise((done, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'src-main', 'cli.ts'), ...args], {
      cwd: ROOT, env: { ...process.env, TROVE_CONFIG_DIR: configDir },
    })
    const out: Buffer[] = []
    let stderr = ''
    child.stdout.on('data', (d: Buffer) => out.push(d))
    child.stderr.on('data', (d) => (stderr += d))
    child.on('error', reject)
    child.on('close', (code) => done({ code, stdout: Buffer.concat(out), stderr }))
    child.stdin.end(stdin)
  })
}

const PASS = 'a long diary passphrase'

describe('trove CLI: diary', { timeout: 240_000 }, () => {
  it('init, add with media, list, show, media to stdout, passwd, recover, and verify naming a damaged file', async () => {
    const dir = await tempDir()
    const library = join(dir, 'lib')
    const config = join(dir, 'config')
    const run = (stdin: string, ...args: string[]) => trove(['--library', library, 'diary', ...args], config, stdin)
    const json = async (stdin: string, ...args: string[]) => {
      const r = await run(stdin, ...args, '--json')
      expect(r.code, `${args.join(' ')}: ${r.stderr}`).toBe(0)
      return JSON.parse(r.stdout.toString())
    }

    expect((await run('', 'list')).stderr).toMatch(/--passphrase-stdin/)
    const init = await json(`${PASS}\n`, 'init', '--passphrase-stdin')
    expect(init).toMatchObject({ recoveryCode: expect.any(String), status: { setUp: true, unlocked: true } })
    expect((await run(`${PASS}\n`, 'init', '--passphrase-stdin')).code).toBe(1)
    expect((await run(`${PASS}\n`, 'unlock-check', '--passphrase-stdin')).code).toBe(0)
    const wrong = await run('not it\n', 'unlock-check', '--passphrase-stdin')
    expect([wrong.code, wrong.stderr]).toEqual([1, expect.stringContaining('[BAD_PASSPHRASE]')])

    await mkdir(join(dir, 'src'), { recursive: true })
    const photo = await png(640, 480, 9)
    const clip = Buffer.concat([Buffer.from('000000186674797069736f6d0000020069736f6d69736f32', 'hex'), randomBytes(300_000)])
    await writeFile(join(dir, 'src', 'beach.png'), photo)
    await writeFile(join(dir, 'src', 'waves.mp4'), clip)
    await writeFile(join(dir, 'src', 'day.md'), '# A good day\n\nSand everywhere.')
    const added = await json(`${PASS}\n`, 'add', '--date', '2025-06-21', '--title', 'Beach', '--text-file', join(dir, 'src', 'day.md'), '--tag', 'summer', '--media', join(dir, 'src', 'beach.png'), '--media', join(dir, 'src', 'waves.mp4'), '--passphrase-stdin')
    expect(added).toMatchObject({ date: '2025-06-21', title: 'Beach', tags: ['summer'], body: '# A good day\n\nSand everywhere.' })
    expect(added.media.map((m: { name: string; kind: string }) => `${m.kind} ${m.name}`)).toEqual(['photo beach.png', 'video waves.mp4'])

    const listed = await json(`${PASS}\n`, 'list', '--passphrase-stdin')
    expect(listed.entries).toEqual([expect.objectContaining({ id: added.id, title: 'Beach', mediaCount: 2 })])
    expect((await run(`${PASS}\n`, 'show', added.id, '--passphrase-stdin')).stdout.toString()).toContain('Sand everywhere.')

    const [photoItem, clipItem] = added.media as Array<{ id: string }>
    const decrypted = await run(`${PASS}\n`, 'media', clipItem!.id, '--passphrase-stdin')
    expect(decrypted.code, decrypted.stderr).toBe(0)
    expect(decrypted.stdout.equals(clip)).toBe(true)
    const toFile = await json(`${PASS}\n`, 'media', photoItem!.id, '--out', join(dir, 'out.png'), '--passphrase-stdin')
    expect(toFile).toMatchObject({ name: 'beach.png', bytes: photo.length })
    expect((await readFile(join(dir, 'out.png'))).equals(photo)).toBe(true)

    await json(`${PASS}\nsecond passphrase\n`, 'passwd', '--passphrase-stdin')
    expect((await run(`${PASS}\n`, 'unlock-check', '--passphrase-stdin')).code).toBe(1)
    await json(`${init.recoveryCode}\nthird passphrase\n`, 'recover', '--passphrase-stdin')
    expect((await run('second passphrase\n', 'unlock-check', '--passphrase-stdin')).code).toBe(1)
    expect((await json('third passphrase\n', 'verify', '--passphrase-stdin')).problems).toEqual([])

    // One flipped byte in the video's encrypted file: verify names it, media exits non-zero.
    const db = new BetterSqlite3(join(library, 'trove.db'), { readonly: true })
    const objectName = db.prepare('select object_name from diary_media where id = ?').pluck().get(clipItem!.id) as string
    db.close()
    const path = join(library, 'vault', 'objects', objectName)
    const sealed = await readFile(path)
    sealed[200_000]! ^= 0x40
    await writeFile(path, sealed)
    const verify = await run('third passphrase\n', 'verify', '--passphrase-stdin', '--json')
    expect(verify.code).toBe(1)
    const report = JSON.parse(verify.stdout.toString())
    expect(report.problems).toEqual([expect.objectContaining({ kind: 'media', id: clipItem!.id, message: expect.stringContaining('waves.mp4') })])
    const broken = await run('third passphrase\n', 'media', clipItem!.id, '--passphrase-stdin')
    expect(broken.code).toBe(1)
    expect(broken.stderr).toMatch(/waves\.mp4.*\[CORRUPT\]/)
    expect(broken.stdout.length).toBeLessThan(clip.length)
  })
})
