import { join } from 'node:path'
import type { Kysely } from 'kysely'
import { errnoOf } from '../common/app-error'
import type { Clock } from '../common/clock'
import type { FsSeam } from '../common/fs-seam'
import type { Logger } from '../common/logger'
import type { Database } from '../db/schema'
import type { LibraryLayout } from '../library/library-layout'
import type { ObjectStore } from './object-store'

/** How long an object without a row is left alone (an import may be about to commit it). */
export const ORPHAN_GRACE_MS = 24 * 60 * 60 * 1000
const OBJECT_NAME = /^([0-9a-f]{64})(?:\.([a-z0-9]{1,10}))?$/

export interface IntegrityDeps {
  db: Kysely<Database>
  fs: FsSeam
  store: ObjectStore
  layout: LibraryLayout
  clock: Clock
  logger: Logger
}

export interface ObjectProblem {
  fileId: number | null
  sha256: string
  name: string | null
  path: string
}

export interface StartupReport {
  /** Rows whose object is gone: marked missing (stored = 0), never dropped. */
  missing: ObjectProblem[]
  /** Rows marked missing earlier whose object is back. */
  recovered: number
  /** Objects with no row older than the grace period, removed. */
  orphansSwept: number
  /** Objects with no row still inside the grace period, left alone. */
  orphansPending: number
  /** Half-copied leftovers inside objects/ removed. */
  partialsRemoved: number
}

export interface VerifyReport {
  checked: number
  bytes: number
  missing: ObjectProblem[]
  corrupt: ObjectProblem[]
  orphans: ObjectProblem[]
  seconds: number
}

/** Every file under objects/, by name: `<sha>.<ext>` objects and anything else found there. */
async function listObjects(deps: IntegrityDeps): Promise<{ objects: Map<string, { path: string; mtimeMs: number }>; strays: string[] }> {
  const objects = new Map<string, { path: string; mtimeMs: number }>()
  const strays: string[] = []
  for (const shard of await deps.fs.readdir(deps.layout.objects)) {
    const dir = join(deps.layout.objects, shard)
    let names: string[]
    try {
      names = await deps.fs.readdir(dir)
    } catch (err) {
      if (errnoOf(err) === 'ENOTDIR') strays.push(dir)
      continue
    }
    for (const name of names) {
      const path = join(dir, name)
      const match = OBJECT_NAME.exec(name)
      if (!match || !name.startsWith(shard)) {
        strays.push(path)
        continue
      }
      const stat = await deps.fs.stat(path)
      objects.set(`${match[1]}.${match[2] ?? ''}`, { path, mtimeMs: stat.mtimeMs })
    }
  }
  return { objects, strays }
}

/**
 * The cheap checks of every start: rows whose object vanished are marked missing (and back
 * when it returns), objects without a row are swept only after a grace period, and half-copied
 * leftovers are removed. Nothing a person added is ever dropped here.
 */
export async function runStartupChecks(deps: IntegrityDeps): Promise<StartupReport> {
  const { objects, strays } = await listObjects(deps)
  const report: StartupReport = { missing: [], recovered: 0, orphansSwept: 0, orphansPending: 0, partialsRemoved: 0 }
  const rows = await deps.db.selectFrom('files').select(['id', 'sha256', 'ext', 'name', 'stored', 'storage']).execute()
  const referenced = new Set<string>()
  for (const row of rows) {
    const key = `${row.sha256}.${row.ext}`
    referenced.add(key)
    // Bytes that live only in watched folders have no object to miss; the sync keeps their sources.
    if (row.storage === 'in_place') continue
    const present = objects.has(key)
    if (!present && row.stored === 1) {
      await deps.db.updateTable('files').set({ stored: 0 }).where('id', '=', row.id).execute()
      report.missing.push({ fileId: row.id, sha256: row.sha256, name: row.name, path: deps.store.relativePath(row.sha256, row.ext) })
    } else if (!present) {
      report.missing.push({ fileId: row.id, sha256: row.sha256, name: row.name, path: deps.store.relativePath(row.sha256, row.ext) })
    } else if (row.stored === 0) {
      await deps.db.updateTable('files').set({ stored: 1 }).where('id', '=', row.id).execute()
      report.recovered++
    }
  }
  const now = deps.clock.now()
  for (const [key, object] of objects) {
    if (referenced.has(key)) continue
    if (now - object.mtimeMs < ORPHAN_GRACE_MS) {
      report.orphansPending++
      continue
    }
    await deps.store.remove(key.slice(0, 64), key.slice(65))
    report.orphansSwept++
  }
  for (const stray of strays) {
    if (!stray.endsWith('.part')) continue
    await deps.fs.rm(stray, { force: true })
    report.partialsRemoved++
  }
  if (report.missing.length || report.orphansSwept || report.partialsRemoved) deps.logger.warn('start-up checks found problems', { ...report, missing: report.missing.length })
  return report
}

/** Re-hashes every object and compares it with its name; lists missing, corrupt and orphan objects. */
export async function verifyLibrary(
  deps: IntegrityDeps,
  progress: { signal?: AbortSignal; onProgress?: (done: number, total: number, bytes: number) => void } = {},
): Promise<VerifyReport> {
  const started = deps.clock.now()
  const { objects } = await listObjects(deps)
  const rows = await deps.db.selectFrom('files').select(['id', 'sha256', 'ext', 'name', 'size']).where('storage', '=', 'object').orderBy('id').execute()
  const report: VerifyReport = { checked: 0, bytes: 0, missing: [], corrupt: [], orphans: [], seconds: 0 }
  const referenced = new Set<string>()
  for (const row of rows) {
    progress.signal?.throwIfAborted()
    const key = `${row.sha256}.${row.ext}`
    referenced.add(key)
    const problem = { fileId: row.id, sha256: row.sha256, name: row.name, path: deps.store.relativePath(row.sha256, row.ext) }
    const actual = await deps.store.hashOf(row.sha256, row.ext, (n) => (report.bytes += n), progress.signal)
    if (actual === null) report.missing.push(problem)
    else if (actual !== row.sha256) report.corrupt.push(problem)
    report.checked++
    progress.onProgress?.(report.checked, rows.length, report.bytes)
  }
  for (const [key, object] of objects) {
    if (!referenced.has(key)) report.orphans.push({ fileId: null, sha256: key.slice(0, 64), name: null, path: object.path.slice(deps.layout.root.length + 1) })
  }
  report.seconds = (deps.clock.now() - started) / 1000
  return report
}
