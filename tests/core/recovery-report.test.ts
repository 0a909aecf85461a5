import { rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { systemClock } from '../../src-main/core/common/clock'
import { realFs } from '../../src-main/core/common/fs-seam'
import { silentLogger } from '../../src-main/core/common/logger'
import { dismissRecoveryReport, pendingRecoveryReport } from '../../src-main/core/recovery/recovery-report'
import { useTestLibraries, type TestLibrary } from '../support/library'

const newLibrary = useTestLibraries()
const deps = (lib: TestLibrary) => ({ fs: realFs, root: lib.root, clock: systemClock, logger: silentLogger })

async function importOne(lib: TestLibrary, name: string, content: string) {
  const path = join(lib.scratch, name)
  await import('node:fs/promises').then((f) => f.mkdir(lib.scratch, { recursive: true }))
  await writeFile(path, content)
  const summary = await lib.imports.start([path]).done
  return summary.files[0]!
}

describe('start-up recovery report', () => {
  it('tells once what the start-up checks repaired: a leftover temp file removed, an object gone missing', async () => {
    let lib = await newLibrary()
    const kept = await importOne(lib, 'kept.txt', 'still here')
    const lost = await importOne(lib, 'lost.txt', 'about to vanish')
    expect(await lib.integrity.recoveryRecorded).toBeNull()
    const row = await lib.library.connection.db.selectFrom('files').select(['sha256', 'ext']).where('id', '=', lost.fileId!).executeTakeFirstOrThrow()

    // As an interrupted import leaves them: a half-written temp file, and (a disk problem) an object gone.
    await writeFile(join(lib.root, 'tmp', 'ingest-123.part'), 'half a file')
    await rm(lib.store.absolutePath(row.sha256, row.ext), { force: true })
    lib = await lib.reopen()
    await lib.integrity.recoveryRecorded

    const report = await pendingRecoveryReport(deps(lib))
    expect(report).toMatchObject({ openings: 1, tmpEntriesRemoved: 1, missingCount: 1, quickCheck: 'ok', missing: [{ fileId: lost.fileId, sha256: lost.sha256, name: 'lost.txt' }] })
    expect(report!.missing.map((m) => m.fileId)).not.toContain(kept.fileId)

    // Seen: dismissed, and not shown again at the next start although the file is still missing.
    expect(await dismissRecoveryReport(deps(lib))).toBe(true)
    expect(await dismissRecoveryReport(deps(lib))).toBe(false)
    lib = await lib.reopen()
    expect(await lib.integrity.recoveryRecorded).toBeNull()
    expect(await pendingRecoveryReport(deps(lib))).toBeNull()

    // Something new at a later start is a new report.
    await writeFile(join(lib.root, 'tmp', 'upload-9.part'), 'x')
    lib = await lib.reopen()
    expect(await lib.integrity.recoveryRecorded).toMatchObject({ openings: 1, tmpEntriesRemoved: 1, missingCount: 0, missing: [] })
  })

  it('gathers several openings (short CLI runs) into one report until it is seen', async () => {
    let lib = await newLibrary()
    for (let i = 0; i < 3; i++) {
      await writeFile(join(lib.root, 'tmp', `leftover-${i}`), 'x')
      lib = await lib.reopen()
      await lib.integrity.recoveryRecorded
    }
    expect(await pendingRecoveryReport(deps(lib))).toMatchObject({ openings: 3, tmpEntriesRemoved: 3 })
  })

  it('starts afresh when the report file is damaged, rather than failing to open', async () => {
    let lib = await newLibrary()
    await writeFile(join(lib.root, 'recovery-report.json'), '{ not json')
    await writeFile(join(lib.root, 'tmp', 'leftover'), 'x')
    lib = await lib.reopen()
    expect(await lib.integrity.recoveryRecorded).toMatchObject({ openings: 1, tmpEntriesRemoved: 1 })
  })
})
