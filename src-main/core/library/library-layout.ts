import { join } from 'node:path'

/** Where each part of a library lives inside its folder (DESIGN.md, "The library on disk"). */
export interface LibraryLayout {
  root: string
  database: string
  objects: string
  thumbs: string
  vault: string
  vaultObjects: string
  tmp: string
  /** Staging of resumable uploads: kept across restarts (unlike tmp/, emptied at every start). */
  uploads: string
}

export const DATABASE_FILE = 'trove.db'

export function libraryLayout(root: string): LibraryLayout {
  return {
    root,
    database: join(root, DATABASE_FILE),
    objects: join(root, 'objects'),
    thumbs: join(root, 'thumbs'),
    vault: join(root, 'vault'),
    vaultObjects: join(root, 'vault', 'objects'),
    tmp: join(root, 'tmp'),
    uploads: join(root, 'uploads'),
  }
}

/** The folders created when a library is prepared, parents first. */
export const layoutFolders = (layout: LibraryLayout): string[] => [
  layout.objects,
  layout.thumbs,
  layout.vault,
  layout.vaultObjects,
  layout.tmp,
  layout.uploads,
]
