import type { ErrorDto, FileDto } from '../../src-preload/contract'

/** What a view needs from any list of files, paged or not. */
export interface FileSource {
  /** How many items the view lays out (exact once `exact`; an estimate before). */
  readonly count: number
  readonly exact: boolean
  get(index: number): FileDto | undefined
  /** Ask for the items in [start, end] (inclusive) to be loaded. */
  ensure(start: number, end: number): void
  /** The items in [start, end], loading what is not in memory. */
  itemsIn(start: number, end: number): Promise<FileDto[]>
  indexOf(id: number): number
  /** The ids of every item, up to `max`, in order. */
  allIds(max: number): Promise<number[]>
  /** The items in memory now. */
  loadedItems(): FileDto[]
  readonly error: ErrorDto | null
  readonly settled: boolean
}

/**
 * A list of files held whole (search results) behind the same interface as the pager. The
 * same object is refilled when the results are read again, so a selection in it survives.
 */
export class StaticFileSource implements FileSource {
  readonly exact = true
  error: ErrorDto | null = null
  settled = false
  private items: readonly FileDto[] = []

  setItems(items: readonly FileDto[]): void {
    this.items = items
    this.settled = true
    this.error = null
  }

  get count(): number {
    return this.items.length
  }
  get(index: number): FileDto | undefined {
    return this.items[index]
  }
  ensure(): void {}
  async itemsIn(start: number, end: number): Promise<FileDto[]> {
    return this.items.slice(start, end + 1)
  }
  indexOf(id: number): number {
    return this.items.findIndex((f) => f.id === id)
  }
  async allIds(max: number): Promise<number[]> {
    return this.items.slice(0, max).map((f) => f.id)
  }
  loadedItems(): FileDto[] {
    return [...this.items]
  }
}
