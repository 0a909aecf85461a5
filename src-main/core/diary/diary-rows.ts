import { randomBytes } from 'node:crypto'
import { z } from 'zod'
import { DIARY_MEDIA_KINDS, DIARY_MOODS, type DiaryMood } from '../../../src-preload/contract/diary'
import { AppError, isAppError } from '../common/app-error'
import type { VaultKey } from '../vault/key-file'
import { openText, sealText } from '../vault/sealed-row'

/**
 * What the diary's rows hold once opened, and how they are sealed: JSON under AES-256-GCM with
 * the row's identity as associated data, so a ciphertext copied onto another row (or a media
 * item's metadata onto another entry) does not open.
 */

/** A fresh opaque id: 16 random bytes in hex. Says nothing about order, time or content. */
export const newDiaryId = (): string => randomBytes(16).toString('hex')

export const entryAad = (id: string) => `trove diary entry v1:${id}`
export const mediaAad = (id: string, entryId: string) => `trove diary media v1:${id}:${entryId}`

const entryContentSchema = z.object({
  date: z.string(),
  title: z.string(),
  body: z.string(),
  mood: z.enum(DIARY_MOODS).nullable(),
  tags: z.array(z.string()),
})
export type EntryContent = z.infer<typeof entryContentSchema>

const mediaMetaSchema = z.object({
  name: z.string(),
  mime: z.string(),
  kind: z.enum(DIARY_MEDIA_KINDS),
  size: z.number().int().min(0),
  width: z.number().nullable(),
  height: z.number().nullable(),
  durationSeconds: z.number().nullable(),
  /** The encrypted files this metadata belongs to: a row pointed at other files does not open. */
  objectName: z.string(),
  thumbName: z.string().nullable(),
})
export type MediaMeta = z.infer<typeof mediaMetaSchema>

export function sealEntry(key: VaultKey, id: string, content: EntryContent): Buffer {
  return sealText(key, entryAad(id), JSON.stringify(content))
}

export function sealMedia(key: VaultKey, id: string, entryId: string, meta: MediaMeta): Buffer {
  return sealText(key, mediaAad(id, entryId), JSON.stringify(meta))
}

/** Opens an entry row; CORRUPT naming the entry by id when it does not open or is malformed. */
export function openEntry(key: VaultKey, id: string, sealed: Uint8Array): EntryContent {
  return parseSealed(() => openText(key, entryAad(id), sealed), entryContentSchema, `Diary entry ${id} is damaged and cannot be read.`, { entryId: id })
}

export function openMedia(key: VaultKey, row: { id: string; entry_id: string; sealed: Uint8Array; object_name: string; thumb_name: string | null }): MediaMeta {
  const message = `The details of media item ${row.id} (of entry ${row.entry_id}) are damaged and cannot be read.`
  const meta = parseSealed(() => openText(key, mediaAad(row.id, row.entry_id), row.sealed), mediaMetaSchema, message, { mediaId: row.id, entryId: row.entry_id })
  if (meta.objectName !== row.object_name || meta.thumbName !== row.thumb_name) {
    throw new AppError('CORRUPT', `${message} Its row points at other files than it was saved with.`, { mediaId: row.id, entryId: row.entry_id })
  }
  return meta
}

function parseSealed<T>(open: () => string, schema: z.ZodType<T>, message: string, details: Record<string, unknown>): T {
  let text: string
  try {
    text = open()
  } catch (err) {
    if (isAppError(err) && err.code === 'VAULT_LOCKED') throw err
    throw new AppError('CORRUPT', message, details, { cause: err })
  }
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch (err) {
    throw new AppError('CORRUPT', message, details, { cause: err })
  }
  const parsed = schema.safeParse(json)
  if (!parsed.success) throw new AppError('CORRUPT', message, details)
  return parsed.data
}

export type { DiaryMood }
