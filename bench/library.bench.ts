import { mkdtemp, readdir, rm, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { corpus, BENCH_DIR } from './lib/corpus'
import { scratchLibrary } from './lib/library'
import { mib, peakRssGrowth, report, timeAsync, timeShell } from './lib/measure'

const LARGE = process.env.TROVE_BENCH_LARGE ?? '1G'
const SMALL_FILES = Number(process.env.TROVE_BENCH_SMALL ?? 10_000)

/** Import throughput and memory, each beside the machine's own limit on the same files. */
export async function libraryBench(): Promise<void> {
  console.log('\nlibrary: import')
  const large = join(corpus(`large-${LARGE}`, ['-n', '0', '-l', LARGE, '-p', '0']), 'large', `large-${LARGE}.bin`)
  const size = (await stat(large)).size
  const scratch = await mkdtemp(join(BENCH_DIR, 'limit-'))
  try {
    // Warm the page cache so both sides read from memory, then measure the limit.
    timeShell(`cat '${large}' > /dev/null`)
    const cp = timeShell(`cp '${large}' '${scratch}/copy' && sync '${scratch}/copy'`)
    const sha = timeShell(`sha256sum '${large}' > /dev/null`)
    const fastSha = timeShell(`openssl dgst -sha256 '${large}' > /dev/null`)
    await rm(join(scratch, 'copy'), { force: true })
    const lib = await scratchLibrary()
    try {
      const { growth, value } = await peakRssGrowth(() => timeAsync(() => lib.imports.start([large]).done))
      const mbps = mib(size) / value.seconds
      const limit = mib(size) / (cp + sha)
      report(`import ${LARGE} file (MiB/s)`, mbps.toFixed(0), `cp+sync then sha256sum ${limit.toFixed(0)} MiB/s`, `${((mbps / limit) * 100).toFixed(0)}% (target ≥ 80%)`)
      const ideal = mib(size) / Math.max(cp, fastSha)
      report('', '', `stricter: max(cp+sync, openssl sha256) ${ideal.toFixed(0)} MiB/s`, `${((mbps / ideal) * 100).toFixed(0)}%`)
      report(`peak RSS growth importing ${LARGE} (MiB)`, mib(growth).toFixed(1), 'target ≤ 64 MiB', mib(growth) <= 64 ? 'ok' : 'OVER')
    } finally {
      await lib.dispose()
    }

    const tree = join(corpus(`tree-${SMALL_FILES}`, ['-n', String(SMALL_FILES), '-l', '', '-p', '0']), 'tree')
    timeShell(`find '${tree}' -type f -exec cat {} + > /dev/null`)
    const treeCp = timeShell(`cp -r '${tree}' '${scratch}/tree' && sync -f '${scratch}'`)
    const treeSha = timeShell(`find '${tree}' -type f -print0 | xargs -0 sha256sum > /dev/null`)
    const lib2 = await scratchLibrary()
    try {
      const { seconds, value } = await timeAsync(() => lib2.imports.start([tree], { keepFolders: true }).done)
      const fps = SMALL_FILES / seconds
      const limit = SMALL_FILES / (treeCp + treeSha)
      report(`import ${SMALL_FILES} small files (files/s)`, fps.toFixed(0), `cp -r+sync then sha256sum ${limit.toFixed(0)} files/s`, `${((fps / limit) * 100).toFixed(0)}%`)
      report('  outcomes', `${value.stored} new`, `${value.duplicate} duplicates, ${value.failed + value.rejected} problems`)
      const shards = (await readdir(join(lib2.root, 'objects'))).length
      report('  object shards used', String(shards), '256 possible')
    } finally {
      await lib2.dispose()
    }
  } finally {
    await rm(scratch, { recursive: true, force: true })
  }
}
