import { spawnSync } from 'node:child_process'
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { mkdtemp, rm, stat } from 'node:fs/promises'
import { cpus, loadavg } from 'node:os'
import { join } from 'node:path'
import { Writable, type Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { realFs } from '../src-main/core/common/fs-seam'
import { makeVaultKey } from '../src-main/core/vault/crypto/vault-key'
import { createEncryptStream, encryptToFile, openSealedFile } from '../src-main/core/vault/sealed-media'
import { BENCH_DIR, corpus } from './lib/corpus'
import { mib, peakRssGrowth, percentile, report, timeAsync, timeShell } from './lib/measure'

const LARGE = process.env.TROVE_BENCH_LARGE ?? '1G'
const READ_BLOCK = 1024 * 1024
const ROUNDS = Number(process.env.TROVE_BENCH_ROUNDS ?? 3)

/** Counts and drops what it is given: measures a pipeline without a disk write. */
const discard = () =>
  new Writable({
    highWaterMark: READ_BLOCK,
    write(_chunk, _encoding, callback) {
      callback()
    },
    writev(_chunks, callback) {
      callback()
    },
  })

const readFile = (path: string): Readable => createReadStream(path, { highWaterMark: READ_BLOCK })

/** The bare cipher over the same bytes, read the same way: one GCM stream, no chunking, no framing. */
async function bareGcm(path: string, decrypt: boolean): Promise<void> {
  const key = randomBytes(32)
  const iv = randomBytes(12)
  const cipher = decrypt ? createDecipheriv('aes-256-gcm', key, iv) : createCipheriv('aes-256-gcm', key, iv)
  for await (const block of readFile(path)) cipher.update(block as Buffer)
  if (!decrypt) cipher.final()
}

/** `openssl speed` for AES-256-GCM on 16 KiB blocks, in MiB/s (null without openssl). */
function opensslSpeed(): number | null {
  const run = spawnSync('openssl', ['speed', '-seconds', '3', '-bytes', '16384', '-evp', 'aes-256-gcm'], { encoding: 'utf8' })
  if (run.status !== 0) return null
  const line = run.stdout.split('\n').find((l) => /^aes-256-gcm\s/i.test(l))
  const kbps = line ? Number(line.trim().split(/\s+/).pop()!.replace(/k$/, '')) : NaN
  return Number.isFinite(kbps) ? (kbps * 1000) / 2 ** 20 : null
}

/** Encrypt and decrypt throughput of `.tve` files, range latency and memory, beside the bare cipher. */
export async function vaultBench(): Promise<void> {
  console.log('\nvault: sealed media (.tve)')
  const source = join(corpus(`large-${LARGE}`, ['-n', '0', '-l', LARGE, '-p', '0']), 'large', `large-${LARGE}.bin`)
  const size = (await stat(source)).size
  const scratch = await mkdtemp(join(BENCH_DIR, 'vault-'))
  const key = makeVaultKey(randomBytes(32))
  const sealed = join(scratch, 'media.tve')
  try {
    timeShell(`cat '${source}' > /dev/null`) // both sides read from the page cache

    // The machine is shared: each figure is the best of ROUNDS runs, taken in turn with its limit,
    // both in wall time and per CPU-second of this process (which other work on the machine
    // disturbs far less).
    type Figure = { wall: number; cpu: number; growth: number }
    const best: Record<'bareEnc' | 'enc' | 'bareDec' | 'dec', Figure> = {
      bareEnc: { wall: 0, cpu: 0, growth: 0 },
      enc: { wall: 0, cpu: 0, growth: 0 },
      bareDec: { wall: 0, cpu: 0, growth: 0 },
      dec: { wall: 0, cpu: 0, growth: 0 },
    }
    const measure = async (name: keyof typeof best, fn: () => Promise<unknown>) => {
      const cpuBefore = process.cpuUsage()
      const { growth, value } = await peakRssGrowth(() => timeAsync(fn))
      const cpu = process.cpuUsage(cpuBefore)
      const figure = best[name]
      figure.wall = Math.max(figure.wall, mib(size) / value.seconds)
      figure.cpu = Math.max(figure.cpu, mib(size) / ((cpu.user + cpu.system) / 1e6))
      figure.growth = Math.max(figure.growth, growth)
    }
    await encryptToFile(realFs, key, readFile(source), sealed)
    const file = await openSealedFile(realFs, key, sealed)
    timeShell(`cat '${sealed}' > /dev/null`)
    console.log(`  (load average ${loadavg()[0]!.toFixed(1)} on ${cpus().length} cores; best of ${ROUNDS} rounds)`)
    for (let round = 0; round < ROUNDS; round++) {
      await measure('bareEnc', () => bareGcm(source, false))
      await measure('enc', () => pipeline(readFile(source), createEncryptStream(key), discard()))
      await measure('bareDec', () => bareGcm(sealed, true))
      await measure('dec', () => pipeline(file.createReadStream(), discard()))
    }
    const openssl = opensslSpeed()
    if (openssl !== null) report('openssl speed -evp aes-256-gcm, 16 KiB (MiB/s)', openssl.toFixed(0), 'the cipher alone, one core')
    const pct = (a: number, b: number) => `${((a / b) * 100).toFixed(0)}%`
    for (const [label, ours, bare] of [
      ['encrypt', best.enc, best.bareEnc],
      ['decrypt', best.dec, best.bareDec],
    ] as const) {
      report(`${label} ${LARGE}, no write (MiB/s)`, ours.wall.toFixed(0), `bare GCM ${bare.wall.toFixed(0)} MiB/s`, `${pct(ours.wall, bare.wall)} (target ≥ 70%)`)
      report(`  per CPU-second (MiB)`, ours.cpu.toFixed(0), `bare GCM ${bare.cpu.toFixed(0)} MiB`, `${pct(ours.cpu, bare.cpu)} (target ≥ 70%)`)
      report(`  peak RSS growth (MiB)`, mib(ours.growth).toFixed(1), `bare GCM ${mib(bare.growth).toFixed(1)} MiB; target ≤ 64 MiB`, mib(ours.growth) <= 64 ? 'ok' : 'OVER')
    }

    // To disk: the best of two runs each, in turn with cp + sync of the same bytes.
    let diskBest = 0
    let cpBest = 0
    let diskGrowth = 0
    for (let round = 0; round < 2; round++) {
      const toDisk = await peakRssGrowth(() => timeAsync(() => encryptToFile(realFs, key, readFile(source), sealed)))
      diskBest = Math.max(diskBest, mib(size) / toDisk.value.seconds)
      diskGrowth = Math.max(diskGrowth, toDisk.growth)
      cpBest = Math.max(cpBest, mib(size) / timeShell(`cp '${source}' '${scratch}/copy' && sync '${scratch}/copy'`))
      await rm(join(scratch, 'copy'), { force: true })
    }
    report(`encrypt ${LARGE} to a file, fsynced (MiB/s)`, diskBest.toFixed(0), `cp+sync ${cpBest.toFixed(0)} MiB/s`, `${((diskBest / cpBest) * 100).toFixed(0)}%`)
    report(`  peak RSS growth (MiB)`, mib(diskGrowth).toFixed(1), 'target ≤ 64 MiB', mib(diskGrowth) <= 64 ? 'ok' : 'OVER')

    // A seek in a video: open the file (header and last chunk checked), then the first byte of a range.
    const seekTo = Math.min(900 * 2 ** 20, Math.floor(size * 0.88))
    const ttfb: number[] = []
    for (let i = 0; i < 30; i++) {
      const start = seekTo + Math.floor(Math.random() * 2 ** 20)
      const started = process.hrtime.bigint()
      const opened = await openSealedFile(realFs, key, sealed)
      const stream = opened.createReadStream({ start, end: start + 2 ** 20 })
      await new Promise<void>((resolve, reject) => {
        stream.once('data', () => resolve())
        stream.once('end', () => reject(new Error('the range read ended without data')))
        stream.once('error', reject)
      })
      ttfb.push(Number(process.hrtime.bigint() - started) / 1e6)
      stream.destroy()
    }
    const p50 = percentile(ttfb, 50)
    const worst = Math.max(...ttfb)
    const p95 = percentile(ttfb, 95)
    report(`range read at ${(seekTo / 2 ** 20).toFixed(0)} MiB: first byte (ms)`, `${p50.toFixed(2)} p50`, `p95 ${p95.toFixed(2)}, max ${worst.toFixed(2)} of 30; ≤ 20 ms`, p95 <= 20 ? 'ok' : 'OVER')
    console.log(`  (load average ${loadavg()[0]!.toFixed(1)} at the end)`)
  } finally {
    await rm(scratch, { recursive: true, force: true })
  }
}
