import type { Dirent } from 'node:fs'
import { join } from 'node:path'
import { errnoOf } from '../common/app-error'
import type { FsSeam } from '../common/fs-seam'
import type { IgnoreRules } from './ignore-rules'

/** A file found in a watched folder. */
export interface WalkEntry {
  /** Relative to the root, POSIX separators, NFC: how it is recorded and compared. */
  relPath: string
  /** Relative to the root as the names are on disk (may be another Unicode form). */
  diskRel: string
  size: number
  mtimeMs: number
}

/** Something a scan could not look at, for the operation's errors_json. */
export interface SyncIssue {
  path: string
  code: string
  message: string
}

export interface WalkReport {
  issues: SyncIssue[]
  /** Folders (relPath) that could not be listed: what was recorded under them is kept. */
  unreadable: string[]
}

/** Stats in flight at once inside one folder. */
const STAT_CONCURRENCY = 32

export const toRelPath = (diskRel: string): string => diskRel.split(/[\\/]/).filter(Boolean).join('/').normalize('NFC')

/**
 * Lists the files under `root` (a real path), a folder at a time (depth first, no recursion
 * limit hit by deep trees). Symbolic links are not followed, so nothing outside the root is
 * reached and links cannot loop; each real folder is visited once even across bind mounts.
 * Ignored names are skipped; folders that cannot be listed and files that cannot be looked at
 * are reported and skipped.
 */
export async function* walkFolder(
  fs: FsSeam, root: string, rules: IgnoreRules, report: WalkReport, options: { startRel?: string; signal?: AbortSignal } = {},
): AsyncGenerator<WalkEntry[]> {
  const stack = [options.startRel ?? '']
  const visited = new Set<string>()
  while (stack.length > 0) {
    options.signal?.throwIfAborted()
    const dirRel = stack.pop()!
    const dir = dirRel === '' ? root : join(root, dirRel)
    let dirents: Dirent[]
    try {
      const stat = await fs.lstat(dir)
      const id = `${stat.dev}:${stat.ino}`
      if (visited.has(id)) continue
      visited.add(id)
      dirents = (await fs.readdir(dir, { withFileTypes: true })) as Dirent[]
    } catch (err) {
      const code = errnoOf(err) ?? 'EIO'
      if (dirRel !== '' && (code === 'ENOENT' || code === 'ENOTDIR')) continue // gone since it was listed
      report.unreadable.push(toRelPath(dirRel))
      report.issues.push({ path: toRelPath(dirRel) || '.', code, message: `The folder could not be read (${code}); what was recorded in it is kept.` })
      continue
    }
    const files: string[] = []
    const subdirs: string[] = []
    for (const dirent of dirents) {
      const diskRel = dirRel === '' ? dirent.name : `${dirRel}/${dirent.name}`
      if (dirent.isSymbolicLink()) continue
      if (dirent.isDirectory()) {
        if (!rules.ignores(toRelPath(diskRel), true)) subdirs.push(diskRel)
      } else if (dirent.isFile()) {
        if (!rules.ignores(toRelPath(diskRel), false)) files.push(diskRel)
      }
    }
    // Visited in name order (the stack pops the last pushed first).
    subdirs.sort().reverse()
    stack.push(...subdirs)
    const entries: WalkEntry[] = []
    for (let i = 0; i < files.length; i += STAT_CONCURRENCY) {
      const stats = await Promise.allSettled(files.slice(i, i + STAT_CONCURRENCY).map((f) => fs.lstat(join(root, f))))
      stats.forEach((result, j) => {
        const diskRel = files[i + j]!
        if (result.status === 'fulfilled') {
          if (result.value.isFile()) entries.push({ relPath: toRelPath(diskRel), diskRel, size: result.value.size, mtimeMs: result.value.mtimeMs })
          return
        }
        const code = errnoOf(result.reason) ?? 'EIO'
        if (code === 'ENOENT') return // vanished between listing and looking
        report.unreadable.push(toRelPath(diskRel))
        report.issues.push({ path: toRelPath(diskRel), code, message: `The file could not be looked at (${code}).` })
      })
    }
    if (entries.length > 0) yield entries
  }
}

/** True when `relPath` is `prefix` itself or inside it. */
export const isUnder = (relPath: string, prefix: string): boolean => prefix === '' || relPath === prefix || relPath.startsWith(`${prefix}/`)
