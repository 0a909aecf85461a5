/**
 * npm run bench -- [library|queries|sync|vault|previews|previews-docs|backup|all]
 * Prints each figure beside the machine's own limit measured in the same run. Corpora come
 * from bench/make-corpus.sh into TROVE_BENCH_DIR (default .cache/bench).
 */
import { libraryBench } from './library.bench'
import { previewsBench } from './previews.bench'
import { previewsDocumentsBench } from './previews-documents.bench'
import { queriesBench } from './queries.bench'
import { vaultBench } from './vault.bench'
import { syncBench } from './sync.bench'
import { backupBench } from './backup.bench'

const SUITES: Record<string, () => Promise<void>> = {
  library: async () => {
    await libraryBench()
    await queriesBench()
  },
  queries: queriesBench,
  vault: vaultBench,
  sync: syncBench,
  previews: async () => {
    await previewsBench()
    await previewsDocumentsBench()
  },
  'previews-docs': previewsDocumentsBench,
  backup: backupBench,
}

async function main(): Promise<void> {
  const asked = process.argv.slice(2).filter((a) => !a.startsWith('-'))
  // 'all' runs each figure once: 'previews' already includes 'previews-docs'.
  const names = asked.length === 0 || asked.includes('all') ? Object.keys(SUITES).filter((n) => n !== 'previews-docs') : asked
  for (const name of names) {
    const suite = SUITES[name]
    if (!suite) throw new Error(`unknown benchmark "${name}"; known: ${Object.keys(SUITES).join(', ')}`)
    await suite()
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err)
  process.exit(1)
})
