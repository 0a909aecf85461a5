import { sql, type Kysely } from 'kysely'
import type { SearchField, SearchFilesInput, SearchHitDto, SearchResultDto, TextSegment } from '../../../src-preload/contract/files'
import type { Database } from '../db/schema'
import { fileDtosByIds, idList } from './file-dto'
import { onlyTrashState, resolveScope, scopeConditions, whereAll, type FileScope } from './file-filters'

/** bm25 weights of files_fts's columns (name, tags, note, body, ocr): a name match counts most. */
const WEIGHTS = sql.raw('10.0, 5.0, 3.0, 1.0, 1.0')
/** Markers around matched words in highlight()/snippet() output: control characters that names never contain. */
const OPEN = '\u0002'
const CLOSE = '\u0003'
/** Words of context in a note or text excerpt. */
const SNIPPET_TOKENS = 14
const MAX_TERMS = 32

/** The columns of files_fts in order, as the contract names them ('text' is body: the file's own text; 'ocr' is text read by OCR). */
const FIELDS: SearchField[] = ['name', 'tags', 'note', 'text', 'ocr']

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

/**
 * snippet() reads and tokenizes the whole text (0.3 ms for 7 KB, 9 ms for 750 KB), so one search
 * makes excerpts of at most this much text, best hits first; later hits still say 'text' matched.
 */
const TEXT_BUDGET_CHARS = 256 * 1024

type Highlights = Partial<Record<SearchField, TextSegment[]>>
type Ranked = { id: number; score: number }

/** Full-text search over name, tags, note and the text inside files, ranked by bm25. */
export class SearchService {
  private readonly rankIndexAlone: boolean

  /** `rankIndexAlone: false` exists for tests, to take the other ranking path on a small library. */
  constructor(
    private readonly db: Kysely<Database>,
    options: { rankIndexAlone?: boolean } = {},
  ) {
    this.rankIndexAlone = options.rankIndexAlone ?? true
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
   * The best `count` matches by bm25 (ties by id); only ids and scores go through the sort. With
   * no filter but "not in the trash", the index is ranked alone (looking up each match's row was
   * ~40% of the cost) for twice the hits needed, and trashed ones are dropped; only when the trash
   * took too many of them does the query run again, checking each match's row.
   */
  private async rank(match: string, scope: FileScope, count: number): Promise<Ranked[]> {
    const { filters } = scope
    const onlyLive = !filters.trashed && onlyTrashState(scope)
    if (onlyLive && this.rankIndexAlone) {
      const want = count * 2 + 10
      const { rows } = await sql<Ranked>`
        SELECT rowid AS id, bm25(files_fts, ${WEIGHTS}) AS score FROM files_fts
        WHERE files_fts MATCH ${match} ORDER BY score, rowid LIMIT ${want}`.execute(this.db)
      const { rows: trashed } = await sql<{ id: number }>`
        SELECT id FROM files WHERE id IN ${idList(rows.map((r) => r.id))} AND trashed_at IS NOT NULL`.execute(this.db)
      const skip = new Set(trashed.map((r) => r.id))
      const live = rows.filter((r) => !skip.has(r.id))
      // Complete when enough are left, or when these were all the matches there are.
      if (live.length >= count || rows.length < want) return live.slice(0, count)
    }
    const { rows } = await sql<Ranked>`
      SELECT f.id, bm25(files_fts, ${WEIGHTS}) AS score
      FROM files_fts CROSS JOIN files AS f ON f.id = files_fts.rowid
      WHERE files_fts MATCH ${match} AND ${whereAll(scopeConditions(scope))}
      ORDER BY score, f.id
      LIMIT ${count}`.execute(this.db)
    return rows
  }

  /**
   * Where each hit matched and the matched words, per field: the name and tags whole, the note
   * and text as an excerpt (text excerpts within TEXT_BUDGET_CHARS, best hits first; a hit past
   * it still lists 'text' when its text matched). The text lengths come first, straight from the
   * index's rows by id; then one pass over the matches makes every highlight and excerpt (a pass
   * walks the whole word list, which is most of the cost for a common word), and only when
   * some text was too long for an excerpt, one cheap column-filter pass says whether it matched.
   */
  private async highlights({ match, any }: FtsQuery, ids: number[]): Promise<Map<number, { highlights: Highlights; matchedIn: SearchField[] }>> {
    const out = new Map<number, { highlights: Highlights; matchedIn: SearchField[] }>()
    if (ids.length === 0) return out
    const { rows: lengths } = await sql<{ id: number; length: number }>`
      SELECT rowid AS id, coalesce(length(body), 0) + coalesce(length(ocr), 0) AS length FROM files_fts WHERE rowid IN ${idList(ids)}`.execute(this.db)
    const lengthOf = new Map(lengths.map((r) => [r.id, r.length]))
    let budget = TEXT_BUDGET_CHARS
    const excerpt: number[] = []
    const check: number[] = []
    for (const id of ids) {
      const length = lengthOf.get(id) ?? 0
      if (length === 0) continue
      if (length <= budget) {
        budget -= length
        excerpt.push(id)
      } else {
        check.push(id)
      }
    }
    // snippet() of the texts only for the rows within the budget: CASE evaluates it for those alone.
    const { rows } = await sql<{ id: number; name: string; tags: string; note: string; text: string | null; ocr: string | null }>`
      SELECT rowid AS id,
             highlight(files_fts, 0, ${OPEN}, ${CLOSE}) AS name,
             highlight(files_fts, 1, ${OPEN}, ${CLOSE}) AS tags,
             snippet(files_fts, 2, ${OPEN}, ${CLOSE}, '…', ${SNIPPET_TOKENS}) AS note,
             CASE WHEN +rowid IN ${idList(excerpt)} THEN snippet(files_fts, 3, ${OPEN}, ${CLOSE}, '…', ${SNIPPET_TOKENS}) END AS text,
             CASE WHEN +rowid IN ${idList(excerpt)} THEN snippet(files_fts, 4, ${OPEN}, ${CLOSE}, '…', ${SNIPPET_TOKENS}) END AS ocr
      FROM files_fts WHERE files_fts MATCH ${match} AND ${onlyRows(ids)}`.execute(this.db)
    const textMatched = new Set<number>()
    const ocrMatched = new Set<number>()
    if (check.length) {
      // Whether any term is in the text columns: column filters, which read no text.
      for (const [column, matched] of [['body', textMatched], ['ocr', ocrMatched]] as const) {
        const { rows: found } = await sql<{ id: number }>`
          SELECT rowid AS id FROM files_fts WHERE files_fts MATCH ${`{${column}} : (${any})`} AND ${onlyRows(check)}`.execute(this.db)
        for (const r of found) matched.add(r.id)
      }
    }
    const byId = new Map(rows.map((r) => [r.id, r]))
    for (const id of ids) {
      const row = byId.get(id)
      if (!row) continue
      const marked: Record<SearchField, string | null> = { name: row.name, tags: row.tags, note: row.note, text: row.text, ocr: row.ocr }
      const highlights: Highlights = {}
      const matchedIn: SearchField[] = []
      for (const field of FIELDS) {
        if (marked[field]?.includes(OPEN)) highlights[field] = toSegments(marked[field]!)
        if (highlights[field] || (field === 'text' && textMatched.has(id)) || (field === 'ocr' && ocrMatched.has(id))) matchedIn.push(field)
      }
      out.set(id, { highlights, matchedIn })
    }
    return out
  }
}

/**
 * Restricts a MATCH query to some rows in one pass over the matches: FTS5 takes the rowid range,
 * and the list (kept from FTS5 by the unary +) filters within it. Cheaper than a statement per
 * row, each of which loads the query's word lists again. The CASTs matter: numbers are bound as
 * REAL, and FTS5 (3.54) ignores `rowid = <REAL>` next to MATCH, returning every match (see
 * docs/DECISIONS.md).
 */
const onlyRows = (ids: number[]) =>
  sql`rowid >= CAST(${Math.min(...ids)} AS INTEGER) AND rowid <= CAST(${Math.max(...ids)} AS INTEGER) AND +rowid IN ${idList(ids)}`

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
