import { basename, join, sep } from 'node:path'
import { AppError, errnoOf, fromFsError } from '../common/app-error'
import type { FsSeam } from '../common/fs-seam'

/** A file found under a dropped path, with where it sits relative to what was dropped. */
export interface FoundFile {
  kind: 'file'
  path: string
  name: string
  size: number
  mtimeMs: number
  /** Folder names from the dropped folder down to this file ([] for a dropped file). */
  folders: string[]
}

/** Something found that will not be imported, and why (it still goes into the history). */
export interface SkippedEntry {
  kind: 'skipped'
  path: string
  name: string
  error: AppError
}

/** Names operating systems scatter in folders; never a person's file. */
const SYSTEM_FILES = new Set(['.ds_store', 'thumbs.db', 'desktop.ini', '.localized', 'icon\r'])

/**
 * Lists the files under each dropped path. Symbolic links are followed only when they lead
 * inside what was dropped, and each real folder is visited once, so links cannot loop or leak
 * files from elsewhere. Unreadable folders and special files are reported, not fatal.
 */
export async function walkDropped(fs: FsSeam, roots: string[], signal?: AbortSignal): Promise<Array<FoundFile | SkippedEntry>> {
  const out: Array<FoundFile | SkippedEntry> = []
  for (const root of roots) {
    let rootReal: string
    try {
      rootReal = await fs.realpath(root)
    } catch (err) {
      out.push(skip(root, fromFsError(err, 'read', root)))
      continue
    }
    const rootStat = await attempt(() => fs.stat(rootReal))
    if (!rootStat.ok) {
      out.push(skip(root, fromFsError(rootStat.error, 'read', root)))
      continue
    }
    const stat = rootStat.value
    if (!stat.isDirectory()) {
      out.push(stat.isFile() ? found(root, stat, []) : skip(root, notRegular(root)))
      continue
    }
    const visited = new Set<string>()
    const topName = basename(root)
    const walkDir = async (dir: string, folders: string[]): Promise<void> => {
      signal?.throwIfAborted()
      const real = await fs.realpath(dir).catch(() => dir)
      if (visited.has(real)) return
      visited.add(real)
      let names: string[]
      try {
        names = (await fs.readdir(dir)).sort((a, b) => a.localeCompare(b))
      } catch (err) {
        out.push(skip(dir, fromFsError(err, 'read the folder', dir)))
        return
      }
      for (const name of names) {
        const path = join(dir, name)
        if (SYSTEM_FILES.has(name.toLowerCase())) {
          out.push(skip(path, new AppError('UNSUPPORTED_TYPE', `${name} is a system file, not yours: skipped.`)))
          continue
        }
        const linkStat = await attempt(() => fs.lstat(path))
        if (!linkStat.ok) {
          out.push(skip(path, fromFsError(linkStat.error, 'read', path)))
          continue
        }
        let entry = linkStat.value
        if (entry.isSymbolicLink()) {
          const target = await fs.realpath(path).catch(() => null)
          if (!target || !isInside(target, rootReal)) {
            out.push(skip(path, new AppError('FORBIDDEN', `${name} is a link to something outside the dropped folder: skipped.`)))
            continue
          }
          entry = await fs.stat(path)
        }
        if (entry.isDirectory()) await walkDir(path, [...folders, name])
        else if (entry.isFile()) out.push(found(path, entry, folders))
        else out.push(skip(path, notRegular(path)))
      }
    }
    await walkDir(root, [topName])
  }
  return out
}

async function attempt<T>(fn: () => Promise<T>): Promise<{ ok: true; value: T } | { ok: false; error: unknown }> {
  try {
    return { ok: true, value: await fn() }
  } catch (error) {
    return { ok: false, error }
  }
}

const found = (path: string, stat: { size: number; mtimeMs: number }, folders: string[]): FoundFile => ({
  kind: 'file', path, name: basename(path), size: stat.size, mtimeMs: stat.mtimeMs, folders,
})

const skip = (path: string, error: unknown): SkippedEntry => ({
  kind: 'skipped', path, name: basename(path) || path,
  error: error instanceof AppError ? error : new AppError('PERMISSION_DENIED', `${path} could not be read (${errnoOf(error) ?? 'error'}).`),
})

const notRegular = (path: string) => new AppError('UNSUPPORTED_TYPE', `${basename(path)} is not a regular file (a device, socket or pipe): skipped.`)

const isInside = (path: string, root: string) => path === root || path.startsWith(root.endsWith(sep) ? root : root + sep)
