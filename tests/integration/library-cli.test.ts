import { spawn } from 'node:child_process'
import { access, mkdir, writeFile } from 'node:fs/promises'
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

async function setUp() {
  const dir = await tempDir()
  const src = join(dir, 'src')
  await mkdir(join(src, 'Trips', '2024'), { recursive: true })
  await writeFile(join(src, 'Trips', '2024', 'rome.txt'), 'We saw the Colosseum at dawn.')
  await writeFile(join(src, 'Trips', 'packing.md'), '- sunscreen\n- umbrella\n')
  await writeFile(join(src, 'budget.csv'), 'month,amount\njanuary,1200\n')
  const library = join(dir, 'lib')
  const config = join(dir, 'config')
  const run = async (...args: string[]) => trove(['--library', library, ...args], config)
  const json = async (...args: string[]) => {
    const r = await run(...args, '--json')
    expect(r.code, `${args.join(' ')}: ${r.stderr}`).toBe(0)
    return JSON.parse(r.stdout)
  }
  const imported = await run('import', join(src, 'Trips'), join(src, 'budget.csv'))
  expect(imported.code, imported.stderr).toBe(0)
  return { library, run, json }
}

// Each command is a fresh Node process (about a second each): these flows get more time.
describe('trove CLI: browse and organise', { timeout: 180_000 }, () => {
  it('lists, filters by collection path, searches, shows, tags and untags, with --json', async () => {
    const { run, json } = await setUp()
    const first = await json('list', '--sort', 'name', '--limit', '2')
    const second = await json('list', '--sort', 'name', '--limit', '2', '--after', first.nextCursor)
    expect([...first.items, ...second.items].map((f: { name: string }) => f.name)).toEqual(['budget.csv', 'packing.md', 'rome.txt'])
    expect(second.nextCursor).toBeNull()

    expect((await json('list', '--collection', 'trips/2024', '--subcollections')).items.map((f: { name: string }) => f.name)).toEqual(['rome.txt'])

    const found = await json('search', 'colosseum')
    expect(found.hits).toHaveLength(1)
    expect(found.hits[0]).toMatchObject({ file: { name: 'rome.txt' }, matchedIn: ['text'] })
    const sha: string = found.hits[0].file.sha256

    const tagged = await json('tag', sha.slice(0, 10), 'Italy', 'Summer 2024')
    expect(tagged).toMatchObject({ added: 2, file: { sha256: sha, tags: [{ name: 'Italy' }, { name: 'Summer 2024' }] } })
    expect((await json('list', '--tag', 'italy')).items.map((f: { name: string }) => f.name)).toEqual(['rome.txt'])

    const shown = await json('show', sha.slice(0, 6))
    expect(shown).toMatchObject({ sha256: sha, name: 'rome.txt', collections: [{ path: ['Trips', '2024'] }], sources: [{ kind: 'import', originalName: 'rome.txt' }] })

    expect(await json('untag', sha, 'ITALY')).toMatchObject({ removed: 1, file: { tags: [{ name: 'Summer 2024' }] } })
    const human = await run('show', sha)
    expect(human.code).toBe(0)
    expect(human.stdout).toContain('tags      Summer 2024')
  })

  it('trashes and restores, reports history and stats, and exits 1 with a JSON error on failure', async () => {
    const { library, run, json } = await setUp()
    const [budget] = (await json('search', 'budget')).hits
    const sha: string = budget.file.sha256
    expect(await json('trash', sha)).toMatchObject({ trashed: 1, file: { trashedAt: expect.any(Number) } })
    expect((await json('list')).items.map((f: { name: string }) => f.name)).not.toContain('budget.csv')
    expect((await json('list', '--trashed')).items.map((f: { name: string }) => f.name)).toEqual(['budget.csv'])
    expect(await json('restore', sha)).toMatchObject({ restored: 1, file: { trashedAt: null } })

    const stats = await json('stats')
    expect(stats).toMatchObject({ live: { count: 3 }, trashed: { count: 0 }, collections: 2, tags: 0, imports30d: { stored: 3, duplicate: 0 } })
    expect(stats.byKind.text.count).toBe(3)

    const history = await json('history', '--name', 'ROME', '--since', '2000-01-01', '--outcome', 'stored')
    expect(history.items.map((r: { originalName: string; outcome: string }) => [r.originalName, r.outcome])).toEqual([['rome.txt', 'stored']])

    const missing = await run('show', 'ffffffffff', '--json')
    expect(missing.code).toBe(1)
    expect(JSON.parse(missing.stdout).error.code).toBe('NOT_FOUND')
    const badTag = await run('list', '--tag', 'nope', '--json')
    expect(badTag.code).toBe(1)
    expect(JSON.parse(badTag.stdout)).toEqual({ error: { code: 'NOT_FOUND', message: expect.stringMatching(/no tag named "nope"/) } })
    const badDate = await run('history', '--since', 'yesterday-ish')
    expect(badDate.code).toBe(1)
    expect(badDate.stderr).toContain('[INVALID_INPUT]')

    await json('trash', sha)
    expect(await json('empty-trash')).toMatchObject({ purged: 1, objectsRemoved: 1, objectErrors: 0 })
    const object = join(library, 'objects', sha.slice(0, 2), `${sha}.csv`)
    expect(await access(object).then(() => true, () => false)).toBe(false)
  })
})
