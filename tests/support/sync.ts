import { mkdir, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { afterEach } from 'vitest'
import { realFs, type FsSeam } from '../../src-main/core/common/fs-seam'
import { silentLogger } from '../../src-main/core/common/logger'
import { systemClock, type Clock } from '../../src-main/core/common/clock'
import { SyncManager, type SyncOptions } from '../../src-main/core/sync/sync-manager'
import type { TestLibrary } from './library'

/** Builds SyncManagers over test libraries (not started unless asked), stopped after each test before the library closes. */
export function useSyncManagers(): (lib: TestLibrary, options?: SyncOptions & { fs?: FsSeam; start?: boolean; clock?: Clock }) => SyncManager {
  const made: SyncManager[] = []
  afterEach(async () => {
    for (const manager of made.splice(0)) await manager.stop()
  })
  return (lib, { fs = realFs, start = false, clock = systemClock, ...options } = {}) => {
    const manager = new SyncManager(
      {
        db: lib.library.connection.db, sqlite: lib.library.connection.sqlite, fs, ingest: lib.ingest, jobs: lib.jobs, logger: silentLogger,
        clock, libraryRoot: lib.root, onEntriesAdded: () => lib.previews.poke(),
      },
      options,
    )
    made.push(manager)
    if (start) manager.start()
    return manager
  }
}

export async function put(root: string, rel: string, data: string | Buffer): Promise<string> {
  const path = join(root, rel)
  await mkdir(dirname(path), { recursive: true })
  await writeFile(path, data)
  return path
}

/** Polls `check` until it returns a truthy value (or throws the last failure after `timeoutMs`). */
export async function eventually<T>(check: () => Promise<T> | T, timeoutMs = 10_000, what = 'the condition'): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs
  let last: unknown
  for (;;) {
    try {
      const value = await check()
      if (value) return value as NonNullable<T>
      last = undefined
    } catch (err) {
      last = err
    }
    if (Date.now() > deadline) throw last instanceof Error ? last : new Error(`timed out after ${timeoutMs} ms waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 50))
  }
}

/** The rows a test looks at, in one place. */
export function syncRows(lib: TestLibrary) {
  const sqlite = lib.library.connection.sqlite
  return {
    files: () => sqlite.prepare('SELECT id, sha256, name, storage, trashed_at, stored, kind, preview_state FROM files ORDER BY id').all() as Array<{ id: number; sha256: string; name: string; storage: string; trashed_at: number | null; stored: number; kind: string; preview_state: string }>,
    sources: () => sqlite.prepare("SELECT file_id, kind, path, folder_id, available FROM file_sources ORDER BY file_id, path").all() as Array<{ file_id: number; kind: string; path: string; folder_id: number | null; available: number }>,
    records: (folderId?: number) =>
      sqlite.prepare(`SELECT rel_path, disk_path, sha256, file_id, scan_generation FROM file_records ${folderId ? 'WHERE folder_id = ?' : ''} ORDER BY rel_path`).all(...(folderId ? [folderId] : [])) as Array<{ rel_path: string; disk_path: string | null; sha256: string | null; file_id: number | null; scan_generation: number }>,
    ops: () => sqlite.prepare('SELECT * FROM sync_operations ORDER BY id').all() as Array<Record<string, unknown> & { type: string; status: string; files_added: number; files_updated: number; files_removed: number; files_hashed: number; errors_json: string }>,
    paths: () => (sqlite.prepare("SELECT path FROM file_sources WHERE kind = 'watch' ORDER BY path").pluck().all() as string[]),
  }
}
