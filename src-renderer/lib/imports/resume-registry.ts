/**
 * Uploads that may be continued after the window was closed or reloaded: the upload id per
 * file (name, size, last modified), kept in localStorage until the upload ends or expires.
 * Dropping the same file again asks the library where the upload stands and continues there.
 */
const STORAGE_KEY = 'trove.pending-uploads'
const MAX_ENTRIES = 200

export interface PendingUpload {
  uploadId: string
  name: string
  size: number
  lastModified: number
  /** When the library drops the upload unless another chunk arrives (epoch ms). */
  expiresAt: number
}

const sameFile = (a: Pick<PendingUpload, 'name' | 'size' | 'lastModified'>, b: Pick<PendingUpload, 'name' | 'size' | 'lastModified'>) =>
  a.name === b.name && a.size === b.size && a.lastModified === b.lastModified

function readAll(): PendingUpload[] {
  try {
    const raw = window.localStorage.getItem(STORAGE_KEY)
    const parsed: unknown = raw ? JSON.parse(raw) : []
    if (!Array.isArray(parsed)) return []
    const now = Date.now()
    return parsed.filter(
      (p): p is PendingUpload =>
        typeof p === 'object' && p !== null && typeof p.uploadId === 'string' && typeof p.name === 'string' &&
        typeof p.size === 'number' && typeof p.lastModified === 'number' && typeof p.expiresAt === 'number' && p.expiresAt > now,
    )
  } catch {
    return []
  }
}

function writeAll(entries: PendingUpload[]): void {
  try {
    if (entries.length === 0) window.localStorage.removeItem(STORAGE_KEY)
    else window.localStorage.setItem(STORAGE_KEY, JSON.stringify(entries.slice(-MAX_ENTRIES)))
  } catch {
    // Storage full or disabled: uploads still work, they just cannot be continued after a reload.
  }
}

export function findPendingUpload(file: { name: string; size: number; lastModified: number }): PendingUpload | null {
  return readAll().find((p) => sameFile(p, file)) ?? null
}

export function rememberPendingUpload(entry: PendingUpload): void {
  writeAll([...readAll().filter((p) => p.uploadId !== entry.uploadId && !sameFile(p, entry)), entry])
}

export function forgetPendingUpload(uploadId: string): void {
  const all = readAll()
  const rest = all.filter((p) => p.uploadId !== uploadId)
  if (rest.length !== all.length) writeAll(rest)
}
