import type { ErrorDto, ImportRecordDto, JobDto } from '../../../src-preload/contract'

export type OutcomeName = ImportRecordDto['outcome']

/** What became of one file, from an upload's finish or from the import history. */
export interface FileOutcome {
  name: string
  outcome: OutcomeName
  /** An error code, or ALREADY_EXISTS for a duplicate. */
  reasonCode: string | null
  /** The server's own sentence: "Already in the library since …", or why it was not stored. */
  reasonMessage: string | null
  size: number | null
  fileId: number | null
}

/** Where an import puts its files: the library only, or also a collection. */
export interface ImportTarget {
  collectionId: number
  collectionName: string
}

export type UploadItemState = 'queued' | 'uploading' | 'finishing' | 'done' | 'cancelled'

/** One file of an upload import (content without a path: a browser drop, a paste). */
export interface UploadItem {
  key: string
  name: string
  /** Folder names from the dropped folder down to the file ([] for a file dropped alone). */
  folders: string[]
  size: number
  /** Bytes the library has acknowledged. */
  received: number
  state: UploadItemState
  /** Where an interrupted upload of the same file continued from, when it did. */
  resumedFrom: number | null
  outcome: FileOutcome | null
  /** A failure that did not come back as an outcome (the connection, reading the file…). */
  error: ErrorDto | null
  /** Set when the library kept the bytes and finishing may be tried again. */
  retryUploadId: string | null
}

interface ImportBase {
  /** Local id of this import in the panel. */
  id: string
  batchId: string
  /** "3 files", "Photos", "Pasted image.png". */
  label: string
  target: ImportTarget | null
  startedAt: number
  finishedAt: number | null
  /** Things worth saying that are not per file ("2 system files were skipped"). */
  notes: string[]
}

/** Files and folders with paths on this computer (the desktop app): one job in main. */
export interface PathImport extends ImportBase {
  kind: 'paths'
  jobId: string
  job: JobDto | null
  /** Outcomes read from the import history for this batch (newest first). */
  records: FileOutcome[]
  /** More records exist than were read. */
  recordsTruncated: boolean
  recordsError: ErrorDto | null
}

/** Content without a path, sent in chunks. */
export interface UploadImport extends ImportBase {
  kind: 'uploads'
  items: UploadItem[]
  cancelled: boolean
}

export type ImportEntry = PathImport | UploadImport

export interface ImportsSnapshot {
  /** This window's imports, newest first. */
  entries: ImportEntry[]
  /** Running and recently finished jobs of main, newest first. */
  jobs: JobDto[]
  panelOpen: boolean
  /** Goes up each time an import finishes, so lists can read again. */
  finishedCount: number
}

/** The numbers the panel and the header show for an import. */
export interface ImportProgress {
  running: boolean
  itemsDone: number
  itemsTotal: number | null
  bytesDone: number
  bytesTotal: number | null
  current: string | null
}
