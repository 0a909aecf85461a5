import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { BENCH_DIR, corpus } from './lib/corpus'
import { scratchLibrary } from './lib/library'
import { mib, peakRssGrowth, percentile, report, timeAsync, timeShell } from './lib/measure'

const FILES = Number(process.env.TROVE_BENCH_SYNC_FILES ?? 100_000)
const LIVE_FILES = Number(process.env.TROVE_BENCH_SYNC_LIVE ?? 1000)
/** Files written per second while the watcher latency is measured. */
const LIVE_RATE = 20

/**
 * Watched folders on a tree made by make-corpus.sh: first scan, unchanged rescan, watcher
 * latency and memory, each beside what the machine's own tools do on the same tree.
 */
export async function syncBench(): Promise<void> {
  console.log(`\nsync: watched folder of ${FILES.toLocaleString('en')} files`)
  const tree = join(corpus(`tree-${FILES}`, ['-n', String(FILES), '-l', '', '-p', '0']), 'tree')
  // Warm the page cache so both sides read from memory; then the floors.
  timeShell(`find '${tree}' -type f -exec cat {} + > /dev/null`)
  const hashFloor = timeShell(`find '${tree}' -type f -print0 | xargs -0 sha256sum > /dev/null`)
  const findFloor = () => timeShell(`find '${tree}' -printf '%s %T@\\n' > /dev/null`)

  // First scan: a fresh library, the folder added without starting the watchers, scanned on demand.
  const fresh = await scratchLibrary({ autoStart: false })
  try {
    const sync = fresh.sync
    const folder = await sync.add({ path: tree })
    const firstRun = await peakRssGrowth(() => timeAsync(() => sync.scan(folder.id)))
    const [op] = firstRun.value.value
    const seconds = firstRun.value.seconds
    const fps = FILES / seconds
    report('first scan (files/s)', fps.toFixed(0), `find | xargs sha256sum ${(FILES / hashFloor).toFixed(0)} files/s`, verdict(seconds / hashFloor, 1.3))
    report('  seconds', seconds.toFixed(2), `${hashFloor.toFixed(2)} s`, `added ${op?.filesAdded}, hashed ${op?.filesHashed}, problems ${op?.errors.length}`)
    report('  peak RSS growth during it (MiB)', mib(firstRun.growth).toFixed(1), '')

    // The floor is measured beside each rescan (the machine is shared: load moves between runs).
    const rescans: number[] = []
    const finds: number[] = []
    for (let i = 0; i < 3; i++) {
      finds.push(findFloor())
      const { seconds: s, value } = await timeAsync(() => sync.scan(folder.id))
      if (value[0]?.filesHashed !== 0) throw new Error(`an unchanged rescan read ${value[0]?.filesHashed} files`)
      rescans.push(s)
    }
    const rescan = Math.min(...rescans)
    const find = Math.min(...finds)
    report('rescan, nothing changed (s, best of 3)', rescan.toFixed(3), `find -printf '%s %T@' ${find.toFixed(3)} s (best of 3)`, verdict(rescan / find, 2))
    report('  each run: Trove / find', rescans.map((s, i) => `${s.toFixed(2)}/${finds[i]!.toFixed(2)}`).join(' '), '')
    globalThis.gc?.()
    const rss = process.memoryUsage().rss
    report(`RSS with ${FILES.toLocaleString('en')} records (MiB)`, mib(rss).toFixed(0), 'whole process, after the scans', globalThis.gc ? '' : '(no --expose-gc)')
  } finally {
    await fresh.dispose()
  }

  await watcherLatency()
}

/** Write → row: LIVE_FILES files written at LIVE_RATE per second into a watched folder; each timed until its change is applied. */
async function watcherLatency(): Promise<void> {
  const lib = await scratchLibrary()
  const live = await mkdtemp(join(BENCH_DIR, 'live-'))
  try {
    const sync = lib.sync
    const folder = await sync.add({ path: live })
    await sync.idle()
    const written = new Map<string, number>()
    const latencies: number[] = []
    let arrived = 0
    let allIn: () => void = () => undefined
    const done = new Promise<void>((resolve) => (allIn = resolve))
    sync.onApplied((changes) => {
      const now = performance.now()
      for (const change of changes) {
        const at = written.get(change.path)
        if (change.folderId !== folder.id || at === undefined) continue
        written.delete(change.path)
        latencies.push(now - at)
        if (++arrived === LIVE_FILES) allIn()
      }
    })
    for (let i = 0; i < LIVE_FILES; i++) {
      const rel = `d${Math.floor(i / 100)}/live-${i}.dat`
      if (i % 100 === 0) await mkdir(join(live, `d${Math.floor(i / 100)}`), { recursive: true })
      await writeFile(join(live, rel), `live file ${i}\n`.repeat(1 + (i % 50)))
      written.set(rel, performance.now())
      await new Promise((r) => setTimeout(r, 1000 / LIVE_RATE))
    }
    const timeout = setTimeout(() => allIn(), 30_000)
    await done
    clearTimeout(timeout)
    const p95 = percentile(latencies, 95)
    report(`write → row, ${LIVE_RATE} files/s (ms)`, `p50 ${percentile(latencies, 50).toFixed(0)} / p95 ${p95.toFixed(0)}`, `debounce 500 ms; ${latencies.length}/${LIVE_FILES} arrived`, verdict(p95 / 1000, 1))
  } finally {
    await lib.dispose()
    await rm(live, { recursive: true, force: true })
  }
}

const verdict = (ratio: number, target: number) => `${ratio.toFixed(2)}× (target ≤ ${target}×) ${ratio <= target ? 'ok' : 'OVER'}`
