import { spawnSync } from 'node:child_process'

/** Seconds taken by a shell command (the machine's own tools, e.g. cp and sha256sum). */
export function timeShell(command: string): number {
  const started = process.hrtime.bigint()
  const result = spawnSync('bash', ['-c', command], { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' })
  if (result.status !== 0) throw new Error(`${command} failed: ${result.stderr}`)
  return Number(process.hrtime.bigint() - started) / 1e9
}

export async function timeAsync<T>(fn: () => Promise<T>): Promise<{ seconds: number; value: T }> {
  const started = process.hrtime.bigint()
  const value = await fn()
  return { seconds: Number(process.hrtime.bigint() - started) / 1e9, value }
}

/** Runs `fn` `runs` times and returns the latencies in milliseconds. */
export async function latencies(runs: number, fn: (i: number) => Promise<unknown>): Promise<number[]> {
  const out: number[] = []
  for (let i = 0; i < runs; i++) {
    const started = process.hrtime.bigint()
    await fn(i)
    out.push(Number(process.hrtime.bigint() - started) / 1e6)
  }
  return out
}

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN
}

/** Samples this process's RSS every 20 ms while `fn` runs; returns the peak growth in bytes. */
export async function peakRssGrowth<T>(fn: () => Promise<T>): Promise<{ growth: number; value: T }> {
  globalThis.gc?.()
  const baseline = process.memoryUsage().rss
  let peak = baseline
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss)
  }, 20)
  try {
    const value = await fn()
    peak = Math.max(peak, process.memoryUsage().rss)
    return { growth: peak - baseline, value }
  } finally {
    clearInterval(timer)
  }
}

export const mib = (bytes: number) => bytes / 2 ** 20

/** One line of the report: a figure beside the limit measured in the same run. */
export function report(label: string, value: string, limit: string, verdict = ''): void {
  console.log(`  ${label.padEnd(44)} ${value.padStart(16)}   limit ${limit.padEnd(34)} ${verdict}`)
}
