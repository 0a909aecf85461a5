import { createHash } from 'node:crypto'
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { resolveContent } from '../../src-main/core/media/content-resolver'
import { thumbAbsolutePath } from '../../src-main/core/media/thumbnail'
import { runStartupChecks, verifyLibrary } from '../../src-main/core/store/integrity'
import { systemClock } from '../../src-main/core/common/clock'
import { realFs } from '../../src-main/core/common/fs-seam'
import { silentLogger } from '../../src-main/core/common/logger'
import { png } from '../support/images'
import { useTestLibraries, type TestLibrary } from '../support/library'
import { syncRows, useSyncManagers } from '../support/sync'

/** Entries indexed in place have no object: reading, previews and the integrity checks use the watched copy. */
const newLibrary = useTestLibraries()
const newSync = useSyncManagers()
const sha = (data: string | Buffer) => createHash('sha256').update(data).digest('hex')

async function indexed(lib: TestLibrary, files: Record<string, string | Buffer>) {
  const root = join(lib.scratch, 'Watched')
  await mkdir(root, { recursive: true })
  for (const [rel, data] of Object.entries(files)) await writeFile(join(root, rel), data)
  const sync = newSync(lib)
  const folder = await sync.add({ path: root })
  await sync.scan(folder.id)
  return { root, sync, folder }
}

const deps = (lib: TestLibrary) => ({ db: lib.library.connection.db, fs: realFs, store: lib.store, layout: lib.library.layout, clock: systemClock, logger: silentLogger })

describe('bytes of entries indexed in place', () => {
  it('are served from the watched folder, with ranges, and 404 once no copy is reachable', async () => {
    const lib = await newLibrary()
    const nfd = 'Re\u0301sume\u0301.txt'
    const { root } = await indexed(lib, { [nfd]: 'curriculum vitae' })
    const answer = await resolveContent(deps(lib), { path: `/original/${sha('curriculum vitae')}`, range: 'bytes=0-9' })
    expect(answer).toMatchObject({ status: 206, file: join(root, nfd), start: 0, end: 9, headers: { 'Content-Type': 'text/plain' } })
    await rename(root, `${root}-away`)
    expect(await resolveContent(deps(lib), { path: `/original/${sha('curriculum vitae')}` })).toMatchObject({ status: 404 })
    await rename(`${root}-away`, root)
    await writeFile(join(root, nfd), 'changed since it was indexed')
    expect(await resolveContent(deps(lib), { path: `/original/${sha('curriculum vitae')}` })).toMatchObject({ status: 404 })
  })

  it('get previews made from the watched copy', async () => {
    const lib = await newLibrary()
    const image = await png(320, 200)
    await indexed(lib, { 'shot.png': image })
    await lib.previews.idle()
    const [row] = syncRows(lib).files()
    expect(row).toMatchObject({ sha256: sha(image), storage: 'in_place', preview_state: 'done' })
    expect((await readFile(thumbAbsolutePath(lib.library.layout, sha(image)))).subarray(0, 4).toString()).toBe('RIFF')
  })

  it('are not marked missing by the start-up checks, nor reported by verify', async () => {
    const lib = await newLibrary()
    await indexed(lib, { 'a.txt': 'only here' })
    const report = await runStartupChecks(deps(lib))
    expect(report.missing).toEqual([])
    expect(syncRows(lib).files()).toEqual([expect.objectContaining({ storage: 'in_place', stored: 1 })])
    const verified = await verifyLibrary(deps(lib))
    expect(verified).toMatchObject({ checked: 0, missing: [], corrupt: [] })
  })
})
