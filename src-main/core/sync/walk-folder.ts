import { lstatSync, readdirSync, type Dirent, type Stats } from 'node:fs'
import { join, sep } from 'node:path'
import { setImmediate as nextTurn } from 'node:timers/promises'
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

/** The files found directly in one folder. */
export interface DirListing {
  /** Relative to the root, POSIX separators, NFC ('' for the root). */
  relDir: string
  entries: WalkEntry[]
  /** False when a file in it could not be looked at (its listing is not the whole story). */
  complete: boolean
}

export interface WalkOptions {
  startRel?: string
  signal?: AbortSignal
  /**
   * List folders and stat files with synchronous calls, a folder or a slice of files at a time,
   * instead of through the seam and the thread pool (three to four times cheaper per file).
   * Only for folders on a local disk, where a call does not wait on a network: the event loop
   * is held for one listing or one slice of files at most.
   */
  quickStat?: boolean
}

/** Stats in flight at once inside one folder (through the seam). */
const STAT_CONCURRENCY = 32
/** Printable ASCII without a backslash: a name that NFC leaves alone and no platform splits. */
const PLAIN_NAME = /^[\x20-\x5b\x5d-\x7e]+$/
/** Files stat'ed synchronously before the event loop gets a turn. */
const QUICK_SLICE = 256

export const toRelPath = (diskRel: string): string => diskRel.split(/[\\/]/).filter(Boolean).join('/').normalize('NFC')

/**
 * Lists the files under `root` (a real path), a folder at a time (depth first, no recursion
 * limit hit by deep trees). Symbolic links are not followed, so nothing outside the root is
 * reached and links cannot loop; each real folder is visited once even across bind mounts.
 * Ignored names are skipped; folders that cannot be listed and files that cannot be looked at
 * are reported and skipped.
 */
export async function* walkFolder(fs: FsSeam, root: string, rules: IgnoreRules, report: WalkReport, options: WalkOptions = {}): AsyncGenerator<DirListing> {
  const stack = [options.startRel ?? '']
  const visited = new Set<string>()
  while (stack.length > 0) {
    options.signal?.throwIfAborted()
    const dirRel = stack.pop()!
    const dir = dirRel === '' ? root : join(root, dirRel)
    let dirents: Dirent[]
    try {
      const stat = options.quickStat ? lstatSync(dir) : await fs.lstat(dir)
      const id = `${stat.dev}:${stat.ino}`
      if (visited.has(id)) continue
      visited.add(id)
      dirents = options.quickStat ? readdirSync(dir, { withFileTypes: true }) : ((await fs.readdir(dir, { withFileTypes: true })) as Dirent[])
    } catch (err) {
      const code = errnoOf(err) ?? 'EIO'
      if (dirRel !== '' && (code === 'ENOENT' || code === 'ENOTDIR')) continue // gone since it was listed
      report.unreadable.push(toRelPath(dirRel))
      report.issues.push({ path: toRelPath(dirRel) || '.', code, message: `The folder could not be read (${code}); what was recorded in it is kept.` })
      continue
    }
    const relDir = toRelPath(dirRel)
    const files: string[] = []
    const relPaths: string[] = []
    const subdirs: string[] = []
    for (const dirent of dirents) {
      const diskRel = dirRel === '' ? dirent.name : `${dirRel}/${dirent.name}`
      if (dirent.isSymbolicLink()) continue
      const isDirectory = dirent.isDirectory()
      if (!isDirectory && !dirent.isFile()) continue
      // A plain name is its own NFC form and holds no separator: no need to rebuild the whole path.
      const plain = PLAIN_NAME.test(dirent.name)
      const relPath = plain ? (relDir === '' ? dirent.name : `${relDir}/${dirent.name}`) : toRelPath(diskRel)
      if (plain ? rules.ignoresIn(relDir, dirent.name, isDirectory) : rules.ignores(relPath, isDirectory)) continue
      if (isDirectory) subdirs.push(diskRel)
      else {
        files.push(diskRel)
        relPaths.push(relPath)
      }
    }
    // Visited in name order (the stack pops the last pushed first).
    subdirs.sort().reverse()
    stack.push(...subdirs)
    const entries: WalkEntry[] = []
    let complete = true
    const take = (i: number, result: PromiseSettledResult<Stats>) => {
      const relPath = relPaths[i]!
      if (result.status === 'fulfilled') {
        if (result.value.isFile()) entries.push({ relPath, diskRel: files[i]!, size: result.value.size, mtimeMs: result.value.mtimeMs })
        return
      }
      const code = errnoOf(result.reason) ?? 'EIO'
      if (code === 'ENOENT') return // vanished between listing and looking
      complete = false
      report.unreadable.push(relPath)
      report.issues.push({ path: relPath, code, message: `The file could not be looked at (${code}).` })
    }
    if (options.quickStat) {
      await nextTurn() // one folder's listing at a time holds the event loop
      const base = root.endsWith(sep) ? root : root + sep
      for (let i = 0; i < files.length; i++) {
        if (i > 0 && i % QUICK_SLICE === 0) await nextTurn()
        let stats: Stats | undefined
        try {
          stats = lstatSync(base + files[i]!, { throwIfNoEntry: false })
        } catch (reason) {
          take(i, { status: 'rejected', reason })
          continue
        }
        if (stats?.isFile()) entries.push({ relPath: relPaths[i]!, diskRel: files[i]!, size: stats.size, mtimeMs: stats.mtimeMs })
        // else: vanished between listing and looking, or no longer a file
      }
    } else {
      for (let i = 0; i < files.length; i += STAT_CONCURRENCY) {
        const stats = await Promise.allSettled(files.slice(i, i + STAT_CONCURRENCY).map((f) => fs.lstat(join(root, f))))
        stats.forEach((result, j) => take(i + j, result))
      }
    }
    yield { relDir, entries, complete }
  }
}

/** True when `relPath` is `prefix` itself or inside it. */
export const isUnder = (relPath: string, prefix: string): boolean => prefix === '' || relPath === prefix || relPath.startsWith(`${prefix}/`)
