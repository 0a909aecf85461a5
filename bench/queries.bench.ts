import { createHash } from 'node:crypto'
import { listFilesInputSchema, searchFilesInputSchema } from '../src-preload/contract/files'
import { scratchLibrary } from './lib/library'
import { latencies, percentile, report } from './lib/measure'

const FILES = Number(process.env.TROVE_BENCH_FILES ?? 100_000)
const TAGS = 200
const VOCABULARY = 5000
/** A pronounceable pseudo-word per index: word(0) is the most frequent (Zipf-like picks). */
export const word = (i: number) => {
  const syllables = ['ka', 'lo', 'mi', 'ne', 'ru', 'sa', 'ti', 'vo', 'ze', 'pa', 'do', 'gu']
  let out = ''
  for (let n = i + 12; n > 0; n = Math.floor(n / 12)) out += syllables[n % 12]
  return out
}
const KINDS = ['image', 'image', 'image', 'document', 'text', 'video', 'audio', 'other'] as const

/** List, tag-filter and search latency on a large library, beside the bare SQLite floor. */
export async function queriesBench(): Promise<void> {
  console.log(`\nlibrary: browse (${FILES.toLocaleString('en')} files)`)
  const lib = await scratchLibrary()
  try {
    const { sqlite } = lib.library.connection
    populate(sqlite)
    const tagId = (sqlite.prepare("SELECT id FROM tags WHERE name = 'tag-7'").pluck().get() as number)
    const measure = async (label: string, target: number, fn: () => Promise<unknown>, floor: () => unknown) => {
      await latencies(5, fn)
      const ms = await latencies(200, fn)
      const bare = await latencies(200, async () => floor())
      const p95 = percentile(ms, 95)
      report(label, `p50 ${percentile(ms, 50).toFixed(2)} / p95 ${p95.toFixed(2)} ms`, `bare SQL p50 ${percentile(bare, 50).toFixed(2)} ms; target ${target} ms`, p95 <= target ? 'ok' : 'OVER')
    }
    const list = (input: object) => lib.files.list(listFilesInputSchema.parse(input))

    await measure('list page 1 (100, newest first)', 5, () => list({}), () =>
      sqlite.prepare('SELECT * FROM files WHERE trashed_at IS NULL ORDER BY added_at DESC, id DESC LIMIT 100').all())
    let cursor: string | undefined
    for (let page = 0; page < FILES / 200; page++) cursor = (await list({ cursor, limit: 100 })).nextCursor ?? undefined
    await measure('list a middle page (keyset cursor)', 5, () => list({ cursor, limit: 100 }), () =>
      sqlite.prepare('SELECT * FROM files WHERE trashed_at IS NULL AND added_at < ? ORDER BY added_at DESC, id DESC LIMIT 100').all(FILES / 2))
    await measure('list by name', 5, () => list({ sort: 'name' }), () =>
      sqlite.prepare('SELECT * FROM files WHERE trashed_at IS NULL ORDER BY name COLLATE NOCASE, id LIMIT 100').all())
    await measure('tag filter page 1', 10, () => list({ tagId }), () =>
      sqlite.prepare('SELECT f.* FROM file_tags t JOIN files f ON f.id = t.file_id WHERE t.tag_id = ? AND f.trashed_at IS NULL ORDER BY f.added_at DESC, f.id DESC LIMIT 100').all(tagId))
    const hits = (w: string) => sqlite.prepare('SELECT count(*) FROM files_fts WHERE files_fts MATCH ?').pluck().get(`"${w}"`) as number
    for (const [label, w] of [['a frequent word', word(3)], ['a mid-frequency word', word(60)], ['a word in no file', word(1200)]] as const) {
      await measure(`search ${label} (${hits(w)} matches; 50 best)`, 20, () => lib.search.search(searchFilesInputSchema.parse({ query: w })), () =>
        sqlite.prepare('SELECT rowid FROM files_fts WHERE files_fts MATCH ? ORDER BY rank LIMIT 50').all(`"${w}"`))
    }
    const prefix = word(60).slice(0, 4)
    await measure(`search the prefix "${prefix}"`, 20, () => lib.search.search(searchFilesInputSchema.parse({ query: prefix })), () =>
      sqlite.prepare('SELECT rowid FROM files_fts WHERE files_fts MATCH ? ORDER BY rank LIMIT 50').all(`"${prefix}"*`))
  } finally {
    await lib.dispose()
  }
}

/** FILES rows with names, notes and some body text, TAGS tags on about a third of them. */
export function populate(sqlite: import('better-sqlite3').Database): void {
  let seed = 42
  const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31)
  const pick = <T>(items: readonly T[]) => items[Math.floor(rnd() * items.length)]!
  // Zipf-like: index ~ VOCABULARY^u - 1, so low indexes are common and high ones rare.
  const zipfWord = () => word(Math.floor(VOCABULARY ** rnd()) - 1)
  const insertFile = sqlite.prepare(
    "INSERT INTO files (sha256, size, mime, kind, ext, name, note, added_at, preview_state) VALUES (?, ?, 'application/octet-stream', ?, 'bin', ?, ?, ?, 'none')",
  )
  const insertFts = sqlite.prepare("INSERT INTO files_fts (rowid, name, tags, note, body) VALUES (?, ?, ?, ?, ?)")
  const insertTag = sqlite.prepare('INSERT INTO tags (name, created_at) VALUES (?, 0)')
  const tagFile = sqlite.prepare('INSERT OR IGNORE INTO file_tags (file_id, tag_id) VALUES (?, ?)')
  sqlite.transaction(() => {
    for (let t = 1; t <= TAGS; t++) insertTag.run(`tag-${t}`)
    for (let i = 0; i < FILES; i++) {
      const name = `${zipfWord()} ${zipfWord()} ${i}.bin`
      const note = rnd() < 0.1 ? `${zipfWord()} ${zipfWord()}` : ''
      const body = rnd() < 0.2 ? Array.from({ length: 40 }, zipfWord).join(' ') : ''
      const sha = createHash('sha256').update(String(i)).digest('hex')
      const id = Number(insertFile.run(sha, 1000 + i, pick(KINDS), name, note, i).lastInsertRowid)
      const tags: string[] = []
      if (rnd() < 0.33) for (let k = 0; k < 3; k++) {
        const tag = 1 + Math.floor(rnd() * TAGS)
        tagFile.run(id, tag)
        tags.push(`tag-${tag}`)
      }
      insertFts.run(id, name, tags.join(' '), note, body)
    }
  })()
  sqlite.pragma('optimize')
}
