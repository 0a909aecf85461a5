import { z } from 'zod'
import { AppError, errnoOf } from '../common/app-error'
import { fsyncDirectory, writeFileAtomic, type FsSeam } from '../common/fs-seam'
import { BACKUP_FORMAT, type BackupLayout } from './backup-layout'

export const backupCountsSchema = z.object({
  files: z.number().int().min(0),
  objects: z.number().int().min(0),
  bytes: z.number().int().min(0),
  tags: z.number().int().min(0),
  collections: z.number().int().min(0),
})

export const manifestSchema = z.object({
  format: z.number().int().min(1),
  appVersion: z.string(),
  createdAt: z.string(),
  /** Folder of the library that was backed up (for the person; restore never uses it). */
  libraryPath: z.string(),
  /** The backed-up library's identity (library_meta.library_id): one backup folder, one library. */
  libraryId: z.string().nullable().default(null),
  counts: backupCountsSchema,
  vaultFiles: z.number().int().min(0),
  database: z.object({ file: z.literal('trove.db'), sha256: z.string().regex(/^[0-9a-f]{64}$/), bytes: z.number().int().min(0), schemaVersion: z.number().int() }),
  /** Objects copied (and read back) by the run that wrote this manifest. */
  copiedThisRun: z.number().int().min(0),
  /** Rows whose object could not be backed up (missing or damaged in the library). */
  problems: z.number().int().min(0),
  complete: z.literal(true),
})

export type BackupManifest = z.infer<typeof manifestSchema>
export type BackupManifestInput = z.input<typeof manifestSchema>
export type BackupCounts = z.infer<typeof backupCountsSchema>

const partialSchema = z.object({ startedAt: z.string(), appVersion: z.string(), libraryPath: z.string(), libraryId: z.string().nullable().default(null), runs: z.number().int().min(1) })
export type PartialMarker = z.input<typeof partialSchema>

export type BackupFolderState =
  | { kind: 'missing' }
  | { kind: 'empty' }
  | { kind: 'complete'; manifest: BackupManifest }
  | { kind: 'incomplete'; partial: PartialMarker | null }
  /** A folder with other things in it: never written into, never restored from. */
  | { kind: 'foreign'; entries: string[] }

async function readJson(fs: FsSeam, path: string): Promise<unknown> {
  try {
    return JSON.parse(await fs.readFile(path, 'utf8'))
  } catch (err) {
    if (errnoOf(err) === 'ENOENT') return undefined
    return null
  }
}

/** What a folder is, as a backup: a complete one, an interrupted one, empty, or something else. */
export async function readBackupState(fs: FsSeam, layout: BackupLayout): Promise<BackupFolderState> {
  let entries: string[]
  try {
    entries = await fs.readdir(layout.root)
  } catch (err) {
    if (errnoOf(err) === 'ENOENT') return { kind: 'missing' }
    if (errnoOf(err) === 'ENOTDIR') throw new AppError('NOT_A_FOLDER', `${layout.root} is a file, not a folder.`, { path: layout.root })
    throw err
  }
  if (entries.length === 0) return { kind: 'empty' }
  const partialRaw = await readJson(fs, layout.partial)
  if (partialRaw !== undefined) {
    const partial = partialSchema.safeParse(partialRaw)
    return { kind: 'incomplete', partial: partial.success ? partial.data : null }
  }
  const manifestRaw = await readJson(fs, layout.manifest)
  if (manifestRaw !== undefined) {
    const manifest = manifestSchema.safeParse(manifestRaw)
    if (manifest.success) return { kind: 'complete', manifest: manifest.data }
    return { kind: 'incomplete', partial: null }
  }
  // A run killed before its marker was durable leaves only Trove's own folders.
  if (entries.every((e) => ['objects', 'vault', 'tmp', 'trove.db'].includes(e))) return { kind: 'incomplete', partial: null }
  return { kind: 'foreign', entries: entries.slice(0, 10) }
}

export async function writePartialMarker(fs: FsSeam, layout: BackupLayout, marker: PartialMarker): Promise<void> {
  await writeFileAtomic(fs, layout.partial, `${JSON.stringify(marker, null, 2)}\n`)
}

/** The last step of a backup: the manifest appears (atomically), then the marker goes. */
export async function writeManifest(fs: FsSeam, layout: BackupLayout, manifest: BackupManifestInput): Promise<void> {
  await writeFileAtomic(fs, layout.manifest, `${JSON.stringify(manifestSchema.parse(manifest), null, 2)}\n`)
  await fs.rm(layout.partial, { force: true })
  await fsyncDirectory(fs, layout.root)
}

/** Refuses a manifest from a newer Trove. */
export function assertReadableFormat(manifest: BackupManifest): void {
  if (manifest.format > BACKUP_FORMAT) {
    throw new AppError('UNAVAILABLE', `This backup was written by a newer version of Trove (format ${manifest.format}). Update Trove to restore it.`)
  }
}
