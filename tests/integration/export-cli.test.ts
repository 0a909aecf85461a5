import { spawnSync } from 'node:child_process'
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { useTempDirs } from '../support/temp-dir'

const tempDir = useTempDirs()
const ROOT = resolve(__dirname, '..', '..')

function trove(library: string, config: string, args: string[]) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'src-main', 'cli.ts'), '--library', library, ...args], {
    cwd: ROOT, env: { ...process.env, TROVE_CONFIG_DIR: config }, encoding: 'utf8', timeout: 60_000,
  })
  return { code: result.status, stdout: result.stdout, stderr: result.stderr }
}

describe('trove export', () => {
  it('exports a collection with its subcollections, a tag, and files by hash prefix; --json reports what was written', async () => {
    const dir = await tempDir()
    const library = join(dir, 'library')
    const config = join(dir, 'config')
    const trips = join(dir, 'Trips')
    await mkdir(join(trips, 'Rome'), { recursive: true })
    await writeFile(join(trips, 'plan.txt'), 'the plan')
    await writeFile(join(trips, 'Rome', 'plan.txt'), 'the Rome plan')
    const imported = trove(library, config, ['import', trips, '--json'])
    expect(imported.code, imported.stderr).toBe(0)
    const files = JSON.parse(imported.stdout).files as { path: string; sha256: string }[]
    const rome = files.find((f) => f.path.endsWith(join('Rome', 'plan.txt')))!
    expect(trove(library, config, ['tag', rome.sha256.slice(0, 8), 'Italy', '--json']).code).toBe(0)

    const out = join(dir, 'out')
    const byCollection = trove(library, config, ['export', out, '--collection', 'Trips', '--json'])
    expect(byCollection.code, byCollection.stderr).toBe(0)
    expect(JSON.parse(byCollection.stdout)).toMatchObject({ folder: out, state: 'completed', complete: true, exported: 2, skipped: [] })
    expect((await readdir(out)).sort()).toEqual(['Rome', 'plan.txt', 'trove-export.json'])
    expect(await readFile(join(out, 'Rome', 'plan.txt'), 'utf8')).toBe('the Rome plan')

    // The same destination again: a fresh folder inside it, named after the tag.
    const byTag = JSON.parse(trove(library, config, ['export', out, '--tag', 'italy', '--json']).stdout)
    expect(byTag).toMatchObject({ folder: join(out, 'Italy'), exported: 1 })
    const sidecar = JSON.parse(await readFile(join(out, 'Italy', 'trove-export.json'), 'utf8'))
    expect(sidecar.files).toEqual([expect.objectContaining({ path: 'plan.txt', sha256: rome.sha256, tags: ['Italy'], collections: ['Trips/Rome'] })])

    const bySha = JSON.parse(trove(library, config, ['export', join(dir, 'picked'), '--sha', rome.sha256.slice(0, 10), '--json']).stdout)
    expect(bySha).toMatchObject({ exported: 1, complete: true })

    const none = trove(library, config, ['export', join(dir, 'x'), '--json'])
    expect(none.code).toBe(1)
    expect(JSON.parse(none.stdout).error.code).toBe('INVALID_INPUT')
    const unknown = trove(library, config, ['export', join(dir, 'x'), '--tag', 'nope', '--json'])
    expect(JSON.parse(unknown.stdout).error.code).toBe('NOT_FOUND')
  }, 120_000)
})
