import { z } from 'zod'
import { idSchema } from './common'
import { defineEvent, defineMethod } from './define'

export type PreviewStateDto = 'pending' | 'done' | 'failed' | 'none'

export interface PreviewFailureDto {
  fileId: number
  sha256: string
  name: string
  /** Why no preview could be made, as a sentence ("The image is damaged or incomplete (…)."). */
  reason: string
}

export interface PreviewStatusDto {
  /** Files by preview state ('none': no preview is made for this kind of file yet). */
  counts: Record<PreviewStateDto, number>
  /** The most recently added files whose preview failed, newest first (at most 20). */
  failures: PreviewFailureDto[]
  /** Whether previews are being made now, and the job that shows their progress. */
  running: boolean
  jobId: string | null
}

export interface PreviewChangedDto {
  fileId: number
  /** The content's hash: what `contentUrl('thumb', sha256)` takes. */
  sha256: string
  state: PreviewStateDto
}

export const previewsMethods = {
  /** Makes one file's preview again (after a failure, or to refresh it). */
  'previews:retry': defineMethod<{ state: PreviewStateDto }>()(z.object({ fileId: idSchema }).strict()),
  /** Makes every preview again in the background; answers with how many were queued. */
  'previews:regenerate-all': defineMethod<{ queued: number }>()(z.object({}).strict()),
  /**
   * The files the user is looking at (the visible range of the browser): their previews are
   * made before the others. Each call replaces the last; answers how many of them are pending.
   */
  'previews:prioritise': defineMethod<{ pending: number }>()(z.object({ fileIds: z.array(idSchema).max(1000) }).strict()),
  /** Counts by state and the latest failures with their reasons. */
  'previews:status': defineMethod<PreviewStatusDto>()(z.object({}).strict()),
}

export const previewsEvents = {
  /** A file's preview was made, failed, or was queued again: swap the placeholder. */
  'previews:changed': defineEvent<PreviewChangedDto>(),
}
