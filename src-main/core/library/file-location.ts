import type { Kysely } from 'kysely'
import { AppError, errnoOf } from '../common/app-error'
import type { FsSeam } from '../common/fs-seam'
import type { Database } from '../db/schema'
import type { ObjectStore } from '../store/object-store'
import { inPlacePath } from '../sync/in-place'

/** Extensions the OS would run rather than show: Trove never launches these itself. */
const PROGRAM_EXTENSIONS = new Set([
  'exe', 'com', 'bat', 'cmd', 'msi', 'msp', 'scr', 'pif', 'cpl', 'ps1', 'psm1', 'vbs', 'vbe', 'js', 'jse', 'wsf', 'wsh', 'hta',
  'lnk', 'url', 'reg', 'jar', 'app', 'command', 'sh', 'bash', 'run', 'bin', 'appimage', 'deb', 'rpm', 'pkg', 'dmg', 'desktop', 'py', 'pl', 'rb',
])

/** True when opening the file with its default app would run it as a program. */
export const isProgram = (ext: string, mime: string): boolean =>
  PROGRAM_EXTENSIONS.has(ext.toLowerCase()) || /x-(ms)?dos(exec)?|x-executable|x-msdownload|x-sh\b|x-elf|x-mach/.test(mime)

export interface FileLocation {
  /** Display name (safe on every platform). */
  name: string
  /** Where the bytes can be read now: the object in the library, or a watched copy. */
  bytesPath: string
  /** What "show in folder" should reveal: a watched copy where there is one, else the object. */
  revealPath: string
  /** Opening it would run a program (see isProgram). */
  program: boolean
}

export interface FileLocationDeps {
  db: Kysely<Database>
  fs: FsSeam
  store: ObjectStore
}

/** Where a file's bytes are on this machine, for the desktop's open, reveal and export. */
export async function locateFile(deps: FileLocationDeps, fileId: number): Promise<FileLocation> {
  const row = await deps.db
    .selectFrom('files')
    .select(['id', 'name', 'sha256', 'ext', 'mime', 'stored', 'storage'])
    .where('id', '=', fileId)
    .executeTakeFirst()
  if (!row) throw new AppError('NOT_FOUND', 'That file is not in the library.')
  const watched = await inPlacePath(deps.db, deps.fs, row.id)
  const program = isProgram(row.ext, row.mime)
  if (row.storage === 'in_place') {
    if (!watched) throw new AppError('UNAVAILABLE', `"${row.name}" lives in a watched folder that is offline or no longer has it.`)
    return { name: row.name, bytesPath: watched, revealPath: watched, program }
  }
  const object = deps.store.absolutePath(row.sha256, row.ext)
  if (row.stored !== 1 || !(await exists(deps.fs, object))) {
    throw new AppError('NOT_FOUND', `The stored copy of "${row.name}" is missing; run verify, or import the file again to repair it.`)
  }
  return { name: row.name, bytesPath: object, revealPath: watched ?? object, program }
}

/** Copies a file's bytes to `destination` as an ordinary writable file (objects are read-only). */
export async function exportCopy(deps: FileLocationDeps, fileId: number, destination: string): Promise<void> {
  const { bytesPath } = await locateFile(deps, fileId)
  await deps.fs.copyFile(bytesPath, destination)
  await deps.fs.chmod(destination, 0o644)
}

async function exists(fs: FsSeam, path: string): Promise<boolean> {
  try {
    return (await fs.stat(path)).isFile()
  } catch (err) {
    if (errnoOf(err) === 'ENOENT') return false
    throw err
  }
}
