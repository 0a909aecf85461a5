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
  // One line per file; sorting the lines sorts by name ('\u0000' ends a name, below any character).
  const lines = new Array<string>(files.length)
  for (let i = 0; i < files.length; i++) {
    const f = files[i]!
    lines[i] = `${f.name}\u0000${f.size}\u0000${f.mtimeMs}`
  }
  lines.sort()
  return createHash('sha1').update(`${FORMAT}\n${lines.join('\n')}`).digest('base64')
}

/** The listing of walked entries (their names as on disk). */
export function entriesDigest(entries: readonly { diskRel: string; size: number; mtimeMs: number }[]): string {
  const files = new Array<ListedFile>(entries.length)
  for (let i = 0; i < entries.length; i++) {
    const e = entries[i]!
    files[i] = { name: lastPart(e.diskRel), size: e.size, mtimeMs: e.mtimeMs }
  }
  return listingDigest(files)
}

/** The last part of a POSIX relative path. */
export const lastPart = (relPath: string): string => relPath.slice(relPath.lastIndexOf('/') + 1)
