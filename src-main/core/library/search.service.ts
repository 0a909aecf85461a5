import { sql, type Kysely } from 'kysely'
import type { SearchField, SearchFilesInput, SearchHitDto, SearchResultDto, TextSegment } from '../../../src-preload/contract/files'
import type { Database } from '../db/schema'
import { fileDtosByIds } from './file-dto'
import { resolveScope, scopeConditions, whereAll } from './file-filters'

/** bm25 weights of files_fts's columns (name, tags, note, body): a name match counts most. */
const WEIGHTS = sql.raw('10.0, 5.0, 3.0, 1.0')
/** Markers around matched words in highlight()/snippet() output: control characters that names never contain. */
const OPEN = '\u0002'
const CLOSE = '\u0003'
/** Words of context in a note or text excerpt. */
const SNIPPET_TOKENS = 14
const MAX_TERMS = 32

/** The columns of files_fts in order, as the contract names them. */
const FIELDS: SearchField[] = ['name', 'tags', 'note', 'text']

export interface FtsQuery {
  /** The MATCH expression: every term quoted, the last one a prefix. */
  match: string
  terms: string[]
}

/**
 * Turns what a person typed into a safe FTS5 query: split on spaces, each term quoted (quotes
 * inside doubled) so that nothing typed is FTS syntax (`OR`, `NEAR`, `-`, `*`, `(`, `col:`…),
 * terms without a letter or digit dropped (they would match nothing), the last term as a
 * prefix so results come while typing. Every term must match (AND). Null when nothing is left.
 */
export function toFtsQuery(text: string): FtsQuery | null {
  const terms = text
    .normalize('NFC')
    .split(/\s+/u)
    .filter((t) => /[\p{L}\p{N}]/u.test(t))
    .slice(0, MAX_TERMS)
  if (terms.length === 0) return null
  const quoted = terms.map((t, i) => `"${t.replaceAll('"', '""')}"${i === terms.length - 1 ? '*' : ''}`)
  return { match: quoted.join(' '), terms }
}

/** Full-text search over name, tags, note and the text inside files, ranked by bm25. */
export class SearchService {
  constructor(private readonly db: Kysely<Database>) {}

  async search(input: SearchFilesInput): Promise<SearchResultDto> {
    const query = toFtsQuery(input.query)
    if (!query) return { hits: [], terms: [], more: false }
    const scope = await resolveScope(this.db, input)
    // Only ids and scores go through the ranking sort; whole rows are read for the hits alone.
    const { rows } = await sql<{ id: number; score: number }>`
      SELECT f.id, bm25(files_fts, ${WEIGHTS}) AS score
      FROM files_fts CROSS JOIN files AS f ON f.id = files_fts.rowid
      WHERE files_fts MATCH ${query.match} AND ${whereAll(scopeConditions(scope))}
      ORDER BY score, f.id
      LIMIT ${input.limit + 1}`.execute(this.db)
    const top = rows.slice(0, input.limit)
    const scores = new Map(top.map((r) => [r.id, r.score]))
    const files = await fileDtosByIds(this.db, top.map((r) => r.id))
    const marks = await this.highlights(query.match, top.map((r) => r.id))
    const hits: SearchHitDto[] = files.map((file) => {
      const highlights = marks.get(file.id) ?? {}
      return { file, score: scores.get(file.id) ?? 0, matchedIn: FIELDS.filter((f) => highlights[f]), highlights }
    })
    return { hits, terms: query.terms, more: rows.length > input.limit }
  }

  /**
   * The matched words of each hit, per field: the name and tags whole, the note and text as an
   * excerpt. Computed only for the hits returned (one indexed lookup each), never for every match.
   * The CAST matters: numbers are bound as REAL, and FTS5 (3.54) then ignores a `rowid =`
   * constraint next to MATCH and returns every match (see docs/DECISIONS.md).
   */
  private async highlights(match: string, ids: number[]): Promise<Map<number, Partial<Record<SearchField, TextSegment[]>>>> {
    const out = new Map<number, Partial<Record<SearchField, TextSegment[]>>>()
    for (const id of ids) {
      const { rows } = await sql<{ name: string; tags: string; note: string; text: string }>`
        SELECT highlight(files_fts, 0, ${OPEN}, ${CLOSE}) AS name,
               highlight(files_fts, 1, ${OPEN}, ${CLOSE}) AS tags,
               snippet(files_fts, 2, ${OPEN}, ${CLOSE}, '…', ${SNIPPET_TOKENS}) AS note,
               snippet(files_fts, 3, ${OPEN}, ${CLOSE}, '…', ${SNIPPET_TOKENS}) AS text
        FROM files_fts WHERE files_fts MATCH ${match} AND rowid = CAST(${id} AS INTEGER)`.execute(this.db)
      const row = rows[0]
      if (!row) continue
      const fields: Partial<Record<SearchField, TextSegment[]>> = {}
      for (const field of FIELDS) {
        const marked = row[field]
        if (typeof marked === 'string' && marked.includes(OPEN)) fields[field] = toSegments(marked)
      }
      out.set(id, fields)
    }
    return out
  }
}

/**
 * Splits marked text into plain segments: text between the markers is a match. Stray marker
 * characters in the stored text itself are dropped rather than trusted.
 */
export function toSegments(marked: string): TextSegment[] {
  const out: TextSegment[] = []
  let match = false
  let text = ''
  const flush = () => {
    if (text) out.push({ text, match })
    text = ''
  }
  for (const char of marked) {
    if (char === OPEN || char === CLOSE) {
      flush()
      match = char === OPEN
    } else {
      text += char
    }
  }
  flush()
  return out
}
