/**
 * One preview maker per kind of content. The preview pipeline picks the maker for a file,
 * runs it off the main thread (worker or child process) and records what it returns:
 * the thumbnail (written to thumbs/), the facts (merged into files.metadata_json) and the
 * extracted text (put in the search index with where it came from).
 */

/** What a maker is given: the object on disk (never the user's original path) and its type. */
export interface MakerInput {
  /** Absolute path of the stored object (or of the in-place file of a watched folder). */
  path: string
  mime: string
  size: number
  /** Aborted at shutdown or when the file is trashed: stop promptly, return nothing. */
  signal: AbortSignal
}

/** Facts a maker can report; every field optional, merged into the file's metadata. */
export interface MadeFacts {
  width?: number
  height?: number
  orientation?: number
  /** ISO 8601: when the photo was taken / the recording made. */
  takenAt?: string
  format?: string
  durationSeconds?: number
  videoCodec?: string
  audioCodec?: string
  title?: string
  author?: string
  artist?: string
  album?: string
  pages?: number
  camera?: string
  gps?: { latitude: number; longitude: number; altitude?: number }
}

/** Where an extracted text came from: shown with a search hit ("found in the document text"). */
export type TextSource = 'document' | 'ocr'

export interface MadePreview {
  /**
   * An image the pipeline turns into the 256 px WebP thumbnail (any format sharp reads:
   * PNG/JPEG/raw). Absent when the kind has no picture (an audio file without a cover).
   */
  thumbnail?: Buffer
  /**
   * The thumbnail is already the 256 px WebP (the image maker decodes once and makes it in
   * the same pass): written as it is. Optional; absent means the pipeline resizes it.
   */
  thumbnailReady?: boolean
  facts: MadeFacts
  /** Text for the search index; large texts are capped by the pipeline. */
  text?: { source: TextSource; content: string }
  /** Set when the content has pages or images without a text layer and OCR should follow. */
  needsOcr?: boolean
}

export interface PreviewMaker {
  /** A short name for logs and docs ('pdf', 'video', 'audio', 'heic', 'text', 'image'). */
  name: string
  /** Whether this maker handles the content (by sniffed mime; kinds as in files.kind). */
  accepts(mime: string): boolean
  make(input: MakerInput): Promise<MadePreview>
}
