import { sql, type Kysely } from 'kysely'
import type { SearchField, SearchFilesInput, SearchHitDto, SearchResultDto, TextSegment } from '../../../src-preload/contract/files'
import type { Database } from '../db/schema'
import { fileDtosByIds, idList } from './file-dto'
import { hasDates, resolveScope, scopeConditions, whereAll, type FileScope } from './file-filters'

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
  /** The same terms joined by OR: "any of them" (to tell which fields matched). */
  any: string
  terms: string[]
}

/**
 * Turns what a person typed into a safe FTS5 query: split on spaces, each term quoted (quotes
 * inside doubled) so that nothing typed is FTS syntax (`OR`, `NEAR`, `-`, `*`, `(`, `col:`…),
 * terms without a letter or digit dropped (they would match nothing), the last term as a
 * prefix so results come while typing (from two characters on). Every term must match (AND).
 * Null when nothing is left.
 */
export function toFtsQuery(text: string): FtsQuery | null {
  const terms = text
    .normalize('NFC')
    .split(/\s+/u)
    .filter((t) => /[\p{L}\p{N}]/u.test(t))
    .slice(0, MAX_TERMS)
  if (terms.length === 0) return null
  // A one-character prefix would merge the lists of every word starting with it (no prefix index
  // below 2 characters): a lone letter or digit is searched as a word.
  const prefix = (t: string) => [...t.replace(/[^\p{L}\p{N}]/gu, '')].length >= 2
  const quoted = terms.map((t, i) => `"${t.replaceAll('"', '""')}"${i === terms.length - 1 && prefix(t) ? '*' : ''}`)
  return { match: quoted.join(' '), any: quoted.join(' OR '), terms }
}

/** Texts longer than this get an excerpt only for the first few hits: snippet() reads the whole text. */
const LONG_TEXT_CHARS = 64 * 1024
const LONG_EXCERPTS = 3
/** Up to this many trashed files, a search without filters ranks the index alone and drops them after. */
const SMALL_TRASH = 1000

type Highlights = Partial<Record<SearchField, TextSegment[]>>

/** Full-text search over name, tags, note and the text inside files, ranked by bm25. */
export class SearchService {
  private readonly smallTrash: number

  /** `smallTrash` exists for tests, to take each ranking path on a small library. */
  constructor(
    private readonly db: Kysely<Database>,
    options: { smallTrash?: number } = {},
  ) {
    this.smallTrash = options.smallTrash ?? SMALL_TRASH
  }

  async search(input: SearchFilesInput): Promise<SearchResultDto> {
    const query = toFtsQuery(input.query)
    if (!query) return { hits: [], terms: [], more: false }
    const scope = await resolveScope(this.db, input)
    const ranked = await this.rank(query.match, scope, input.limit + 1)
    const top = ranked.slice(0, input.limit)
    const scores = new Map(top.map((r) => [r.id, r.score]))
    const files = await fileDtosByIds(this.db, top.map((r) => r.id))
    const marks = await this.highlights(query, top.map((r) => r.id))
    const hits: SearchHitDto[] = files.map((file) => {
      const { highlights, matchedIn } = marks.get(file.id) ?? { highlights: {}, matchedIn: [] }
      return { file, score: scores.get(file.id) ?? 0, matchedIn, highlights }
    })
    return { hits, terms: query.terms, more: ranked.length > input.limit }
  }

  /**
   * The best `count` matches by bm25 (ties by id). Only ids and scores go through the sort. With
   * no filter but "not in the trash" and a small trash, the index is ranked alone (no lookup of
   * each match's row, ~40% of the cost) and trashed files are dropped from a slightly longer list.
   */
  private async rank(match: string, scope: FileScope, count: number): Promise<Array<{ id: number; score: number }>> {
    const { filters } = scope
    const onlyLive = !filters.trashed && filters.kind === undefined && !hasDates(scope) && scope.tagId === null && scope.collectionIds === null
    if (onlyLive) {
      const trashed = await sql<{ n: number }>`SELECT count(*) AS n FROM files WHERE trashed_at IS NOT NULL`.execute(this.db)
      const extra = Number(trashed.rows[0]?.n ?? 0)
      if (extra <= this.smallTrash) {
        const { rows } = await sql<{ id: number; score: number }>`
          SELECT rowid AS id, bm25(files_fts, ${WEIGHTS}) AS score FROM files_fts
          WHERE files_fts MATCH ${match} ORDER BY score, rowid LIMIT ${count + extra}`.execute(this.db)
        if (extra === 0) return rows
        const { rows: gone } = await sql<{ id: number }>`
          SELECT id FROM files WHERE id IN ${idList(rows.map((r) => r.id))} AND trashed_at IS NOT NULL`.execute(this.db)
        const skip = new Set(gone.map((r) => r.id))
        return rows.filter((r) => !skip.has(r.id)).slice(0, count)
      }
    }
    const { rows } = await sql<{ id: number; score: number }>`
      SELECT f.id, bm25(files_fts, ${WEIGHTS}) AS score
      FROM files_fts CROSS JOIN files AS f ON f.id = files_fts.rowid
      WHERE files_fts MATCH ${match} AND ${whereAll(scopeConditions(scope))}
      ORDER BY score, f.id
      LIMIT ${count}`.execute(this.db)
    return rows
  }

  /**
   * Where each hit matched and the matched words, per field: the name and tags whole, the note
   * and text as an excerpt. One indexed lookup per hit, never a pass over every match. A very
   * long text gets its excerpt only in the first few hits (snippet() reads the whole text);
   * later ones still say that the text matched.
   * The CASTs matter: numbers are bound as REAL, and FTS5 (3.54) then ignores a `rowid =`
   * constraint next to MATCH and returns every match (see docs/DECISIONS.md).
   */
  private async highlights({ match, any }: FtsQuery, ids: number[]): Promise<Map<number, { highlights: Highlights; matchedIn: SearchField[] }>> {
    const out = new Map<number, { highlights: Highlights; matchedIn: SearchField[] }>()
    let longExcerpts = 0
    for (const id of ids) {
      const { rows } = await sql<{ name: string; tags: string; note: string; text: string | null; long: number }>`
        SELECT highlight(files_fts, 0, ${OPEN}, ${CLOSE}) AS name,
               highlight(files_fts, 1, ${OPEN}, ${CLOSE}) AS tags,
               snippet(files_fts, 2, ${OPEN}, ${CLOSE}, '…', ${SNIPPET_TOKENS}) AS note,
               CASE WHEN length(body) <= ${LONG_TEXT_CHARS} THEN snippet(files_fts, 3, ${OPEN}, ${CLOSE}, '…', ${SNIPPET_TOKENS}) END AS text,
               length(body) > ${LONG_TEXT_CHARS} AS long
        FROM files_fts WHERE files_fts MATCH ${match} AND rowid = CAST(${id} AS INTEGER)`.execute(this.db)
      const row = rows[0]
      if (!row) continue
      const longTextMatched = row.long ? await this.textMatches(any, id) : false
      if (longTextMatched && longExcerpts < LONG_EXCERPTS) {
        row.text = await this.longExcerpt(match, id)
        longExcerpts++
      }
      const highlights: Highlights = {}
      const matchedIn: SearchField[] = []
      for (const field of FIELDS) {
        const marked = row[field]
        if (typeof marked === 'string' && marked.includes(OPEN)) highlights[field] = toSegments(marked)
        if (highlights[field] || (field === 'text' && longTextMatched)) matchedIn.push(field)
      }
      out.set(id, { highlights, matchedIn })
    }
    return out
  }

  private async longExcerpt(match: string, id: number): Promise<string | null> {
    const { rows } = await sql<{ text: string }>`
      SELECT snippet(files_fts, 3, ${OPEN}, ${CLOSE}, '…', ${SNIPPET_TOKENS}) AS text
      FROM files_fts WHERE files_fts MATCH ${match} AND rowid = CAST(${id} AS INTEGER)`.execute(this.db)
    return rows[0]?.text ?? null
  }

  /** Whether any of the terms is in the text column (cheap: no text is read). */
  private async textMatches(any: string, id: number): Promise<boolean> {
    const { rows } = await sql<{ id: number }>`
      SELECT rowid AS id FROM files_fts WHERE files_fts MATCH ${`{body} : (${any})`} AND rowid = CAST(${id} AS INTEGER)`.execute(this.db)
    return rows.length > 0
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
