import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { join, resolve } from 'node:path'

/** Where benchmark corpora live (outside git): TROVE_BENCH_DIR or .cache/bench. */
export const BENCH_DIR = resolve(process.env.TROVE_BENCH_DIR ?? join(__dirname, '..', '..', '.cache', 'bench'))

/**
 * A deterministic corpus made by bench/make-corpus.sh (same options, same bytes everywhere).
 * Each distinct option set gets its own folder; existing parts are reused.
 */
export function corpus(name: string, args: string[]): string {
  const dir = join(BENCH_DIR, name)
  const script = join(__dirname, '..', 'make-corpus.sh')
  if (!existsSync(join(dir, 'MANIFEST'))) {
    console.log(`making corpus ${name} (${args.join(' ')}) in ${dir} …`)
    const result = spawnSync('bash', [script, ...args, dir], { stdio: 'inherit' })
    if (result.status !== 0) throw new Error(`make-corpus.sh failed for ${name}`)
  }
  return dir
}
