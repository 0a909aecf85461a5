/**
 * Keeps a dropped folder's structure when its files are uploaded: each folder becomes a
 * collection (inside the target collection, or at the top level), made once per drop, reusing
 * a collection of that name that is already there. The desktop import does the same in main.
 */
import type { CollectionNodeDto } from '../../../src-preload/contract'
import { call, toErrorDto } from '../call'
import { findNode } from '../collections/tree'

export class FolderCollections {
  private readonly made = new Map<string, Promise<number | null>>()
  private tree: Promise<CollectionNodeDto[]> | null = null
  /** Why a folder could not become a collection (its files go to the parent instead). */
  readonly problems: string[] = []

  constructor(private readonly rootId: number | null) {}

  /** The collection for files in `folders` (the root for []); null means the library only. */
  idFor(folders: readonly string[]): Promise<number | null> {
    if (folders.length === 0) return Promise.resolve(this.rootId)
    const key = folders.join('/')
    let found = this.made.get(key)
    if (!found) {
      found = this.idFor(folders.slice(0, -1)).then((parentId) => this.ensure(parentId, folders[folders.length - 1]!, key))
      this.made.set(key, found)
    }
    return found
  }

  private async ensure(parentId: number | null, name: string, key: string): Promise<number | null> {
    try {
      const created = await call('collections:create', { name, parentId })
      return created.id
    } catch (err) {
      const error = toErrorDto(err)
      if (error.code === 'ALREADY_EXISTS') {
        const id = typeof error.details?.id === 'number' ? error.details.id : await this.existing(parentId, name)
        if (id !== null) return id
      }
      this.problems.push(`The folder ${key} could not become a collection: ${error.message}`)
      return parentId
    }
  }

  private async existing(parentId: number | null, name: string): Promise<number | null> {
    this.tree ??= call('collections:tree', {}).then((t) => t.roots)
    const roots = await this.tree.catch(() => [] as CollectionNodeDto[])
    const siblings = parentId === null ? roots : (findNode(roots, parentId)?.children ?? [])
    const wanted = name.trim().normalize('NFC').toLocaleLowerCase()
    return siblings.find((c) => c.name.toLocaleLowerCase() === wanted)?.id ?? null
  }
}
