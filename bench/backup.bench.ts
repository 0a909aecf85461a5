/**
 * npm run bench -- backup
 * Backs up a library built from the small-file corpus (TROVE_BENCH_BACKUP_FILES files, default
 * 100,000), first into an empty folder and then again with nothing changed, beside `cp -r` and
 * `rsync -a` of the same folder and a bare walk of it, all in the same run (warm cache).
 * Target: the unchanged second backup takes at most twice a bare walk of the library.
 */
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { lstat, mkdir, readdir, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { systemClock } from '../src-main/core/common/clock'
import { realFs } from '../src-main/core/common/fs-seam'
import { silentLogger } from '../src-main/core/common/logger'
import { runBackup } from '../src-main/core/backup/backup-run'
import { verifyBackup } from '../src-main/core/backup/backup-verify'
import { JobRegistry } from '../src-main/core/jobs/job-registry'
import { createLibraryServices } from '../src-main/core/library/library-services'
import { openLibrary } from '../src-main/core/library/open-library'
import { BENCH_DIR, corpus } from './lib/corpus'
import { report, timeAsync, timeShell } from './lib/measure'

const FILES = Number(process.env.TROVE_BENCH_BACKUP_FILES ?? 100_000)

/** The corpus tree: a copy already made in another checkout's cache is read, never written. */
function corpusTree(): string {
  const name = `tree-${FILES}`
  const shared = join(process.env.TROVE_BENCH_SHARED_DIR ?? '/work/main/.cache/bench', name)
  if (existsSync(join(shared, 'MANIFEST'))) return join(shared, 'tree')
  return join(corpus(name, ['-n', String(FILES), '-l', '', '-p', '0']), 'tree')
}

/** Readdir and lstat of every entry, one at a time: the least any incremental backup must do. */
async function bareWalk(root: string): Promise<number> {
  let files = 0
  const walk = async (dir: string): Promise<void> => {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name)
      await lstat(path)
      if (entry.isDirectory()) await walk(path)
      else files++
    }
  }
  await walk(root)
  return files
}

export async function backupBench(): Promise<void> {
  const tree = corpusTree()
  const work = join(BENCH_DIR, `backup-${FILES}`)
  const libraryRoot = join(work, 'library')
  await mkdir(work, { recursive: true })
  const deps = { fs: realFs, clock: systemClock, logger: silentLogger, appVersion: 'bench' }

  const library = await openLibrary(realFs, libraryRoot, silentLogger)
  const services = await createLibraryServices(library, { fs: realFs, logger: silentLogger, clock: systemClock, jobs: new JobRegistry(systemClock), sync: { autoStart: false } })
  try {
    await services.integrity.startupReport
    const stored = (library.connection.sqlite.prepare('SELECT count(*) AS n FROM files').get() as { n: number }).n
    if (stored === 0) {
      console.log(`building the library from ${tree} (${FILES} files) …`)
      const built = await timeAsync(() => services.imports.start([tree], { keepFolders: true }).done)
      console.log(`  imported in ${built.seconds.toFixed(1)} s`)
    }
    await services.previews.close()
    const du = spawnSync('du', ['-sb', libraryRoot], { encoding: 'utf8' }).stdout.split('\t')[0]
    const entries = (library.connection.sqlite.prepare('SELECT count(*) AS n FROM files').get() as { n: number }).n
    console.log(`\nBackup of a ${entries.toLocaleString('en')}-entry library (${(Number(du) / 2 ** 30).toFixed(2)} GiB), warm cache`)

    const dest = join(work, 'backup')
    for (const d of ['backup', 'cp', 'rsync']) await rm(join(work, d), { recursive: true, force: true })
    timeShell(`sync -f '${work}'`)

    await bareWalk(libraryRoot)
    const walk = await timeAsync(() => bareWalk(libraryRoot))
    const find = timeShell(`find '${libraryRoot}' -printf '%s\\n' > /dev/null`)
    const first = await timeAsync(() => runBackup(deps, { layout: library.layout, sqlite: library.connection.sqlite }, dest))
    const second = await timeAsync(() => runBackup(deps, { layout: library.layout, sqlite: library.connection.sqlite }, dest))
    const cp = timeShell(`cp -r '${libraryRoot}' '${join(work, 'cp')}' && sync -f '${work}'`)
    const hasRsync = spawnSync('bash', ['-c', 'command -v rsync']).status === 0
    const rsync = hasRsync ? timeShell(`rsync -a '${libraryRoot}/' '${join(work, 'rsync')}/' && sync -f '${work}'`) : NaN
    const rsync2 = hasRsync ? timeShell(`rsync -a '${libraryRoot}/' '${join(work, 'rsync')}/'`) : NaN
    const verify = await timeAsync(() => verifyBackup(realFs, dest))

    report('bare walk of the library (Node readdir+lstat)', `${walk.seconds.toFixed(2)} s`, `find -printf: ${find.toFixed(2)} s`)
    report('first backup (empty folder)', `${first.seconds.toFixed(1)} s`, `cp -r + sync: ${cp.toFixed(1)} s (${(first.seconds / cp).toFixed(2)}×)`)
    report('', '', hasRsync ? `rsync -a + sync: ${rsync.toFixed(1)} s (${(first.seconds / rsync).toFixed(2)}×)` : 'rsync not installed')
    report('second backup, nothing changed', `${second.seconds.toFixed(2)} s`, `2× bare walk: ${(2 * walk.seconds).toFixed(2)} s`, second.seconds <= 2 * walk.seconds ? '✔' : '✘')
    report('', '', hasRsync ? `rsync -a, nothing changed: ${rsync2.toFixed(2)} s` : '')
    report('backup verify (re-read everything)', `${verify.seconds.toFixed(1)} s`, `${verify.value.ok ? 'intact' : 'DAMAGED'}, ${verify.value.objectsChecked} objects`)
    console.log(`  copied ${first.value.objectsCopied} objects in the first run, ${second.value.objectsCopied} in the second (${second.value.objectsSkipped} already there)`)
  } finally {
    await services.stop()
    await library.close()
    if (process.env.TROVE_BENCH_KEEP !== '1') for (const d of ['backup', 'cp', 'rsync']) await rm(join(work, d), { recursive: true, force: true })
  }
}
