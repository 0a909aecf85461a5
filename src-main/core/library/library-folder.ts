import { randomBytes } from 'node:crypto'
import { dirname, isAbsolute, join, resolve } from 'node:path'
import { AppError, errnoOf, fromFsError } from '../common/app-error'
import type { FsSeam } from '../common/fs-seam'
import { DATABASE_FILE, layoutFolders, libraryLayout, type LibraryLayout } from './library-layout'

export interface PreparedFolder {
  layout: LibraryLayout
  freeBytes: number
  /** True when the folder did not exist and was created. */
  created: boolean
  /** Leftover staging files removed from tmp/ (an interrupted import or upload). */
  tmpEntriesRemoved: number
}

/**
 * Checks that a folder can hold a library and prepares it: created if missing, refused if a
 * file stands there, proven writable by a probe that is written, fsynced and removed, its
 * free space read, its layout created and its tmp/ emptied. Every failure is an AppError that
 * says what is wrong with which folder.
 */
export async function prepareLibraryFolder(fs: FsSeam, requested: string): Promise<PreparedFolder> {
  if (!isAbsolute(requested)) {
    throw new AppError('INVALID_INPUT', `The library folder must be an absolute path, not "${requested}".`, { path: requested })
  }
  const root = resolve(requested)
  await refuseInsideLibrary(fs, root)
  const created = await ensureFolder(fs, root)
  await probeWritable(fs, root)
  const freeBytes = await readFreeBytes(fs, root)
  const layout = libraryLayout(root)
  for (const folder of layoutFolders(layout)) await ensureFolder(fs, folder)
  const tmpEntriesRemoved = await emptyFolder(fs, layout.tmp)
  return { layout, freeBytes, created, tmpEntriesRemoved }
}

/**
 * Refuses a folder that lies inside another library (its objects/, vault/, thumbs/ or any
 * folder below its root): a library there would mix its files into the other one's store.
 * A library is recognised by its database file in an enclosing folder.
 */
async function refuseInsideLibrary(fs: FsSeam, root: string): Promise<void> {
  for (let folder = dirname(root); ; folder = dirname(folder)) {
    const database = join(folder, DATABASE_FILE)
    const found = await fs.stat(database).then((s) => s.isFile(), () => false)
    if (found) {
      throw new AppError('INSIDE_LIBRARY', `${root} is inside the Trove library at ${folder}. Choose a folder outside that library.`, { path: root, library: folder })
    }
    if (dirname(folder) === folder) return
  }
}

/** Makes sure `path` is a folder; returns true if it had to be created. */
async function ensureFolder(fs: FsSeam, path: string): Promise<boolean> {
  try {
    const stat = await fs.stat(path)
    if (!stat.isDirectory()) {
      throw new AppError('NOT_A_FOLDER', `${path} is a file, not a folder. Choose a folder for the library.`, { path })
    }
    return false
  } catch (err) {
    if (errnoOf(err) !== 'ENOENT') throw fromFsError(err, 'open the folder', path)
  }
  try {
    await fs.mkdir(path, { recursive: true })
    return true
  } catch (err) {
    throw fromFsError(err, 'create the folder', path)
  }
}

async function probeWritable(fs: FsSeam, root: string): Promise<void> {
  const probe = join(root, `.trove-probe-${randomBytes(6).toString('hex')}`)
  try {
    const handle = await fs.open(probe, 'wx')
    try {
      await handle.writeFile('trove write probe\n')
      await handle.sync()
    } finally {
      await handle.close()
    }
    await fs.unlink(probe)
  } catch (err) {
    await fs.rm(probe, { force: true }).catch(() => undefined)
    throw fromFsError(err, 'write in the library folder', root)
  }
}

async function readFreeBytes(fs: FsSeam, root: string): Promise<number> {
  try {
    const stats = await fs.statfs(root)
    return Number(stats.bavail) * Number(stats.bsize)
  } catch (err) {
    throw fromFsError(err, 'read the free space of', root)
  }
}

async function emptyFolder(fs: FsSeam, folder: string): Promise<number> {
  try {
    const entries = await fs.readdir(folder)
    for (const entry of entries) await fs.rm(join(folder, entry), { recursive: true, force: true })
    return entries.length
  } catch (err) {
    throw fromFsError(err, 'empty the staging folder', folder)
  }
}
