import { z } from 'zod'
import { defineMethod } from './define'
import type { ErrorCode } from './errors'

/** The largest chunk `uploads:append` accepts (and the size a client should send). */
export const UPLOAD_CHUNK_BYTES = 1024 * 1024

/** Longest `dataBase64` that can decode to at most one chunk (padded standard base64). */
export const UPLOAD_CHUNK_BASE64_CHARS = 4 * Math.ceil(UPLOAD_CHUNK_BYTES / 3)

/** An upload is dropped this long after its last chunk (or its start, if none came). */
export const UPLOAD_EXPIRY_MS = 24 * 60 * 60 * 1000

const uploadId = z.string().uuid('must be an upload id from uploads:begin')
const byteCount = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER)

/** The name the content arrived with (a dropped File's name, "Pasted image.png"…). */
const uploadName = z
  .string()
  .trim()
  .min(1, 'a name is required')
  .max(1024, 'the name is too long')
  .refine((n) => !n.includes('\0'), 'the name contains a NUL character')

/** An upload in progress, as `uploads:begin` and `uploads:status` report it. */
export interface UploadDto {
  uploadId: string
  name: string
  /** The size declared at begin, or null when it was not known. */
  size: number | null
  /** Bytes received and durably stored: the offset of the next chunk. */
  received: number
  /** The largest chunk accepted (send chunks of this size). */
  chunkSize: number
  /** Epoch ms after which the upload is dropped unless another chunk arrives. */
  expiresAt: number
  /** The import batch the upload will be recorded under. */
  batchId: string
}

export interface UploadProgressDto {
  uploadId: string
  received: number
  size: number | null
  expiresAt: number
}

export type UploadOutcome = 'stored' | 'duplicate' | 'rejected' | 'failed'

/** What became of a finished upload: the same facts as its import history record. */
export interface UploadOutcomeDto {
  uploadId: string
  batchId: string
  outcome: UploadOutcome
  /** ALREADY_EXISTS for duplicates; the failure's code for rejected and failed. */
  reasonCode: ErrorCode | null
  /** "Already in the library since …", or why it was not stored. */
  reasonMessage: string | null
  fileId: number | null
  sha256: string | null
  /** The display name given to the content (sanitised). */
  name: string
  size: number | null
  mime: string | null
  /** When the existing entry was added (duplicates). */
  existingSince: number | null
  /** The content was in the trash and this upload restored it. */
  restored: boolean
  /**
   * Only for `failed` (no space, a disk error…): the staged bytes are kept and
   * `uploads:finish` may be called again until the upload expires. Otherwise the upload is over.
   */
  retryable: boolean
}

export const uploadsMethods = {
  /**
   * Starts a resumable upload of content that has no path (a browser drop, a paste). `size`
   * (when known) is checked against the library's limit now and against the bytes at finish;
   * `batchId` groups several uploads of one drop in the import history.
   */
  'uploads:begin': defineMethod<UploadDto>()(
    z.object({ name: uploadName, size: byteCount.nullable().optional(), batchId: z.string().uuid().optional() }).strict(),
  ),
  /**
   * Appends one chunk at `offset`, which must equal the bytes received so far (otherwise
   * INVALID_INPUT with `details.expectedOffset`). At most UPLOAD_CHUNK_BYTES (TOO_LARGE).
   * Answers once the bytes are on disk. The bytes travel as `dataBase64` (standard alphabet,
   * padded); a binary wire may later add `data: Uint8Array` as an alternative.
   */
  'uploads:append': defineMethod<UploadProgressDto>()(
    z.object({ uploadId, offset: byteCount, dataBase64: z.string() }).strict(),
  ),
  /** Where an upload stands (after a restart: continue from `received`). NOT_FOUND once it is over. */
  'uploads:status': defineMethod<UploadDto>()(z.object({ uploadId }).strict()),
  /** Takes the received bytes into the library through the import pipeline. */
  'uploads:finish': defineMethod<UploadOutcomeDto>()(z.object({ uploadId }).strict()),
  /** Cancels an upload and drops its bytes; `aborted` is false when there was nothing to cancel. */
  'uploads:abort': defineMethod<{ aborted: boolean }>()(z.object({ uploadId }).strict()),
}
