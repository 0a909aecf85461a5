/**
 * One direction of a keyset-paged list: the pages read so far and the cursor of each page that
 * can be reached. Page k holds the items [k·size, (k+1)·size) counted from this direction's
 * start. Keyset paging cannot jump: reaching page k means reading the pages before it whose
 * cursors are not known yet, one request each.
 */
import type { FileDto, FilePageDto } from '../../src-preload/contract'

export type FetchChainPage = (cursor: string | undefined, limit: number) => Promise<FilePageDto>

export class FileChain {
  readonly pages = new Map<number, FileDto[]>()
  /** cursors[k] fetches page k; page 0 needs none. */
  private cursors: Array<string | undefined> = [undefined]
  /** The number of items, once the last page was read. */
  end: number | null = null

  constructor(
    private readonly fetch: FetchChainPage,
    readonly size: number,
  ) {}

  item(index: number): FileDto | undefined {
    return this.pages.get(Math.floor(index / this.size))?.[index % this.size]
  }

  /** Items certainly there: every page before the last known cursor is full. */
  get reached(): number {
    return this.end ?? (this.cursors.length > 1 ? (this.cursors.length - 1) * this.size : 0)
  }

  /** How many pages are known to exist (read, or promised by a cursor). */
  get knownPages(): number {
    return this.cursors.length
  }

  beyondEnd(page: number): boolean {
    return this.end !== null && page * this.size >= this.end
  }

  /** Requests needed to have page k: the walk to it, and the page itself. */
  cost(page: number): number {
    if (this.pages.has(page) || this.beyondEnd(page)) return 0
    return Math.max(0, page - (this.cursors.length - 1)) + 1
  }

  /**
   * Reads page `target` (and the pages before it whose cursors are unknown). `alive` says
   * whether the answer is still wanted (no refresh since); `onPage` sees every page read.
   */
  async load(target: number, alive: () => boolean, onPage: (page: number) => void): Promise<FileDto[] | undefined> {
    while (this.cursors.length <= target) {
      if (this.end !== null) return undefined
      await this.read(this.cursors.length - 1, alive, onPage)
      if (!alive()) return undefined
    }
    if (this.beyondEnd(target)) return undefined
    return this.pages.get(target) ?? this.read(target, alive, onPage)
  }

  private async read(page: number, alive: () => boolean, onPage: (page: number) => void): Promise<FileDto[] | undefined> {
    const result = await this.fetch(this.cursors[page], this.size)
    if (!alive()) return undefined
    if (result.nextCursor) {
      this.cursors[page + 1] = result.nextCursor
    } else {
      this.end = page * this.size + result.items.length
      this.cursors.length = page + 1
    }
    this.pages.set(page, result.items)
    onPage(page)
    return result.items
  }
}
