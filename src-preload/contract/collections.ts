import { z } from 'zod'
import { idSchema } from './common'
import { defineEvent, defineMethod } from './define'

/** A collection as the tree shows it. */
export interface CollectionNodeDto {
  id: number
  name: string
  parentId: number | null
  /** Files directly in this collection (not in the trash); sub-collections not included. */
  fileCount: number
  /** Sorted by name, ignoring case. */
  children: CollectionNodeDto[]
}

/** A collection with the names from the top level down to it. */
export interface CollectionDto {
  id: number
  name: string
  parentId: number | null
  path: string[]
}

/**
 * A collection name as typed. Main trims it and normalises it to NFC, then requires 1–255
 * characters, no "/" (paths like "Trips/2024" name nested collections) and no control
 * characters. Names are unique among siblings, ignoring case.
 */
export const collectionNameSchema = z.string().max(2000, 'a collection name has at most 255 characters')

const fileIds = z.array(idSchema).min(1, 'name at least one file').max(10_000, 'at most 10,000 files at once')

export const collectionsMethods = {
  'collections:tree': defineMethod<{ roots: CollectionNodeDto[] }>()(z.object({}).strict()),
  /** Creates a collection at the top level (no parentId) or under `parentId`. */
  'collections:create': defineMethod<CollectionDto>()(
    z.object({ name: collectionNameSchema, parentId: idSchema.nullable().optional() }).strict(),
  ),
  'collections:rename': defineMethod<CollectionDto>()(z.object({ id: idSchema, name: collectionNameSchema }).strict()),
  /** Moves a collection under another (or to the top level with null); never into itself. */
  'collections:move': defineMethod<CollectionDto>()(z.object({ id: idSchema, parentId: idSchema.nullable() }).strict()),
  /** Deletes a collection and its sub-collections; the files stay in the library. */
  'collections:delete': defineMethod<{ deleted: number }>()(z.object({ id: idSchema }).strict()),
  /** `added` counts files that were not in the collection yet. */
  'collections:add-files': defineMethod<{ added: number }>()(z.object({ id: idSchema, fileIds }).strict()),
  'collections:remove-files': defineMethod<{ removed: number }>()(z.object({ id: idSchema, fileIds }).strict()),
}

export const collectionsEvents = {
  /** Collections were created, renamed, moved or deleted, or their files changed. */
  'collections:tree-changed': defineEvent<Record<string, never>>(),
}
