import { createHash } from 'node:crypto'

/**
 * A folder's listing as one short digest: the names (as on disk), sizes and mtimes of its
 * files. A rescan compares it with the listing stored when the folder's records last matched
 * its files exactly; equal means nothing in that folder changed, so no record of it needs a look.
 */
const FORMAT = 'v2'

/**
 * The digest of files given as parallel lists: names as on disk, sizes and mtimes. Taken in name
 * order (so the order they were listed in does not matter), hashed as the names joined by NUL
 * (which no name holds) and the numbers as raw doubles: nothing formatted per file.
 */
export function listingDigest(names: readonly string[], sizes: ArrayLike<number>, mtimes: ArrayLike<number>): string {
  const n = names.length
  const order = new Array<number>(n)
  for (let i = 0; i < n; i++) order[i] = i
  order.sort((a, b) => (names[a]! < names[b]! ? -1 : names[a]! > names[b]! ? 1 : 0))
  const sorted = new Array<string>(n)
  const numbers = new Float64Array(n * 2)
  for (let k = 0; k < n; k++) {
    const i = order[k]!
    sorted[k] = names[i]!
    numbers[2 * k] = sizes[i]!
    numbers[2 * k + 1] = mtimes[i]!
  }
  return createHash('sha1').update(FORMAT).update(sorted.join('\u0000')).update(new Uint8Array(numbers.buffer)).digest('base64')
}

/**
 * The listing of walked entries, by their whole relative path as on disk: a folder respelled
 * (case, Unicode form) on the way to them changes it too, so its records get the new spelling.
 */
export function entriesDigest(entries: readonly { diskRel: string; size: number; mtimeMs: number }[]): string {
  const n = entries.length
  const names = new Array<string>(n)
  const sizes = new Float64Array(n)
  const mtimes = new Float64Array(n)
  for (let i = 0; i < n; i++) {
    const e = entries[i]!
    names[i] = e.diskRel
    sizes[i] = e.size
    mtimes[i] = e.mtimeMs
  }
  return listingDigest(names, sizes, mtimes)
}

/** The listing of recorded files (their paths as on disk). */
export function recordsDigest(records: readonly { rel_path: string; disk_path: string | null; size: number; mtime_ms: number }[]): string {
  return entriesDigest(records.map((r) => ({ diskRel: r.disk_path ?? r.rel_path, size: r.size, mtimeMs: r.mtime_ms })))
}
