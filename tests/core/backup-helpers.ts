import { createHash, randomBytes } from 'node:crypto'
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises'
import { join, relative } from 'node:path'
import BetterSqlite3 from 'better-sqlite3'
import { systemClock } from '../../src-main/core/common/clock'
import { realFs, type FsSeam } from '../../src-main/core/common/fs-seam'
import { silentLogger } from '../../src-main/core/common/logger'
import type { BackupDeps, BackupSource } from '../../src-main/core/backup/backup-run'
import type { TestLibrary } from '../support/library'

export const backupDeps = (fs: FsSeam = realFs): BackupDeps => ({ fs, clock: systemClock, logger: silentLogger, appVersion: '0.1.0-test' })
export const sourceOf = (lib: TestLibrary): BackupSource => ({ layout: lib.library.layout, sqlite: lib.library.connection.sqlite })

/** Writes files under `scratch` and imports the folder: nested folders become collections. */
export async function importTree(lib: TestLibrary, files: Record<string, string | Buffer>, folder = 'drop'): Promise<void> {
  const root = join(lib.scratch, folder)
  for (const [path, content] of Object.entries(files)) {
    await mkdir(join(root, path, '..'), { recursive: true })
    await writeFile(join(root, path), content)
  }
  const summary = await lib.imports.start([root]).done
  if (summary.failed || summary.rejected) throw new Error(`import did not store everything: ${JSON.stringify(summary)}`)
}

/** A library with what a person would miss: files in collections, tags, notes, sources, and a vault. */
export async function fillLibrary(lib: TestLibrary): Promise<void> {
  await importTree(lib, {
    'Trips/2024/rome.txt': 'We saw the Colosseum at dawn.',
    'Trips/packing.md': '- sunscreen\n- umbrella\n',
    'budget.csv': 'month,amount\njanuary,1200\n',
    'photo.bin': randomBytes(300_000),
    'empty.txt': '',
  })
  const rows = lib.library.connection.sqlite.prepare('SELECT id, name FROM files ORDER BY id').all() as Array<{ id: number; name: string }>
  const byName = new Map(rows.map((r) => [r.name, r.id]))
  await lib.tags.apply([byName.get('rome.txt')!, byName.get('photo.bin')!], { names: ['Italy', 'Summer 2024'] }, true)
  await lib.notes.set(byName.get('budget.csv')!, 'January only; see the bank statement.')
  // Previews settle first: they change rows (state, facts) after an import.
  await lib.previews.idle()
  // The diary's vault: ciphertext the backup must carry as it is (never opened).
  await mkdir(join(lib.root, 'vault', 'objects'), { recursive: true })
  await writeFile(join(lib.root, 'vault', 'keyfile.json'), JSON.stringify({ wrapped: randomBytes(48).toString('base64') }))
  await writeFile(join(lib.root, 'vault', 'keyfile.json.bak'), JSON.stringify({ wrapped: randomBytes(48).toString('base64') }))
  await writeFile(join(lib.root, 'vault', 'objects', 'a1b2.tve'), randomBytes(200_000))
}

/** The rows a person would notice, table by table (ids included: tags and collections point at them). */
export function dumpLibraryRows(databaseFile: string): Record<string, unknown[]> {
  const db = new BetterSqlite3(databaseFile, { readonly: true })
  try {
    const out: Record<string, unknown[]> = {}
    for (const table of ['files', 'file_sources', 'tags', 'file_tags', 'collections', 'collection_members']) {
      out[table] = db.prepare(`SELECT * FROM ${table} ORDER BY 1, 2`).all()
    }
    return out
  } finally {
    db.close()
  }
}

/** Every regular file under a folder, by relative path, with its SHA-256. */
export async function treeHashes(root: string, skip: (rel: string) => boolean = () => false): Promise<Record<string, string>> {
  const out: Record<string, string> = {}
  const walk = async (dir: string) => {
    let entries
    try {
      entries = await readdir(dir, { withFileTypes: true })
    } catch {
      return
    }
    for (const entry of entries) {
      const path = join(dir, entry.name)
      if (entry.isDirectory()) await walk(path)
      else if (entry.isFile() && !skip(relative(root, path))) out[relative(root, path)] = createHash('sha256').update(await readFile(path)).digest('hex')
    }
  }
  await walk(root)
  return out
}
