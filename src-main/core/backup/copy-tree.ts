import { join } from 'node:path'
import { errnoOf } from '../common/app-error'
import { fsyncDirectory, type FsSeam } from '../common/fs-seam'
import { copyVerified } from './verified-copy'

export interface CopyTreeResult {
  /** Regular files found in the source tree. */
  files: number
  copied: number
  bytesCopied: number
}

export interface CopyTreeOptions {
  stagingDir: string
  signal?: AbortSignal
  onBytes?: (n: number) => void
  /** Mode given to each copied file (default: owner read/write only). */
  mode?: number
}

/**
 * Copies a folder tree as it is, byte for byte (the vault: ciphertext, never opened; thumbs;
 * staged uploads). A file already at the destination with the same size and written after the
 * source last changed is kept; anything else is copied through `copyVerified` (read back before
 * it is renamed in). A missing source folder is an empty tree. Symbolic links are not followed.
 */
export async function copyTree(fs: FsSeam, from: string, to: string, options: CopyTreeOptions): Promise<CopyTreeResult> {
  const result: CopyTreeResult = { files: 0, copied: 0, bytesCopied: 0 }
  const walk = async (source: string, target: string): Promise<void> => {
    let entries: string[]
    try {
      entries = await fs.readdir(source)
    } catch (err) {
      if (errnoOf(err) === 'ENOENT') return
      throw err
    }
    let madeTarget = false
    let wroteHere = false
    for (const name of entries.sort()) {
      options.signal?.throwIfAborted()
      const path = join(source, name)
      const stat = await fs.lstat(path)
      if (stat.isDirectory()) {
        await walk(path, join(target, name))
        continue
      }
      if (!stat.isFile()) continue
      result.files++
      if (!madeTarget) {
        await fs.mkdir(target, { recursive: true })
        madeTarget = true
      }
      const destination = join(target, name)
      const existing = await fs.stat(destination).catch((err: unknown) => {
        if (errnoOf(err) === 'ENOENT') return null
        throw err
      })
      if (existing && existing.size === stat.size && existing.mtimeMs >= stat.mtimeMs) continue
      const copied = await copyVerified(fs, path, destination, { stagingDir: options.stagingDir, mode: options.mode ?? 0o600, signal: options.signal, onBytes: options.onBytes })
      result.copied++
      result.bytesCopied += copied.bytes
      wroteHere = true
    }
    if (wroteHere) await fsyncDirectory(fs, target)
  }
  await walk(from, to)
  return result
}

/** Whether a folder tree holds at least one regular file. */
export async function treeHasFiles(fs: FsSeam, root: string): Promise<boolean> {
  let entries: string[]
  try {
    entries = await fs.readdir(root)
  } catch (err) {
    if (errnoOf(err) === 'ENOENT' || errnoOf(err) === 'ENOTDIR') return false
    throw err
  }
  for (const name of entries) {
    const stat = await fs.lstat(join(root, name))
    if (stat.isFile()) return true
    if (stat.isDirectory() && (await treeHasFiles(fs, join(root, name)))) return true
  }
  return false
}
