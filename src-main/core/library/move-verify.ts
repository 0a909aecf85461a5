import { join } from 'node:path'
import { AppError } from '../common/app-error'
import type { FsSeam } from '../common/fs-seam'
import { objectName } from '../backup/copy-objects'
import type { NeededObject } from '../backup/database-copy'
import { hashFile } from '../backup/verified-copy'

/**
 * Re-reads every object a moved library needs from its new folder and compares it with its
 * name. Any absent or damaged object is CORRUPT: the move stops before the switch.
 */
export async function verifyCopiedObjects(
  fs: FsSeam,
  objectsDir: string,
  objects: NeededObject[],
  options: { signal?: AbortSignal; onProgress?: (done: { items: number; bytes: number }) => void } = {},
): Promise<number> {
  let items = 0
  let bytes = 0
  for (const object of objects) {
    options.signal?.throwIfAborted()
    const path = join(objectsDir, objectName(object))
    const hashed = await hashFile(fs, path, options.signal)
    if (!hashed || hashed.sha256 !== object.sha256) {
      throw new AppError('CORRUPT', `The copy of ${objectName(object)} in the new folder is ${hashed ? 'damaged' : 'missing'}; the library was not moved.`, { path })
    }
    items++
    bytes += hashed.bytes
    options.onProgress?.({ items, bytes })
  }
  return items
}
