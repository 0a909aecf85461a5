/**
 * What the library and the trash do to files, each with its confirmation or its error shown,
 * so every view does it the same way. Calls are cut into the contract's bulk limit.
 */
import { call } from './call'
import { notifyDone, notifyError } from './notify'
import { BULK_LIMIT } from './use-file-selection'

const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString()} ${n === 1 ? one : many}`

async function inChunks(ids: readonly number[], run: (chunk: number[]) => Promise<number>): Promise<number> {
  let total = 0
  for (let i = 0; i < ids.length; i += BULK_LIMIT) total += await run(ids.slice(i, i + BULK_LIMIT))
  return total
}

/** Moves files to the trash and offers Undo (which restores them). True when it worked. */
export async function trashFiles(ids: readonly number[]): Promise<boolean> {
  if (ids.length === 0) return false
  try {
    const trashed = await inChunks(ids, async (chunk) => (await call('files:trash', { ids: chunk })).trashed)
    notifyDone(`Moved ${plural(trashed, 'file')} to the trash.`, { label: 'Undo', run: () => void restoreFiles(ids, true) })
    return true
  } catch (err) {
    notifyError(err, 'The files could not be moved to the trash')
    return false
  }
}

/** Takes files out of the trash. `quiet`: an undo, which needs no second confirmation. */
export async function restoreFiles(ids: readonly number[], quiet = false): Promise<boolean> {
  if (ids.length === 0) return false
  try {
    const restored = await inChunks(ids, async (chunk) => (await call('files:restore', { ids: chunk })).restored)
    if (!quiet) notifyDone(`Restored ${plural(restored, 'file')} to the library.`, { label: 'Undo', run: () => void trashFiles(ids) })
    return true
  } catch (err) {
    notifyError(err, 'The files could not be restored')
    return false
  }
}

/** Tags files with one tag, by id or by a name (created when new). */
export async function tagFiles(ids: readonly number[], tag: { id?: number; name: string }): Promise<boolean> {
  try {
    const added = await inChunks(ids, async (chunk) => {
      const input = tag.id ? { fileIds: chunk, tagIds: [tag.id] } : { fileIds: chunk, names: [tag.name], create: true }
      return (await call('tags:apply', input)).added
    })
    notifyDone(`Tagged ${plural(added, 'file')} with “${tag.name}”.`)
    return true
  } catch (err) {
    notifyError(err, `The files could not be tagged “${tag.name}”`)
    return false
  }
}

/** Adds files to a collection. */
export async function addToCollection(ids: readonly number[], collection: { id: number; name: string }): Promise<boolean> {
  try {
    const added = await inChunks(ids, async (chunk) => (await call('collections:add-files', { id: collection.id, fileIds: chunk })).added)
    const already = ids.length - added
    notifyDone(`Added ${plural(added, 'file')} to “${collection.name}”${already > 0 ? ` (${plural(already, 'was', 'were')} in it already)` : ''}.`)
    return true
  } catch (err) {
    notifyError(err, `The files could not be added to “${collection.name}”`)
    return false
  }
}

export { plural }
