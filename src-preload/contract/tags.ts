import { z } from 'zod'
import { idSchema } from './common'
import { defineEvent, defineMethod } from './define'

/** The colours a tag may have: names the renderer maps to its theme (Mantine's palette). */
export const TAG_COLORS = ['gray', 'red', 'pink', 'grape', 'violet', 'indigo', 'blue', 'cyan', 'teal', 'green', 'lime', 'yellow', 'orange'] as const
export type TagColor = (typeof TAG_COLORS)[number]
export const tagColorSchema = z.enum(TAG_COLORS)

/** A tag as it appears on a file. */
export interface TagRefDto {
  id: number
  name: string
  color: TagColor | null
}

/** A tag with how many files (not in the trash) carry it. */
export interface TagDto extends TagRefDto {
  usage: number
  createdAt: number
}

/**
 * A tag name as typed. Main trims it, normalises it to NFC and then requires 1–100 characters
 * without control characters; names are unique ignoring case ("Holiday" = "holiday").
 */
export const tagNameSchema = z.string().max(1000, 'a tag name has at most 100 characters')

const fileIds = z.array(idSchema).min(1, 'name at least one file').max(10_000, 'at most 10,000 files at once')

/** Which tags an operation is about: by id, by name, or both. */
const tagsByIdOrName = {
  tagIds: z.array(idSchema).max(100).optional(),
  names: z.array(tagNameSchema).max(100).optional(),
}
const someTag = (v: { tagIds?: number[]; names?: string[] }) => (v.tagIds?.length ?? 0) + (v.names?.length ?? 0) > 0

export const tagsMethods = {
  /** Every tag, by name, with its usage. */
  'tags:list': defineMethod<{ tags: TagDto[] }>()(z.object({}).strict()),
  /** Autocomplete: tags whose name starts with `prefix` (ignoring case), most used first. */
  'tags:suggest': defineMethod<{ tags: TagDto[] }>()(
    z.object({ prefix: z.string().max(100), limit: z.number().int().min(1).max(50).default(10) }).strict(),
  ),
  /** ALREADY_EXISTS when a tag of that name (ignoring case) exists. */
  'tags:create': defineMethod<TagDto>()(z.object({ name: tagNameSchema, color: tagColorSchema.nullable().optional() }).strict()),
  /** Renames a tag everywhere; a change of case only is allowed. Search follows at once. */
  'tags:rename': defineMethod<TagDto>()(z.object({ id: idSchema, name: tagNameSchema }).strict()),
  'tags:recolor': defineMethod<TagDto>()(z.object({ id: idSchema, color: tagColorSchema.nullable() }).strict()),
  /** Moves every file of `sourceId` to `targetId` and deletes the source tag, in one step. */
  'tags:merge': defineMethod<TagDto>()(z.object({ sourceId: idSchema, targetId: idSchema }).strict()),
  /** Deletes the tag; the files keep everything else. */
  'tags:delete': defineMethod<{ deleted: true; filesAffected: number }>()(z.object({ id: idSchema }).strict()),
  /**
   * Tags files in bulk. Tags named but missing are created when `create` is true and refused
   * with NOT_FOUND otherwise; unknown file ids are refused with NOT_FOUND and nothing changes.
   * `added` counts new file–tag links (links already there are not counted).
   */
  'tags:apply': defineMethod<{ tags: TagDto[]; added: number }>()(
    z
      .object({ fileIds, ...tagsByIdOrName, create: z.boolean().default(false) })
      .strict()
      .refine(someTag, 'name at least one tag'),
  ),
  /** Untags files in bulk; `removed` counts the links removed. */
  'tags:remove': defineMethod<{ tags: TagDto[]; removed: number }>()(
    z.object({ fileIds, ...tagsByIdOrName }).strict().refine(someTag, 'name at least one tag'),
  ),
}

export const tagsEvents = {
  /** Tags were created, renamed, recoloured, merged or deleted, or their usage changed. */
  'tags:tags-changed': defineEvent<Record<string, never>>(),
}
