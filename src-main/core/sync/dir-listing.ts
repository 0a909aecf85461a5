import { createHash } from 'node:crypto'

/**
 * A folder's listing as one short digest: the names (as on disk), sizes and mtimes of its
 * files. A rescan compares it with the listing stored when the folder's records last matched
 * its files exactly; equal means nothing in that folder changed, so no record of it needs a look.
 */
const FORMAT = 'v1'

export interface ListedFile {
  /** The file's name as it is on disk (no folder). */
  name: string
  size: number
  mtimeMs: number
}

export function listingDigest(files: readonly ListedFile[]): string {
  const sorted = [...files].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
  const hash = createHash('sha1').update(FORMAT)
  for (const f of sorted) hash.update(`\n${f.name}\u0000${f.size}\u0000${f.mtimeMs}`)
  return hash.digest('base64')
}

/** The last part of a POSIX relative path. */
export const lastPart = (relPath: string): string => relPath.slice(relPath.lastIndexOf('/') + 1)
