import { z } from 'zod'
import { absolutePathSchema } from './common'
import { defineEvent, defineMethod } from './define'
import type { TextSegment } from './files'

/**
 * The encrypted diary. Every method except `diary:status`, `diary:setup`, `diary:unlock` and
 * `diary:unlock-with-recovery` (and `diary:lock`, which does nothing then) answers VAULT_LOCKED
 * while the diary is locked, and before setup (`diary:status` tells which: `setUp`). Unlocking
 * before setup answers VAULT_NOT_SET_UP. Every accepted call counts as activity for the auto-lock.
 *
 * Bytes of diary media never cross the bridge: they are served decrypted, by media id, while
 * unlocked, at `trove://content/diary/<mediaId>` and `trove://content/diary-thumb/<mediaId>`
 * (loopback: `/content/diary/<mediaId>` and `/content/diary-thumb/<mediaId>`, with the content
 * token), with Range support and `Cache-Control: no-store`. Locked → 423 (VAULT_LOCKED).
 */

/** Opaque random ids (32 lowercase hex characters): they say nothing about order or content. */
export const DIARY_ID_PATTERN = /^[0-9a-f]{32}$/
export const diaryIdSchema = z.string().regex(DIARY_ID_PATTERN, 'must be a diary id (32 lowercase hex characters)')

/** The content kinds of the byte transports that serve diary media (see above). */
export const DIARY_CONTENT_KINDS = ['diary', 'diary-thumb'] as const
export type DiaryContentKind = (typeof DIARY_CONTENT_KINDS)[number]

export const DIARY_MOODS = ['great', 'good', 'okay', 'low', 'bad'] as const
export type DiaryMood = (typeof DIARY_MOODS)[number]
export const diaryMoodSchema = z.enum(DIARY_MOODS)

export const DIARY_MEDIA_KINDS = ['photo', 'video', 'audio'] as const
export type DiaryMediaKind = (typeof DIARY_MEDIA_KINDS)[number]

/** Auto-lock after this many idle minutes unless the person chose otherwise. */
export const DIARY_DEFAULT_AUTO_LOCK_MINUTES = 10
export const DIARY_MAX_AUTO_LOCK_MINUTES = 24 * 60

/** A passphrase as typed: at least 8 characters (main normalises it to NFC). */
export const passphraseSchema = z
  .string()
  .min(8, 'the passphrase needs at least 8 characters')
  .max(1024, 'the passphrase is too long')
/** A passphrase being checked (not set): any length, so an old short one still unlocks. */
const givenPassphrase = z.string().min(1, 'enter the passphrase').max(1024, 'the passphrase is too long')
/** The recovery code as written down; case, spaces and dashes do not matter. */
const recoveryCodeSchema = z.string().trim().min(1, 'enter the recovery code').max(200, 'that is not a recovery code')

const isRealDate = (s: string) => {
  const d = new Date(`${s}T00:00:00Z`)
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s
}
/** A calendar day, YYYY-MM-DD (the entry's own date, not a time zone's instant). */
export const diaryDateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'a date is written YYYY-MM-DD')
  .refine(isRealDate, 'that day does not exist')
/** A month, YYYY-MM. */
export const diaryMonthSchema = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'a month is written YYYY-MM')

/** A tag of the diary (its own tags, sealed with the entry; not the library's tags). */
export const diaryTagSchema = z.string().trim().min(1).max(100, 'a tag has at most 100 characters')

/** Why the diary locked. */
export type DiaryLockReason = 'manual' | 'idle' | 'suspend' | 'lock-screen' | 'library-closed' | 'passphrase-changed'

export interface DiaryStatusDto {
  /** A key file exists (setup was done for this library). */
  setUp: boolean
  unlocked: boolean
  autoLockMinutes: number
  /** Epoch ms at which the diary locks unless there is activity first; null while locked. */
  lockDeadline: number | null
}

export interface DiaryMediaDto {
  id: string
  entryId: string
  /** The file name it was attached with (sanitised). */
  name: string
  kind: DiaryMediaKind
  mime: string
  /** Plaintext size in bytes. */
  size: number
  durationSeconds: number | null
  width: number | null
  height: number | null
  /** A thumbnail exists at `trove://content/diary-thumb/<id>` (photos, and videos once made). */
  hasThumb: boolean
  addedAt: number
}

/** An entry in a list: everything but the body and the media list. */
export interface DiaryEntrySummaryDto {
  id: string
  date: string
  title: string
  mood: DiaryMood | null
  tags: string[]
  mediaCount: number
  /** The first photo that has a thumbnail, for the timeline card; null if none. */
  thumbMediaId: string | null
  createdAt: number
  updatedAt: number
}

export interface DiaryEntryDto extends Omit<DiaryEntrySummaryDto, 'mediaCount' | 'thumbMediaId'> {
  /** Markdown. */
  body: string
  media: DiaryMediaDto[]
}

export interface DiaryPageDto {
  entries: DiaryEntrySummaryDto[]
  /** Pass as `cursor` for the next page (same range and order); null on the last page. */
  nextCursor: string | null
  /** Entries in the range (all pages). */
  total: number
}

export interface DiaryCalendarDto {
  month: string
  /** Days of the month that have entries, in order. */
  days: { date: string; count: number }[]
}

export interface DiarySearchHitDto {
  entry: DiaryEntrySummaryDto
  /** Where the words were found: in the title, and an excerpt of the body (or tags). */
  title: TextSegment[]
  snippet: TextSegment[]
}

export interface DiarySearchResultDto {
  hits: DiarySearchHitDto[]
  /** The words searched for, as understood. */
  terms: string[]
}

export interface DiaryProblemDto {
  /** 'key' when the key file itself is damaged. */
  kind: 'entry' | 'media' | 'thumb' | 'key'
  id: string
  entryId: string | null
  /** A human description naming the item (its date and title when they could be read). */
  message: string
}

export interface DiaryVerifyReportDto {
  entries: number
  media: number
  problems: DiaryProblemDto[]
  seconds: number
}

const limit = z.number().int().min(1).max(1000).default(100)

/** Where attached content comes from: files by absolute path (Electron) or finished uploads. */
const attachInput = z.union([
  z.object({ entryId: diaryIdSchema, paths: z.array(absolutePathSchema).min(1).max(100) }).strict(),
  z
    .object({
      entryId: diaryIdSchema,
      /** Uploads begun with `uploads:begin` and fully appended; not `uploads:finish`ed. */
      uploadIds: z.array(z.string().uuid('must be an upload id from uploads:begin')).min(1).max(100),
      /**
       * The file names to keep (sealed) for each upload, in the same order. Begin diary uploads
       * under a neutral name (e.g. "diary-upload") and give the real one here: the `uploads`
       * table is not encrypted, so a name given to uploads:begin may stay in the database's
       * free pages or its WAL for a while. Without it the name given to uploads:begin is used.
       */
      names: z.array(z.string().trim().min(1).max(1024)).max(100).optional(),
    })
    .strict()
    .refine((v) => !v.names || v.names.length === v.uploadIds.length, 'give one name per upload'),
])

export const diaryMethods = {
  /** Whether the diary is set up and unlocked; never refused. */
  'diary:status': defineMethod<DiaryStatusDto>()(z.object({}).strict()),
  /**
   * Creates the vault with a passphrase and unlocks it. The recovery code is returned this once
   * and never again: the renderer must show it and have the person keep it. VAULT_EXISTS if set up.
   */
  'diary:setup': defineMethod<{ recoveryCode: string; status: DiaryStatusDto }>()(
    z.object({ passphrase: passphraseSchema }).strict(),
  ),
  /** BAD_PASSPHRASE if wrong; CORRUPT if the key file is damaged (restore the backup key file). */
  'diary:unlock': defineMethod<DiaryStatusDto>()(z.object({ passphrase: givenPassphrase }).strict()),
  /** Unlocks with the recovery code and sets a new passphrase at once (the code stays valid). */
  'diary:unlock-with-recovery': defineMethod<DiaryStatusDto>()(
    z.object({ recoveryCode: recoveryCodeSchema, newPassphrase: passphraseSchema }).strict(),
  ),
  /** Forgets the key; the diary's media stop being served. Locking a locked diary is fine. */
  'diary:lock': defineMethod<DiaryStatusDto>()(z.object({}).strict()),
  /** Activity the renderer saw (typing in the editor, playing a video): postpones the auto-lock. */
  'diary:touch': defineMethod<DiaryStatusDto>()(z.object({}).strict()),
  /** BAD_PASSPHRASE if `oldPassphrase` is wrong. The diary stays unlocked. */
  'diary:change-passphrase': defineMethod<DiaryStatusDto>()(
    z.object({ oldPassphrase: givenPassphrase, newPassphrase: passphraseSchema }).strict(),
  ),
  /** Minutes of inactivity before the diary locks by itself (stored with the library). */
  'diary:set-auto-lock': defineMethod<DiaryStatusDto>()(
    z.object({ minutes: z.number().int().min(1).max(DIARY_MAX_AUTO_LOCK_MINUTES) }).strict(),
  ),
  /**
   * Entries newest first (or oldest first), optionally within [from, to] (inclusive dates).
   * Pages by keyset on (date, id): pass the previous page's `nextCursor`.
   */
  'diary:list': defineMethod<DiaryPageDto>()(
    z
      .object({
        from: diaryDateSchema.optional(),
        to: diaryDateSchema.optional(),
        order: z.enum(['desc', 'asc']).default('desc'),
        limit,
        cursor: z.string().min(1).max(200).optional(),
      })
      .strict(),
  ),
  /** The days of a month that have entries. */
  'diary:calendar': defineMethod<DiaryCalendarDto>()(z.object({ month: diaryMonthSchema }).strict()),
  /** One entry with its body and media. NOT_FOUND if deleted; CORRUPT naming it if damaged. */
  'diary:get': defineMethod<DiaryEntryDto>()(z.object({ id: diaryIdSchema }).strict()),
  /** Creates (no `id`) or replaces (with `id`) an entry's text; media are attached separately. */
  'diary:save': defineMethod<DiaryEntryDto>()(
    z
      .object({
        id: diaryIdSchema.optional(),
        date: diaryDateSchema,
        title: z.string().max(500, 'a title has at most 500 characters'),
        body: z.string().max(10_000_000, 'the entry is too long'),
        mood: diaryMoodSchema.nullable().default(null),
        tags: z.array(diaryTagSchema).max(50, 'at most 50 tags').default([]),
      })
      .strict(),
  ),
  /** Deletes an entry, its media and their encrypted files. */
  'diary:delete': defineMethod<{ deleted: true; mediaRemoved: number }>()(z.object({ id: diaryIdSchema }).strict()),
  /**
   * Encrypts photos, videos and audio (voice notes recorded in the app arrive as uploads) into
   * the entry. The type is read from the bytes: anything else is UNSUPPORTED_TYPE. Uploads are
   * encrypted straight from their staging file, which is then deleted (the upload is over).
   * All or nothing: on any failure nothing is attached.
   */
  'diary:attach': defineMethod<{ media: DiaryMediaDto[] }>()(attachInput),
  /** Removes one media item from its entry and deletes its encrypted file. */
  'diary:detach': defineMethod<{ entryId: string }>()(z.object({ mediaId: diaryIdSchema }).strict()),
  /** Words in titles, bodies and tags, from an index held in memory while unlocked. */
  'diary:search': defineMethod<DiarySearchResultDto>()(
    z.object({ query: z.string().max(500), limit: z.number().int().min(1).max(200).default(50) }).strict(),
  ),
  /** Decrypts every entry and media file (and thumbnail) and reports each that fails. */
  'diary:verify': defineMethod<DiaryVerifyReportDto>()(z.object({}).strict()),
}

export const diaryEvents = {
  /** The key is gone (by hand, idle, sleep, screen lock, library closed): show the unlock screen. */
  'diary:locked': defineEvent<{ reason: DiaryLockReason }>(),
  'diary:unlocked': defineEvent<DiaryStatusDto>(),
  /** Entries were saved, deleted, or had media attached or detached. */
  'diary:changed': defineEvent<{ change: 'saved' | 'deleted' | 'media'; entryIds: string[] }>(),
}
