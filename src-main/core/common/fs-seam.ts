import * as fsp from 'node:fs/promises'
import { dirname } from 'node:path'

/**
 * The filesystem operations core uses, gathered in one object so tests can inject faults
 * (ENOSPC on the Nth write, EACCES, EXDEV, a crash before a rename) over the real filesystem.
 * Production passes `realFs`; nothing here is a fake store.
 */
export interface FsSeam {
  mkdir: typeof fsp.mkdir
  open: typeof fsp.open
  readFile: typeof fsp.readFile
  readdir: typeof fsp.readdir
  rename: typeof fsp.rename
  rm: typeof fsp.rm
  stat: typeof fsp.stat
  lstat: typeof fsp.lstat
  statfs: typeof fsp.statfs
  unlink: typeof fsp.unlink
  copyFile: typeof fsp.copyFile
  realpath: typeof fsp.realpath
  chmod: typeof fsp.chmod
}

export const realFs: FsSeam = {
  mkdir: fsp.mkdir,
  open: fsp.open,
  readFile: fsp.readFile,
  readdir: fsp.readdir,
  rename: fsp.rename,
  rm: fsp.rm,
  stat: fsp.stat,
  lstat: fsp.lstat,
  statfs: fsp.statfs,
  unlink: fsp.unlink,
  copyFile: fsp.copyFile,
  realpath: fsp.realpath,
  chmod: fsp.chmod,
}

/** fsync a directory so a rename inside it survives power loss. Windows cannot open folders. */
export async function fsyncDirectory(fs: FsSeam, dir: string): Promise<void> {
  if (process.platform === 'win32') return
  const handle = await fs.open(dir, 'r')
  try {
    await handle.sync()
  } finally {
    await handle.close()
  }
}

/**
 * Writes a small file so that readers see the old content or the new, never a torn one:
 * temp file, fsync, rename over, fsync the folder.
 */
export async function writeFileAtomic(fs: FsSeam, path: string, data: string | Uint8Array): Promise<void> {
  const temp = `${path}.${process.pid}.${Date.now()}.tmp`
  const handle = await fs.open(temp, 'w', 0o600)
  try {
    await handle.writeFile(data)
    await handle.sync()
  } finally {
    await handle.close()
  }
  try {
    await fs.rename(temp, path)
  } catch (err) {
    await fs.rm(temp, { force: true })
    throw err
  }
  await fsyncDirectory(fs, dirname(path))
}
