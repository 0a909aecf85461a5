/**
 * A window onto a keyset-paged list of files, for views that show 100,000 of them.
 *
 * The list is cut into pages of `pageSize` items; page k holds items [k·size, (k+1)·size).
 * Keyset paging cannot jump, so the cursor of each page is remembered (a short string each)
 * once the page before it was read, and a view that scrolls far ahead walks the pages in
 * between. Only `maxPages` pages of items are kept; a page that falls out is fetched again
 * from its remembered cursor in one request.
 *
 * When the length is known (the library's counts), pages near the end are read from the end
 * (the same listing in the opposite order), so dragging the scroll bar to the bottom of
 * 100,000 files costs one request, not 500.
 *
 * `refresh()` starts again from the first page (imports and deletions shift everything), but
 * keeps showing the previous items until the new ones for the same place have arrived, so
 * the view never flashes empty. Pure TypeScript: the fetch function is given, so it is tested
 * without a window.
 */
import type { ErrorDto, FileDto, FilePageDto } from '../../src-preload/contract'
import { FileChain } from './file-chain'
import type { FileSource } from './file-source'

export type { FileSource } from './file-source'

/** One page of the list, read from its start or (`reverse`) from its end. */
export type FetchFilePage = (cursor: string | undefined, limit: number, reverse: boolean) => Promise<FilePageDto>

export interface FilePagerOptions {
  pageSize?: number
  /** Pages of items kept in memory. */
  maxPages?: number
  /** How many files match, when known beforehand (from the library's counts); null when not. */
  knownTotal?: number | null
  /**
   * The known total is exact (not an estimate), so pages near the end may be read from the
   * end. Leave it off when the total may be off: the items would land in the wrong places.
   */
  exactTotal?: boolean
}

export class FilePager implements FileSource {
  readonly pageSize: number
  private readonly maxPages: number
  private knownTotal: number | null
  private readonly exactTotal: boolean
  /** The list read from its start, and (when its length is known) from its end. */
  private fwd: FileChain
  private back: FileChain
  /** The previous generation's items by index, shown until fresh ones replace them. */
  private stale = new Map<number, FileDto>()
  private staleCount: number | null = null
  private wanted: [number, number] = [0, 0]
  private lastUse = new Map<string, number>()
  private tick = 0
  private generation = 0
  private running = false
  private disposed = false
  private version = 0
  private listeners = new Set<() => void>()
  error: ErrorDto | null = null
  /** The highest file id read so far: a file with a higher one was added since. */
  maxId = 0

  constructor(
    private readonly fetchPage: FetchFilePage,
    options: FilePagerOptions = {},
  ) {
    this.pageSize = options.pageSize ?? 200
    this.maxPages = Math.max(4, options.maxPages ?? 30)
    this.knownTotal = options.knownTotal ?? null
    this.exactTotal = options.exactTotal ?? false
    this.fwd = this.chain(false)
    this.back = this.chain(true)
  }

  private chain(reverse: boolean): FileChain {
    return new FileChain((cursor, limit) => this.fetchPage(cursor, limit, reverse), this.pageSize)
  }

  // ── Reading ───────────────────────────────────────────────────────────────────────────

  /** The exact length when either end has been read to the other, else the known total. */
  private get total(): number | null {
    return this.fwd.end ?? this.back.end ?? (this.exactTotal ? this.knownTotal : null)
  }

  get count(): number {
    if (this.fwd.end !== null) return this.fwd.end
    if (this.back.end !== null) return this.back.end
    // One more page is promised by the last cursor read from the start.
    const reached = this.fwd.pages.size > 0 || this.fwd.knownPages > 1 ? this.fwd.knownPages * this.pageSize : 0
    return Math.max(this.knownTotal ?? 0, reached, this.staleCount ?? 0)
  }

  get exact(): boolean {
    return this.fwd.end !== null || this.back.end !== null
  }

  /** True once the first page of the current generation has been read (or failed). */
  get settled(): boolean {
    return this.fwd.pages.size > 0 || this.back.pages.size > 0 || this.exact || this.error !== null
  }

  get(index: number): FileDto | undefined {
    const total = this.total
    if (this.exact && total !== null && index >= total) return undefined
    return this.fwd.item(index) ?? (total !== null ? this.back.item(total - 1 - index) : undefined) ?? this.stale.get(index)
  }

  indexOf(id: number): number {
    for (const [page, items] of this.fwd.pages) {
      const at = items.findIndex((f) => f.id === id)
      if (at >= 0) return page * this.pageSize + at
    }
    const total = this.total
    if (total === null) return -1
    for (const [page, items] of this.back.pages) {
      const at = items.findIndex((f) => f.id === id)
      if (at >= 0) return total - 1 - (page * this.pageSize + at)
    }
    return -1
  }

  /** Every file in memory now (for "select all" when the list is not all loaded). */
  loadedItems(): FileDto[] {
    const byId = new Map<number, FileDto>()
    for (const chain of [this.fwd, this.back]) for (const items of chain.pages.values()) for (const f of items) byId.set(f.id, f)
    return [...byId.values()]
  }

  // ── Loading ───────────────────────────────────────────────────────────────────────────

  ensure(start: number, end: number): void {
    this.wanted = [Math.max(0, start), Math.max(0, start, end)]
    this.tick++
    for (const key of this.wantedPages()) this.lastUse.set(key, this.tick)
    void this.run()
  }

  retry(): void {
    this.error = null
    this.notify()
    void this.run()
  }

  /** Start again from the first page, showing the old items meanwhile. */
  refresh(knownTotal?: number | null): void {
    const previous = this.count
    const [first, last] = this.wanted
    for (let i = Math.max(0, first - this.pageSize); i <= last + this.pageSize; i++) {
      const item = this.get(i)
      if (item) this.stale.set(i, item)
    }
    // Keep the old length until the fresh pages arrive, so the scroll position holds.
    this.staleCount = previous
    if (knownTotal !== undefined) this.knownTotal = knownTotal
    this.generation++
    this.fwd = this.chain(false)
    this.back = this.chain(true)
    this.error = null
    this.running = false
    this.notify()
    void this.run()
  }

  setKnownTotal(knownTotal: number | null): void {
    if (this.knownTotal === knownTotal) return
    this.knownTotal = knownTotal
    this.notify()
  }

  /** Change loaded items in place (a preview appeared): no request needed. */
  patch(id: number, change: Partial<FileDto>): boolean {
    let found = false
    for (const chain of [this.fwd, this.back]) {
      for (const items of chain.pages.values()) {
        const at = items.findIndex((f) => f.id === id)
        if (at >= 0) {
          items[at] = { ...items[at]!, ...change }
          found = true
        }
      }
    }
    for (const [index, item] of this.stale) if (item.id === id) this.stale.set(index, { ...item, ...change })
    if (found) this.notify()
    return found
  }

  async itemsIn(start: number, end: number): Promise<FileDto[]> {
    const out: FileDto[] = []
    const generation = this.generation
    const alive = () => generation === this.generation
    for (let i = start; i <= end; i++) {
      let item = this.get(i)
      if (!item || this.stale.get(i) === item) {
        await this.fwd.load(Math.floor(i / this.pageSize), alive, (p) => this.loaded('f', p))
        item = this.fwd.item(i)
      }
      if (!item) break
      out.push(item)
    }
    return out
  }

  /** The ids of every matching file, up to `max` (walking pages without keeping them). */
  async allIds(max: number): Promise<number[]> {
    const ids: number[] = []
    let cursor: string | undefined
    do {
      const page = await this.fetchPage(cursor, Math.min(500, max - ids.length), false)
      for (const f of page.items) ids.push(f.id)
      cursor = page.nextCursor ?? undefined
    } while (cursor && ids.length < max)
    return ids
  }

  private async run(): Promise<void> {
    if (this.running || this.disposed || this.error) return
    this.running = true
    const generation = this.generation
    const alive = () => generation === this.generation && !this.disposed
    try {
      for (;;) {
        if (!alive()) return
        const task = this.nextTask()
        if (!task) break
        const chain = task.from === 'f' ? this.fwd : this.back
        await chain.load(task.page, alive, (p) => this.loaded(task.from, p))
      }
      if (alive() && (this.stale.size > 0 || this.staleCount !== null)) {
        this.stale.clear()
        this.staleCount = null
        this.notify()
      }
    } catch (err) {
      if (!alive()) return
      this.error = asErrorDto(err)
      this.notify()
    } finally {
      if (generation === this.generation) this.running = false
    }
  }

  /**
   * The next page to read for the wanted range: from the start, or from the end when the
   * length is known and the end is nearer (a scroll bar dragged to the bottom of 100,000).
   */
  private nextTask(): { from: 'f' | 'b'; page: number } | null {
    const [first, last] = this.wanted
    const size = this.pageSize
    const total = this.total
    for (let p = Math.floor(first / size); p <= Math.floor(last / size); p++) {
      if (this.fwd.beyondEnd(p) || (total !== null && this.exact && p * size >= total)) return null
      if (this.fwd.pages.has(p)) continue
      const lo = Math.max(first, p * size)
      const hi = Math.min(last, p * size + size - 1, total === null ? Infinity : total - 1)
      // No length known, or it says there is nothing here: read from the start, which tells.
      if (total === null || hi < lo) return { from: 'f', page: p }
      // The same items counted from the end.
      const tailPages: number[] = []
      for (let t = Math.floor((total - 1 - hi) / size); t <= Math.floor((total - 1 - lo) / size); t++) tailPages.push(t)
      const missing = tailPages.filter((t) => !this.back.pages.has(t))
      if (missing.length === 0) continue
      const backCost = Math.max(...missing.map((t) => this.back.cost(t)))
      if (backCost < this.fwd.cost(p)) return { from: 'b', page: missing[0]! }
      return { from: 'f', page: p }
    }
    return null
  }

  private loaded(from: 'f' | 'b', page: number): void {
    const chain = from === 'f' ? this.fwd : this.back
    for (const f of chain.pages.get(page) ?? []) if (f.id > this.maxId) this.maxId = f.id
    // Items read fresh replace the old ones at the same places.
    const total = this.total
    for (let o = 0; o < this.pageSize; o++) {
      const local = page * this.pageSize + o
      this.stale.delete(from === 'f' ? local : total === null ? -1 : total - 1 - local)
    }
    this.lastUse.set(`${from}${page}`, this.tick)
    this.evict()
    this.notify()
  }

  private *wantedPages(): Generator<string> {
    const [first, last] = this.wanted
    const size = this.pageSize
    for (let p = Math.floor(first / size); p <= Math.floor(last / size); p++) yield `f${p}`
    const total = this.total
    if (total === null) return
    for (let t = Math.floor((total - 1 - last) / size); t <= Math.floor((total - 1 - first) / size); t++) if (t >= 0) yield `b${t}`
  }

  /** Keeps at most `maxPages` pages: drops the least recently wanted ones, never a wanted one. */
  private evict(): void {
    const held = [...this.fwd.pages.keys()].map((p) => `f${p}`).concat([...this.back.pages.keys()].map((t) => `b${t}`))
    if (held.length <= this.maxPages) return
    const wanted = new Set(this.wantedPages())
    const candidates = held.filter((key) => !wanted.has(key)).sort((a, b) => (this.lastUse.get(a) ?? 0) - (this.lastUse.get(b) ?? 0))
    for (let excess = held.length - this.maxPages; excess > 0 && candidates.length > 0; excess--) {
      const key = candidates.shift()!
      ;(key[0] === 'f' ? this.fwd : this.back).pages.delete(Number(key.slice(1)))
    }
  }

  // ── Subscription (for useSyncExternalStore) ─────────────────────────────────────────────

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  getVersion = (): number => this.version

  dispose(): void {
    this.disposed = true
    this.generation++
    this.listeners.clear()
  }

  /** Pages of items held now (for tests and diagnostics). */
  get pagesInMemory(): number {
    return this.fwd.pages.size + this.back.pages.size
  }

  private notify(): void {
    this.version++
    for (const listener of this.listeners) listener()
  }
}

function asErrorDto(err: unknown): ErrorDto {
  if (err && typeof err === 'object' && 'code' in err && 'message' in err) {
    const { code, message, details } = err as ErrorDto
    return { code, message, details }
  }
  return { code: 'INTERNAL', message: err instanceof Error ? err.message : String(err) }
}
