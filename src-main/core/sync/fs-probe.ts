import { randomUUID } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import { join, sep } from 'node:path'
import { errnoOf } from '../common/app-error'
import type { FsSeam } from '../common/fs-seam'

/**
 * Facts about the filesystem a watched folder lives on, found once per folder: whether names
 * differ by case (so a case-only rename is not an add and a delete) and whether it is a
 * network mount (where native change notifications cannot be trusted, so it is polled).
 */

/**
 * Probes `root` (a real, existing folder): first without writing, by looking up an existing
 * name with its case swapped; else by creating and looking up a hidden probe file; and if the
 * folder cannot be written, the platform's usual default.
 */
export async function probeCaseSensitive(fs: FsSeam, root: string): Promise<boolean> {
  try {
    const names = await fs.readdir(root)
    const present = new Set(names)
    for (const name of names.slice(0, 200)) {
      const swapped = swapCase(name)
      if (swapped === name || present.has(swapped)) continue
      try {
        const [a, b] = await Promise.all([fs.lstat(join(root, name)), fs.lstat(join(root, swapped))])
        return !(a.ino === b.ino && a.dev === b.dev)
      } catch (err) {
        if (errnoOf(err) === 'ENOENT') return true
      }
    }
  } catch {
    // unreadable: try writing
  }
  const name = `.trove-case-probe-${randomUUID().slice(0, 8)}`
  const probe = join(root, name)
  try {
    const handle = await fs.open(probe, 'wx', 0o600)
    await handle.close()
    try {
      await fs.lstat(join(root, swapCase(name)))
      return false
    } catch {
      return true
    } finally {
      await fs.rm(probe, { force: true })
    }
  } catch {
    return platformDefault()
  }
}

const platformDefault = () => process.platform !== 'darwin' && process.platform !== 'win32'

function swapCase(name: string): string {
  let out = ''
  for (const c of name) {
    const upper = c.toUpperCase()
    out += upper === c ? c.toLowerCase() : upper
  }
  return out
}

/** Filesystem types whose change notifications do not cover changes made by other machines. */
const NETWORK_TYPES = new Set([
  'nfs', 'nfs4', 'cifs', 'smbfs', 'smb3', 'ncpfs', 'afs', '9p', 'ceph', 'glusterfs', 'lustre', 'gpfs', 'davfs', 'sshfs', 'afpfs', 'webdav',
])
const NETWORK_FUSE = /^fuse\.(sshfs|rclone|s3fs|gcsfuse|glusterfs|ceph|davfs|davfs2|smbnetfs|curlftpfs|cifs|nfs|goofys|juicefs|seaweedfs)$/

/**
 * The network filesystem type `path` (a real path) is on, per a `/proc/mounts` text, or null
 * when it is local. The longest mount point containing the path decides.
 */
export function networkFsType(mounts: string, path: string): string | null {
  let best: { point: string; type: string } | null = null
  for (const line of mounts.split('\n')) {
    const fields = line.trim().split(/\s+/)
    if (fields.length < 3) continue
    const point = unescapeMount(fields[1]!)
    const type = fields[2]!
    const inside = point === '/' || path === point || path.startsWith(point.endsWith(sep) ? point : point + sep)
    if (inside && (!best || point.length >= best.point.length)) best = { point, type }
  }
  if (!best) return null
  return NETWORK_TYPES.has(best.type) || NETWORK_FUSE.test(best.type) ? best.type : null
}

/** The network filesystem type of a mount point inside `path` (a share mounted within the tree), or null. */
export function networkFsTypeInside(mounts: string, path: string): string | null {
  const prefix = path.endsWith(sep) ? path : path + sep
  for (const line of mounts.split('\n')) {
    const fields = line.trim().split(/\s+/)
    if (fields.length < 3) continue
    const type = fields[2]!
    if (unescapeMount(fields[1]!).startsWith(prefix) && (NETWORK_TYPES.has(type) || NETWORK_FUSE.test(type))) return type
  }
  return null
}

/** Mount points escape space, tab, newline and backslash as octal (`\040`). */
const unescapeMount = (s: string) => s.replace(/\\([0-7]{3})/g, (_m, oct: string) => String.fromCharCode(Number.parseInt(oct, 8)))

/**
 * Linux: the network filesystem `path` is on (or, with `inside`, one mounted anywhere within
 * it), or null (also null where /proc/mounts does not exist).
 */
export async function detectNetworkMount(path: string, options: { inside?: boolean } = {}): Promise<string | null> {
  if (process.platform !== 'linux') return null
  try {
    const mounts = await readFile('/proc/mounts', 'utf8')
    return networkFsType(mounts, path) ?? (options.inside ? networkFsTypeInside(mounts, path) : null)
  } catch {
    return null
  }
}
