import { mkdir, symlink, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { realFs } from '../../src-main/core/common/fs-seam'
import { entriesDigest, listingDigest, recordsDigest } from '../../src-main/core/sync/dir-listing'
import { ignoreRules } from '../../src-main/core/sync/ignore-rules'
import { walkFolder, type DirListing, type WalkReport } from '../../src-main/core/sync/walk-folder'
import { useTempDirs } from '../support/temp-dir'

const tempDir = useTempDirs()

async function walk(root: string, quickStat: boolean, patterns: string[] = []) {
  const report: WalkReport = { issues: [], unreadable: [] }
  const rules = ignoreRules({ patterns, libraryRelPath: 'lib', caseSensitive: true })
  const dirs: DirListing[] = []
  for await (const dir of walkFolder(realFs, root, rules, report, { quickStat })) dirs.push({ ...dir, entries: [...dir.entries].sort((a, b) => a.relPath.localeCompare(b.relPath)) })
  return { dirs, report }
}

describe('walkFolder', () => {
  it('lists the same folders, files, names and stats whether files are stat\'ed through the seam or synchronously', async () => {
    const root = await tempDir()
    const nfd = 'Cafe\u0301'
    const files = ['a.txt', 'sub/b.jpg', 'sub/deep/c.md', `${nfd}/menu.txt`, 'odd\\name.txt', 'sub/.hidden', 'sub/x.tmp', 'raw/skip.cr2', 'lib/objects/o.bin', 'empty/.keep']
    for (const rel of files) {
      await mkdir(join(root, rel, '..'), { recursive: true })
      await writeFile(join(root, rel), rel)
    }
    await symlink(join(root, 'sub'), join(root, 'loop'))
    const slow = await walk(root, false, ['raw/**'])
    const quick = await walk(root, true, ['raw/**'])
    expect(quick).toEqual(slow)
    expect(slow.dirs.map((d) => d.relDir)).toEqual(['', 'Café', 'empty', 'raw', 'sub', 'sub/deep'])
    expect(slow.dirs.flatMap((d) => d.entries.map((e) => e.relPath)).sort()).toEqual(['Café/menu.txt', 'a.txt', 'odd/name.txt', 'sub/b.jpg', 'sub/deep/c.md'].sort())
    const menu = slow.dirs[1]!.entries[0]!
    expect(menu).toMatchObject({ relPath: 'Café/menu.txt', diskRel: `${nfd}/menu.txt`, size: `${nfd}/menu.txt`.length + 1 })
    expect(slow.dirs.every((d) => d.complete)).toBe(true)
  })
})

describe('listingDigest', () => {
  it('depends on every name, size and mtime, not on the order files were listed in', () => {
    const digest = (files: Array<{ name: string; size: number; mtimeMs: number }>) => listingDigest(files.map((f) => f.name), files.map((f) => f.size), files.map((f) => f.mtimeMs))
    const files = [{ name: 'a', size: 1, mtimeMs: 10 }, { name: 'b', size: 2, mtimeMs: 20.5 }]
    const base = digest(files)
    expect(digest([...files].reverse())).toBe(base)
    expect(digest([files[0]!, { ...files[1]!, size: 3 }])).not.toBe(base)
    expect(digest([files[0]!, { ...files[1]!, mtimeMs: 20.6 }])).not.toBe(base)
    expect(digest([files[0]!, { ...files[1]!, name: 'B' }])).not.toBe(base)
    expect(digest([{ ...files[0]!, size: 2 }, { ...files[1]!, size: 1 }])).not.toBe(base)
    expect(digest([files[0]!])).not.toBe(base)
    expect(digest([])).not.toBe(digest([{ name: '', size: 0, mtimeMs: 0 }]))
  })

  it('is the same for walked entries and for the records that describe them', () => {
    const entries = [{ relPath: 'x/Café.txt', diskRel: 'x/Cafe\u0301.txt', size: 3, mtimeMs: 1.5 }, { relPath: 'x/a.txt', diskRel: 'x/a.txt', size: 1, mtimeMs: 2 }]
    const records = [
      { rel_path: 'x/a.txt', disk_path: null, size: 1, mtime_ms: 2 },
      { rel_path: 'x/Café.txt', disk_path: 'x/Cafe\u0301.txt', size: 3, mtime_ms: 1.5 },
    ]
    expect(recordsDigest(records)).toBe(entriesDigest(entries))
    expect(recordsDigest([records[0]!, { ...records[1]!, disk_path: null }])).not.toBe(entriesDigest(entries)) // the name as on disk counts
    // So does the spelling of the folder on the way (a folder renamed to another Unicode form or case).
    expect(entriesDigest(entries.map((e) => ({ ...e, diskRel: e.diskRel.replace('x/', 'X/') })))).not.toBe(entriesDigest(entries))
  })
})
