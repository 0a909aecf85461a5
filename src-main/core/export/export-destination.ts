import { join, relative, isAbsolute, resolve } from 'node:path'
import { AppError, errnoOf, fromFsError } from '../common/app-error'
import type { FsSeam } from '../common/fs-seam'
import { FolderNames } from './export-names'

/**
 * The folder an export writes into: `dest` itself when it is missing or empty, otherwise a
 * fresh subfolder of it named after what is exported ("Trips", "Trips (2)", …). Nothing
 * that exists is ever written over. A destination inside the library folder is refused.
 */
export async function chooseExportFolder(fs: FsSeam, dest: string, label: string, libraryRoot: string): Promise<string> {
  const inside = relative(resolve(libraryRoot), resolve(dest))
  if (inside === '' || (!inside.startsWith('..') && !isAbsolute(inside))) {
    throw new AppError('FORBIDDEN', 'Choose a folder outside the library folder for an export.', { path: dest })
  }
  let entries: string[]
  try {
    const stat = await fs.stat(dest)
    if (!stat.isDirectory()) throw new AppError('NOT_A_FOLDER', `${dest} is a file, not a folder: choose a folder to export into.`, { path: dest })
    entries = await fs.readdir(dest)
  } catch (err) {
    if (errnoOf(err) !== 'ENOENT') throw fromFsError(err, 'read the folder', dest)
    try {
      await fs.mkdir(dest, { recursive: true })
    } catch (mkdirErr) {
      throw fromFsError(mkdirErr, 'create the folder', dest)
    }
    entries = await fs.readdir(dest)
  }
  if (entries.length === 0) return dest
  const names = new FolderNames(entries)
  for (;;) {
    const folder = join(dest, names.claim(label))
    try {
      await fs.mkdir(folder)
      return folder
    } catch (err) {
      if (errnoOf(err) !== 'EEXIST') throw fromFsError(err, 'create the folder', folder)
    }
  }
}
