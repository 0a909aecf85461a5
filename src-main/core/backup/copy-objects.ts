import { join } from 'node:path'
import type { BackupProblemDto } from '../../../src-preload/contract/backup'
import { errnoOf, isAppError } from '../common/app-error'
import { fsyncDirectory, type FsSeam } from '../common/fs-seam'
import { safeExt } from '../store/object-store'
import type { NeededObject } from './database-copy'
import { copyVerified, hashFile } from './verified-copy'

/** Objects in flight at once: enough to overlap fsyncs and small-file latency, few enough for a USB disk. */
const PARALLEL = 8
const STAT_PARALLEL = 32

/** An object the backup could not carry, as the contract reports it. */
export type ObjectProblem = BackupProblemDto

export interface CopyObjectsResult {
  /** Copied in this run, each read back and matched against its name before it was renamed in. */
  copied: number
  bytesCopied: number
  /** Already at the destination under the same name and size (content-addressed: same bytes). */
  skipped: number
  problems: ObjectProblem[]
}

export interface CopyObjectsOptions {
  fs: FsSeam
  /** objects/ of the source and of the destination. */
  from: string
  to: string
  /** Staging folder on the destination's filesystem. */
  stagingDir: string
  signal?: AbortSignal
  onProgress?: (done: { items: number; bytes: number }) => void
  /**
   * Make the copies durable together at the end (one fsync per file once all are written)
   * instead of one by one before each rename: several times faster on many small files. Only
   * for a destination whose completeness is marked elsewhere (a backup's manifest, written after
   * this returns); see `recheckNewerThan` for what a crash before then leaves.
   */
  deferSync?: boolean
  /**
   * Objects present with the right size but modified at or after this time (epoch ms) are read
   * again before being trusted: a run interrupted before its deferred flush may have left names
   * whose bytes never reached the disk. Wrong ones are copied again.
   */
  recheckNewerThan?: number
}

/** `ab/<sha>.<ext>` (or `ab/<sha>` without an extension): where an object lives under objects/. */
export const objectName = (o: { sha256: string; ext: string }): string => join(o.sha256.slice(0, 2), o.ext ? `${o.sha256}.${safeExt(o.ext)}` : o.sha256)

/**
 * Copies the objects the destination lacks. An object already there under its name with the
 * right size is kept (names are hashes; each arrived only after being read back), so a second
 * run of an unchanged library only stats. A source object that is missing or does not match its
 * name is a problem, never copied. Each shard folder written to is fsynced once at the end.
 */
export async function copyObjects(objects: NeededObject[], options: CopyObjectsOptions): Promise<CopyObjectsResult> {
  const { fs } = options
  const result: CopyObjectsResult = { copied: 0, bytesCopied: 0, skipped: 0, problems: [] }
  const shardsMade = new Set<string>()
  const shardsWritten = new Set<string>()
  const unsynced: string[] = []
  let items = 0
  let bytes = 0
  const report = () => options.onProgress?.({ items, bytes })

  /** Whether the destination lacks this object (a wrong one is removed first). */
  const lacks = async (object: NeededObject): Promise<boolean> => {
    const target = join(options.to, objectName(object))
    const present = await presentStat(fs, target)
    if (present && present.size === object.size) {
      const trusted = options.recheckNewerThan === undefined || present.mtimeMs < options.recheckNewerThan || (await hashFile(fs, target, options.signal))?.sha256 === object.sha256
      if (trusted) {
        result.skipped++
        items++
        report()
        return false
      }
      await fs.chmod(target, 0o644).catch(() => undefined)
      await fs.rm(target, { force: true })
    }
    return true
  }

  const copy = async (object: NeededObject) => {
    const name = objectName(object)
    const target = join(options.to, name)
    const shard = join(options.to, object.sha256.slice(0, 2))
    if (!shardsMade.has(shard)) {
      await fs.mkdir(shard, { recursive: true })
      shardsMade.add(shard)
    }
    try {
      const copied = await copyVerified(fs, join(options.from, name), target, {
        stagingDir: options.stagingDir, expectedSha256: object.sha256, mode: 0o444, signal: options.signal, sync: !options.deferSync,
        onBytes: (n) => {
          bytes += n
          report()
        },
      })
      result.copied++
      result.bytesCopied += copied.bytes
      shardsWritten.add(shard)
      if (options.deferSync) unsynced.push(target)
    } catch (err) {
      const problem = sourceProblem(err, object, name, join(options.from, name))
      if (!problem) throw err
      result.problems.push(problem)
    }
    items++
    report()
  }

  // Stats are cheap and many (an unchanged backup does nothing else): more of them in flight.
  const missing: NeededObject[] = []
  await pool(objects, STAT_PARALLEL, async (object) => {
    if (await lacks(object)) missing.push(object)
  }, options.signal)
  missing.sort((a, b) => (a.sha256 < b.sha256 ? -1 : 1))
  await pool(missing, PARALLEL, copy, options.signal)
  await syncFiles(fs, unsynced, options.signal)
  for (const shard of shardsWritten) await fsyncDirectory(fs, shard)
  return result
}

async function presentStat(fs: FsSeam, path: string): Promise<{ size: number; mtimeMs: number } | null> {
  try {
    return await fs.stat(path)
  } catch (err) {
    if (errnoOf(err) === 'ENOENT') return null
    throw err
  }
}

/** fsyncs files written earlier without it, PARALLEL at a time. */
async function syncFiles(fs: FsSeam, paths: string[], signal?: AbortSignal): Promise<void> {
  let next = 0
  const worker = async () => {
    while (next < paths.length) {
      signal?.throwIfAborted()
      const handle = await fs.open(paths[next++]!, 'r')
      try {
        await handle.sync()
      } finally {
        await handle.close()
      }
    }
  }
  await Promise.all(Array.from({ length: Math.min(PARALLEL, paths.length) }, worker))
}

/** A failure that belongs to one source object (reported, the run goes on), or null (the run stops). */
function sourceProblem(err: unknown, object: NeededObject, name: string, sourcePath: string): ObjectProblem | null {
  const path = join('objects', name)
  if (isAppError(err) && err.code === 'CORRUPT' && (err.details as { expected?: string } | undefined)?.expected) {
    return { kind: 'corrupt', sha256: object.sha256, path, message: `${path} in the library does not match its name; it was not copied.` }
  }
  if (isAppError(err) && err.code === 'NOT_FOUND' && (err.details as { path?: string } | undefined)?.path === sourcePath) {
    return { kind: 'missing', sha256: object.sha256, path, message: `${path} is missing from the library.` }
  }
  return null
}

/**
 * Runs `fn` over `items`, `parallel` at a time. On the first failure the other workers stop
 * taking items and all are awaited before the error is thrown: nothing keeps writing into a
 * folder the caller may be about to remove.
 */
export async function pool<T>(items: T[], parallel: number, fn: (item: T) => Promise<void>, signal?: AbortSignal): Promise<void> {
  let next = 0
  let failure: { error: unknown } | null = null
  const worker = async () => {
    while (next < items.length && !failure) {
      try {
        signal?.throwIfAborted()
        await fn(items[next++]!)
      } catch (error) {
        failure ??= { error }
        return
      }
    }
  }
  await Promise.all(Array.from({ length: Math.min(parallel, items.length) }, worker))
  if (failure) throw (failure as { error: unknown }).error
}
