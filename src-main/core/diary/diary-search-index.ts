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
  /**
   * word → numbers of the documents that contain it (each number once, in insertion order).
   * Arrays of small integers, not sets of ids: a diary of 5,000 long entries is a million
   * postings, and this keeps building the index at unlock cheap.
   */
  private readonly postings = new Map<string, number[]>()
  /** Document number → its entry id and title words; null once replaced or removed. */
  private docs: Array<{ id: string; titleWords: Set<string> } | null> = []
  private readonly numberOf = new Map<string, number>()
  private dead = 0

  put(entry: IndexedEntry): void {
    this.remove(entry.id)
    const titleWords = new Set(words(entry.title))
    const n = this.docs.length
    this.docs.push({ id: entry.id, titleWords })
    this.numberOf.set(entry.id, n)
    const add = (list: string[]) => {
      for (const word of list) {
        const postings = this.postings.get(word)
        // This document is the newest: a repeated word finds itself at the end of its list.
        if (!postings) this.postings.set(word, [n])
        else if (postings[postings.length - 1] !== n) postings.push(n)
      }
    }
    add([...titleWords])
    add(words(entry.body))
    for (const tag of entry.tags) add(words(tag))
  }

  /** Forgets an entry (its postings are skipped, and dropped at the next compaction). */
  remove(id: string): void {
    const n = this.numberOf.get(id)
    if (n === undefined) return
    this.numberOf.delete(id)
    this.docs[n] = null
    if (++this.dead > 1000 && this.dead > this.numberOf.size) this.compact()
  }

  clear(): void {
    this.postings.clear()
    this.docs = []
    this.numberOf.clear()
    this.dead = 0
  }

  get size(): number {
    return this.numberOf.size
  }

  /** Ids of entries having every term (as a word or a word's prefix), best first. */
  query(terms: string[]): IndexHit[] {
    if (terms.length === 0) return []
    let result: Map<number, number> | null = null
    for (const term of terms) {
      const matching = new Map<number, number>()
      for (const [word, list] of this.postings) {
        if (!word.startsWith(term)) continue
        const score = word === term ? 2 : 1
        for (const n of list) {
          if (this.docs[n] && (matching.get(n) ?? 0) < score) matching.set(n, score)
        }
      }
      const previous: Map<number, number> | null = result
      result = new Map()
      for (const [n, score] of matching) {
        if (previous && !previous.has(n)) continue
        const inTitle = [...this.docs[n]!.titleWords].some((w) => w.startsWith(term)) ? 3 : 0
        result.set(n, (previous?.get(n) ?? 0) + score + inTitle)
      }
      if (result.size === 0) return []
    }
    return [...(result ?? new Map<number, number>())].map(([n, score]) => ({ id: this.docs[n]!.id, score })).sort((a, b) => b.score - a.score)
  }

  /** Renumbers the live documents and drops the postings of the dead ones. */
  private compact(): void {
    const renumber = new Map<number, number>()
    const docs: typeof this.docs = []
    this.docs.forEach((doc, n) => {
      if (!doc) return
      renumber.set(n, docs.length)
      this.numberOf.set(doc.id, docs.length)
      docs.push(doc)
    })
    for (const [word, list] of this.postings) {
      const kept = list.flatMap((n) => (renumber.has(n) ? [renumber.get(n)!] : []))
      if (kept.length) this.postings.set(word, kept)
      else this.postings.delete(word)
    }
    this.docs = docs
    this.dead = 0
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
