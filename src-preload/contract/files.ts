import { z } from 'zod'
import { idSchema } from './common'
import { defineEvent, defineMethod } from './define'
import type { TagRefDto } from './tags'

export const FILE_KIND_NAMES = ['image', 'video', 'audio', 'document', 'text', 'archive', 'other'] as const
export type FileKindName = (typeof FILE_KIND_NAMES)[number]
export const fileKindSchema = z.enum(FILE_KIND_NAMES)

/** One file of the library (one content), as every list, search and detail view shows it. */
export interface FileDto {
  id: number
  sha256: string
  /** Display name (sanitised when imported). */
  name: string
  kind: FileKindName
  mime: string
  /** Extension of the stored object, lowercase, without the dot ('' for none). */
  ext: string
  size: number
  /** Epoch milliseconds. */
  addedAt: number
  /** The source file's modification time when it was imported, if known. */
  modifiedAt: number | null
  note: string
  /** Sorted by name. */
  tags: TagRefDto[]
  /** False when the object is missing from the library folder (found by a check). */
  stored: boolean
  /** When it was put in the trash; null when it is not in the trash. */
  trashedAt: number | null
  previewState: 'pending' | 'done' | 'failed' | 'none'
  /** What was read from the file: width, height, duration, takenAt, pages… (varies by kind). */
  metadata: Record<string, unknown>
}

/** Where a file came from or lives. `path` is informational: it is never opened for the renderer. */
export interface FileSourceDto {
  kind: 'upload' | 'import' | 'watch'
  path: string
  originalName: string
  available: boolean
  firstSeenAt: number
  lastSeenAt: number
}

/** A collection a file is in, with the names from the top level down to it. */
export interface CollectionRefDto {
  id: number
  name: string
  path: string[]
}

export interface FileDetailDto extends FileDto {
  sources: FileSourceDto[]
  collections: CollectionRefDto[]
}

export interface FilePageDto {
  items: FileDto[]
  /** Pass as `cursor` for the next page; null on the last page. */
  nextCursor: string | null
}

/**
 * Where a search matched: the name, a tag, the note, the text the file holds ('text': a text
 * file, a PDF's text layer) or text read from its images and scanned pages by OCR ('ocr').
 */
export type SearchField = 'name' | 'tags' | 'note' | 'text' | 'ocr'

/** A piece of text; `match` marks what the search matched. Render as text, never as HTML. */
export interface TextSegment {
  text: string
  match: boolean
}

export interface SearchHitDto {
  file: FileDto
  /** bm25 score: lower is better (hits are already in that order). */
  score: number
  /** Where the words were found, most telling first. */
  matchedIn: SearchField[]
  /**
   * For each field that matched: the name and tags whole, the note, text and OCR text as a short
   * excerpt. Text excerpts are made for the best hits up to 256 KiB of text per search (a long
   * text costs its whole length); a hit past that lists 'text'/'ocr' in `matchedIn` without one.
   */
  highlights: Partial<Record<SearchField, TextSegment[]>>
}

/** Text Trove found in a file, by where it came from: the start of each, and its whole length. */
export interface ExtractedTextDto {
  /** The text the file itself holds (a text file, a PDF's text layer). */
  document: { text: string; length: number }
  /** Text read from its pictures or scanned pages by OCR. */
  ocr: { text: string; length: number }
}

export interface SearchResultDto {
  hits: SearchHitDto[]
  /** The words searched for, as understood (empty when the query had no letters or digits). */
  terms: string[]
  /** True when more files matched than `limit`: ask for more, or narrow the search. */
  more: boolean
}

export interface KindStatsDto {
  count: number
  bytes: number
}

export interface LibraryStatsDto {
  /** Files not in the trash, by kind (every kind present, zero when none). */
  byKind: Record<FileKindName, KindStatsDto>
  live: KindStatsDto
  trashed: KindStatsDto
  /** Bytes of the copies the library folder holds (live and trashed; not files indexed in place). */
  storedBytes: number
  /** Entries whose object is missing from the library folder. */
  missing: number
  tags: number
  collections: number
  /** Import outcomes of the last 30 days. */
  imports30d: { stored: number; duplicate: number; rejected: number; failed: number }
}

export interface PurgeResultDto {
  /** Entries deleted for good. */
  purged: number
  /** Their total size. */
  bytes: number
  /** Objects deleted from the library folder. */
  objectsRemoved: number
  /** Objects that could not be deleted now (they are swept later); see the log. */
  objectErrors: number
}

export const FILE_AVAILABILITY = ['available', 'unavailable'] as const
export type FileAvailability = (typeof FILE_AVAILABILITY)[number]

const epochMs = z.number().int().min(0).max(8.64e15)

/** Filters shared by listing and search. Dates are epoch milliseconds, both ends inclusive. */
const filterShape = {
  kind: fileKindSchema.optional(),
  tagId: idSchema.optional(),
  collectionId: idSchema.optional(),
  /** With `collectionId`: also the files of its sub-collections, at any depth. */
  includeSubcollections: z.boolean().default(false),
  addedFrom: epochMs.optional(),
  addedTo: epochMs.optional(),
  /** true: only files in the trash; false (default): only files not in the trash. */
  trashed: z.boolean().default(false),
  /** Only files with a source in this watched folder (as `sync:list-folders` names it). */
  folderId: idSchema.optional(),
  /**
   * available: their bytes can be read now (a copy in the library folder, or a watched copy
   * whose folder is online); unavailable: neither (object missing, every watched copy offline).
   */
  availability: z.enum(FILE_AVAILABILITY).optional(),
}
const datesInOrder = (v: { addedFrom?: number; addedTo?: number }) =>
  v.addedFrom === undefined || v.addedTo === undefined || v.addedFrom <= v.addedTo

export const FILE_SORTS = ['added', 'name', 'size'] as const
export type FileSort = (typeof FILE_SORTS)[number]

export const listFilesInputSchema = z
  .object({
    ...filterShape,
    /** added (default), name (ignoring case) or size. */
    sort: z.enum(FILE_SORTS).default('added'),
    /** Default: newest first for added, A→Z for name, largest first for size. */
    order: z.enum(['asc', 'desc']).optional(),
    /** The `nextCursor` of the previous page, with the same sort and order. */
    cursor: z.string().min(1).max(2000).optional(),
    limit: z.number().int().min(1).max(500).default(100),
  })
  .strict()
  .refine(datesInOrder, 'addedFrom must not be after addedTo')

export const searchFilesInputSchema = z
  .object({
    ...filterShape,
    /** Plain words; never FTS syntax. The last word (two characters or more) also matches as a prefix. */
    query: z.string().max(500, 'a search has at most 500 characters'),
    /** Search is ranked, not paged: the best `limit` hits (at most 200). */
    limit: z.number().int().min(1).max(200).default(50),
  })
  .strict()
  .refine(datesInOrder, 'addedFrom must not be after addedTo')

/** A SHA-256 or, for people typing one, a unique prefix of at least 6 hex characters. */
export const shaRefSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[0-9a-f]{6,64}$/, 'must be a SHA-256 or at least its first 6 hex characters')

export const getFileInputSchema = z.union([z.object({ id: idSchema }).strict(), z.object({ sha256: shaRefSchema }).strict()])

const fileIds = z.array(idSchema).min(1, 'name at least one file').max(10_000, 'at most 10,000 files at once')

export type ListFilesInput = z.output<typeof listFilesInputSchema>
export type SearchFilesInput = z.output<typeof searchFilesInputSchema>
export type FileFilters = Omit<ListFilesInput, 'sort' | 'order' | 'cursor' | 'limit'>
export type GetFileInput = z.output<typeof getFileInputSchema>

export const filesMethods = {
  /** One page of files, keyset-paged: stable while files are added or changed between pages. */
  'files:list': defineMethod<FilePageDto>()(listFilesInputSchema),
  /** One file with its sources and collections, by id or by SHA-256 (or a unique prefix). */
  'files:get': defineMethod<FileDetailDto>()(getFileInputSchema),
  'files:search': defineMethod<SearchResultDto>()(searchFilesInputSchema),
  /** The start of the text extracted from a file (document text and OCR text), for the detail panel. */
  'files:extracted-text': defineMethod<ExtractedTextDto>()(
    z.object({ id: idSchema, maxChars: z.number().int().min(1).max(100_000).default(8_000) }).strict(),
  ),
  /** Sets a file's note ('' clears it); the note is searchable at once. */
  'files:set-note': defineMethod<FileDto>()(z.object({ id: idSchema, note: z.string().max(100_000, 'a note has at most 100,000 characters') }).strict()),
  /** Moves files to the trash; `trashed` counts those that were not there already. */
  'files:trash': defineMethod<{ trashed: number }>()(z.object({ ids: fileIds }).strict()),
  /** Takes files out of the trash; `restored` counts those that were in it. */
  'files:restore': defineMethod<{ restored: number }>()(z.object({ ids: fileIds }).strict()),
  /**
   * Deletes trashed files for good: rows first, then their objects. Everything in the trash,
   * or with `olderThanDays`, only what was trashed longer ago than that.
   */
  'files:empty-trash': defineMethod<PurgeResultDto>()(z.object({ olderThanDays: z.number().int().min(0).max(36_500).optional() }).strict()),
  /**
   * Deletes chosen files for good, rows first and then their objects. Every file must be in the
   * trash (INVALID_INPUT otherwise, and nothing is deleted).
   */
  'files:purge': defineMethod<PurgeResultDto>()(z.object({ ids: fileIds }).strict()),
  'files:stats': defineMethod<LibraryStatsDto>()(z.object({}).strict()),
}

export type FilesChange = 'added' | 'note' | 'tags' | 'collections' | 'trashed' | 'restored' | 'purged'

export const filesEvents = {
  /** Files changed or arrived by upload (path imports arrive as jobs). `fileIds` lists the files touched. */
  'files:files-changed': defineEvent<{ change: FilesChange; fileIds: number[] }>(),
}
