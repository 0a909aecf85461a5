import type { TextSegment } from '../../../src-preload/contract/files'

/**
 * Search inside the diary, held in memory only: an inverted index from words to entry ids,
 * built from the opened entries after unlocking and dropped with them at lock. Nothing of it
 * is ever written (the library's FTS index never sees the diary).
 *
 * Words are letters and digits (any script), folded to lowercase NFC; a query matches entries
 * that have every query word as a word or a word's beginning ("walk" finds "walked").
 */

const WORD = /[\p{L}\p{N}]+/gu
const SNIPPET_CHARS = 160

export const fold = (text: string) => text.normalize('NFC').toLowerCase()

export function words(text: string): string[] {
  return fold(text).match(WORD) ?? []
}

export interface IndexedEntry {
  id: string
  title: string
  body: string
  tags: string[]
}

export interface IndexHit {
  id: string
  score: number
}

export class DiarySearchIndex {
  /** word → ids of the entries that contain it. */
  private readonly postings = new Map<string, Set<string>>()
  /** id → the words indexed for it (to remove them again), and its title words (to rank). */
  private readonly docs = new Map<string, { words: Set<string>; titleWords: Set<string> }>()

  put(entry: IndexedEntry): void {
    this.remove(entry.id)
    const titleWords = new Set(words(entry.title))
    const all = new Set([...titleWords, ...words(entry.body), ...entry.tags.flatMap(words)])
    for (const word of all) {
      let ids = this.postings.get(word)
      if (!ids) this.postings.set(word, (ids = new Set()))
      ids.add(entry.id)
    }
    this.docs.set(entry.id, { words: all, titleWords })
  }

  remove(id: string): void {
    const doc = this.docs.get(id)
    if (!doc) return
    for (const word of doc.words) {
      const ids = this.postings.get(word)
      ids?.delete(id)
      if (ids?.size === 0) this.postings.delete(word)
    }
    this.docs.delete(id)
  }

  clear(): void {
    this.postings.clear()
    this.docs.clear()
  }

  get size(): number {
    return this.docs.size
  }

  /** Ids of entries having every term (as a word or a word's prefix), best first. */
  query(terms: string[]): IndexHit[] {
    if (terms.length === 0) return []
    let result: Map<string, number> | null = null
    for (const term of terms) {
      const matching = new Map<string, number>()
      for (const [word, ids] of this.postings) {
        if (!word.startsWith(term)) continue
        const exact = word === term ? 2 : 1
        for (const id of ids) matching.set(id, Math.max(matching.get(id) ?? 0, exact))
      }
      const previous: Map<string, number> | null = result
      result = new Map()
      for (const [id, score] of matching) {
        if (previous && !previous.has(id)) continue
        const inTitle = [...(this.docs.get(id)?.titleWords ?? [])].some((w) => w.startsWith(term)) ? 3 : 0
        result.set(id, (previous?.get(id) ?? 0) + score + inTitle)
      }
      if (result.size === 0) return []
    }
    return [...(result ?? new Map<string, number>())].map(([id, score]) => ({ id, score })).sort((a, b) => b.score - a.score)
  }
}

/** The text cut into segments, with each word that starts with a term marked. */
export function highlight(text: string, terms: string[]): TextSegment[] {
  const segments: TextSegment[] = []
  let last = 0
  for (const match of text.matchAll(WORD)) {
    const word = fold(match[0])
    if (!terms.some((t) => word.startsWith(t))) continue
    const start = match.index
    if (start > last) segments.push({ text: text.slice(last, start), match: false })
    segments.push({ text: match[0], match: true })
    last = start + match[0].length
  }
  if (last < text.length) segments.push({ text: text.slice(last), match: false })
  return segments
}

/** About SNIPPET_CHARS of `text` around its first matching word, highlighted; empty if none. */
export function snippet(text: string, terms: string[]): TextSegment[] {
  const flat = text.replace(/\s+/g, ' ').trim()
  let first = -1
  for (const match of flat.matchAll(WORD)) {
    if (terms.some((t) => fold(match[0]).startsWith(t))) {
      first = match.index
      break
    }
  }
  if (first < 0) return []
  const start = Math.max(0, first - SNIPPET_CHARS / 4)
  const end = Math.min(flat.length, start + SNIPPET_CHARS)
  const cut = `${start > 0 ? '…' : ''}${flat.slice(start, end)}${end < flat.length ? '…' : ''}`
  return highlight(cut, terms)
}
