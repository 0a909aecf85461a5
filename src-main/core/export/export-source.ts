import type { Readable } from 'node:stream'

/** What the sidecar says about one exported file (`trove-export.json`, `files[]`). */
export interface ExportRecord {
  /** Where it was written, relative to the export folder, with `/` between levels. */
  path: string
  sha256: string
  size: number
  mime: string
  kind: string
  /** The name Trove shows. */
  name: string
  /** Every name the content arrived under (imports, uploads, watched copies). */
  originalNames: string[]
  tags: string[]
  note: string
  sources: { kind: string; path: string; folder: string | null; originalName: string; available: boolean; firstSeenAt: string; lastSeenAt: string }[]
  /** Each collection the file is in, as a path of names from the top level ("Trips/2024"). */
  collections: string[]
  addedAt: string
  modifiedAt: string | null
  metadata: Record<string, unknown>
}

/** One thing to write into the export folder. */
export interface ExportItem {
  /** Folder names below the export root (made safe and unique by the writer). */
  folder: string[]
  /** The wanted file name (made safe and unique by the writer). */
  name: string
  /** Checked against the bytes while they are copied; null for generated content. */
  sha256: string | null
  /** Set as the written file's modified time. */
  modifiedAt: number
  /** The bytes. Throws an AppError when they cannot be read (missing object, offline folder). */
  open(): Promise<Readable>
  /** The sidecar entry, without `path` (the writer knows it only once the name is chosen). */
  record: Omit<ExportRecord, 'path'> | null
}

/**
 * Something that can be exported. Library files (a selection, a collection with its
 * subcollections, a tag) are one kind; diary entries (Markdown plus their media, only while
 * unlocked and only on explicit request) are meant to be another: a source whose items open
 * decrypted streams and carry `record: null` or their own sidecar data. The writer knows
 * nothing about where items come from.
 */
export interface ExportSource {
  /** `files`, `collection`, `tag` (later `diary`). */
  kind: string
  /** A folder name for the export when the destination already holds something. */
  label: string
  /** Recorded as `source` in the sidecar. */
  description: Record<string, unknown>
  /** How many items `items()` will yield (for progress). */
  count(): Promise<number>
  /** The items, in batches from the database; folders before their subfolders. */
  items(signal: AbortSignal): AsyncIterable<ExportItem>
}
