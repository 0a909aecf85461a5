import { mkdir, symlink, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { realFs } from '../../src-main/core/common/fs-seam'
import { listingDigest } from '../../src-main/core/sync/dir-listing'
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
    const files = [{ name: 'a', size: 1, mtimeMs: 10 }, { name: 'b', size: 2, mtimeMs: 20.5 }]
    const base = listingDigest(files)
    expect(listingDigest([...files].reverse())).toBe(base)
    expect(listingDigest([files[0]!, { ...files[1]!, size: 3 }])).not.toBe(base)
    expect(listingDigest([files[0]!, { ...files[1]!, mtimeMs: 20.6 }])).not.toBe(base)
    expect(listingDigest([files[0]!, { ...files[1]!, name: 'B' }])).not.toBe(base)
    expect(listingDigest([files[0]!])).not.toBe(base)
    expect(listingDigest([])).not.toBe(listingDigest([{ name: '', size: 0, mtimeMs: 0 }]))
  })
})
