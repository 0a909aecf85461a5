/**
 * What was dropped or picked, read in two steps: `snapshotTransfer` runs inside the drop event
 * (a DataTransfer is emptied once the event returns), `collectDropped` then walks folders.
 * Files with a path on this computer (the desktop app) are imported by path; the others are
 * uploaded, each with the folders it sat in so the structure can be kept as collections.
 */

export interface DroppedFile {
  file: File
  /** Folder names from the dropped folder down to the file ([] for a file dropped alone). */
  folders: string[]
}

export interface DropSnapshot {
  /** Paths of the dropped files and folders (desktop app only). */
  paths: string[]
  /** Dropped items without a path: a folder entry to walk, or a plain file. */
  entries: Array<{ entry: FileSystemEntry | null; file: File | null }>
}

export interface CollectedDrop {
  paths: string[]
  files: DroppedFile[]
  /** Whether any folder was dropped (browser). */
  hadFolders: boolean
  /** System files left out (.DS_Store and the like), as the desktop import also skips them. */
  skipped: string[]
  /** Folders or files that could not be read, with why. */
  unreadable: string[]
}

/** Names operating systems scatter in folders; never a person's file. */
const SYSTEM_FILES = new Set(['.ds_store', 'thumbs.db', 'desktop.ini', '.localized'])

/** Reads a DataTransfer while it is still readable (inside the event). */
export function snapshotTransfer(transfer: DataTransfer, pathForFile: (file: File) => string | null): DropSnapshot {
  const snapshot: DropSnapshot = { paths: [], entries: [] }
  const items = Array.from(transfer.items ?? []).filter((item) => item.kind === 'file')
  if (items.length > 0) {
    for (const item of items) {
      const file = item.getAsFile()
      const path = file ? pathForFile(file) : null
      if (path) snapshot.paths.push(path)
      else snapshot.entries.push({ entry: item.webkitGetAsEntry?.() ?? null, file })
    }
    return snapshot
  }
  return snapshotFiles(Array.from(transfer.files), pathForFile)
}

/** Files from a file input (or a paste): a folder input gives each file its relative path. */
export function snapshotFiles(files: File[], pathForFile: (file: File) => string | null): DropSnapshot {
  const snapshot: DropSnapshot = { paths: [], entries: [] }
  for (const file of files) {
    const path = pathForFile(file)
    if (path) snapshot.paths.push(path)
    else snapshot.entries.push({ entry: null, file })
  }
  return snapshot
}

export async function collectDropped(snapshot: DropSnapshot): Promise<CollectedDrop> {
  const out: CollectedDrop = { paths: snapshot.paths, files: [], hadFolders: false, skipped: [], unreadable: [] }
  for (const { entry, file } of snapshot.entries) {
    if (entry?.isDirectory) {
      out.hadFolders = true
      await walkFolder(entry as FileSystemDirectoryEntry, [entry.name], out)
    } else if (file) {
      const folders = foldersOfRelativePath(file)
      if (folders.length > 0) out.hadFolders = true
      add(out, file, folders)
    } else if (entry?.isFile) {
      await readEntry(entry as FileSystemFileEntry, [], out)
    }
  }
  return out
}

function add(out: CollectedDrop, file: File, folders: string[]): void {
  if (SYSTEM_FILES.has(file.name.toLowerCase())) out.skipped.push(file.name)
  else out.files.push({ file, folders })
}

/** "Trips/2024/a.jpg" from a folder input → ['Trips', '2024']. */
function foldersOfRelativePath(file: File): string[] {
  const relative = file.webkitRelativePath
  if (!relative) return []
  return relative.split('/').slice(0, -1).filter((part) => part.length > 0)
}

async function walkFolder(folder: FileSystemDirectoryEntry, folders: string[], out: CollectedDrop): Promise<void> {
  let children: FileSystemEntry[]
  try {
    children = await readAllEntries(folder.createReader())
  } catch (err) {
    out.unreadable.push(`${folders.join('/')}: ${err instanceof Error ? err.message : String(err)}`)
    return
  }
  children.sort((a, b) => a.name.localeCompare(b.name))
  for (const child of children) {
    if (child.isDirectory) await walkFolder(child as FileSystemDirectoryEntry, [...folders, child.name], out)
    else if (child.isFile) await readEntry(child as FileSystemFileEntry, folders, out)
  }
}

async function readEntry(entry: FileSystemFileEntry, folders: string[], out: CollectedDrop): Promise<void> {
  try {
    const file = await new Promise<File>((resolve, reject) => entry.file(resolve, reject))
    add(out, file, folders)
  } catch (err) {
    out.unreadable.push(`${[...folders, entry.name].join('/')}: ${err instanceof Error ? err.message : String(err)}`)
  }
}

/** A directory reader answers in batches (100 in Chromium) until it answers with none. */
async function readAllEntries(reader: FileSystemDirectoryReader): Promise<FileSystemEntry[]> {
  const all: FileSystemEntry[] = []
  for (;;) {
    const batch = await new Promise<FileSystemEntry[]>((resolve, reject) => reader.readEntries(resolve, reject))
    if (batch.length === 0) return all
    all.push(...batch)
  }
}
