import { spawnSync } from 'node:child_process'
import { createHash, randomBytes } from 'node:crypto'
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { realFs } from '../../src-main/core/common/fs-seam'
import { silentLogger } from '../../src-main/core/common/logger'
import { openLibrary } from '../../src-main/core/library/open-library'
import { runStartupChecks, verifyLibrary } from '../../src-main/core/store/integrity'
import { ObjectStore } from '../../src-main/core/store/object-store'
import { systemClock } from '../../src-main/core/common/clock'
import { useTempDirs } from '../support/temp-dir'

const tempDir = useTempDirs()
const CHILD = resolve(__dirname, '..', 'support', 'crash-child.ts')
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex')

/** Runs the child that imports `source` and dies (SIGKILL) at `op` number `nth`. */
function importAndCrash(library: string, source: string, op: string, nth: number, match = '') {
  const r = spawnSync(process.execPath, ['--import', 'tsx', CHILD, library, source, op, String(nth), match], { encoding: 'utf8', timeout: 60_000 })
  return { signal: r.signal, stdout: r.stdout, stderr: r.stderr }
}

async function inspect(library: string) {
  const lib = await openLibrary(realFs, library, silentLogger)
  try {
    const deps = { db: lib.connection.db, fs: realFs, store: new ObjectStore(realFs, lib.layout), layout: lib.layout, clock: systemClock, logger: silentLogger }
    const startup = await runStartupChecks(deps)
    const verify = await verifyLibrary(deps)
    const rows = await lib.connection.db.selectFrom('files').select(['sha256', 'stored']).execute()
    return { startup, verify, rows, tmp: await readdir(lib.layout.tmp) }
  } finally {
    await lib.close()
  }
}

// Each step of the write order, as the seam sees it: the Nth matching call kills the process.
const STEPS: Array<[string, string, number, string]> = [
  ['while streaming into tmp/', 'write', 3, '.part'],
  ['before the temp file is fsynced', 'sync', 1, '.part'],
  ['before the rename into objects/', 'rename', 1, '.part'],
  ['after the rename, before the folder fsync and the rows', 'open', 1, 'objects/'],
]

describe('a crash at each step of the write order', () => {
  it.each(STEPS)('%s: nothing partial is visible, tmp/ is empty, verify is clean', async (_name, op, nth, match) => {
    const dir = await tempDir()
    const library = join(dir, 'library')
    const source = join(dir, 'src', 'big.bin')
    await mkdir(join(dir, 'src'), { recursive: true })
    const data = randomBytes(4 * 1024 * 1024 + 123)
    await writeFile(source, data)

    const crashed = importAndCrash(library, source, op, nth, match)
    expect(crashed.signal, crashed.stderr).toBe('SIGKILL')
    expect(crashed.stdout).not.toContain('ACK')

    const after = await inspect(library)
    expect(after.tmp).toEqual([])
    expect(after.verify.corrupt).toEqual([])
    expect(after.verify.missing).toEqual([])
    // At most an unreferenced complete object (invariant 2), never a row without its object.
    for (const orphan of after.verify.orphans) expect(orphan.sha256).toBe(sha(data))
    expect(after.rows.every((r) => r.stored === 1)).toBe(true)
    expect(await readFile(source)).toEqual(data)

    // Importing again after the crash succeeds and ends with exactly one entry.
    const again = importAndCrash(library, source, 'none', 0)
    expect(again.stdout.trim()).toBe(`ACK ${sha(data)}`)
    const final = await inspect(library)
    expect(final.rows).toEqual([{ sha256: sha(data), stored: 1 }])
    expect(final.verify).toMatchObject({ missing: [], corrupt: [], orphans: [] })
  })

  it('an acknowledged import survives a crash right after it', async () => {
    const dir = await tempDir()
    const library = join(dir, 'library')
    const source = join(dir, 'note.txt')
    await writeFile(source, 'acknowledged words')
    const first = importAndCrash(library, source, 'none', 0)
    expect(first.stdout.trim()).toBe(`ACK ${sha(Buffer.from('acknowledged words'))}`)
    const after = await inspect(library)
    expect(after.rows).toHaveLength(1)
    expect(after.verify).toMatchObject({ checked: 1, missing: [], corrupt: [] })
  })
})
