import { readdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { realFs, type FsSeam } from '../../src-main/core/common/fs-seam'
import { probeCaseSensitive } from '../../src-main/core/sync/fs-probe'
import { useTempDirs } from '../support/temp-dir'

const tempDir = useTempDirs()

/** The real filesystem, seen as a case-insensitive one would answer (names looked up folded). */
function foldingFs(dir: string): FsSeam {
  const fold = async (path: string) => {
    const names = await readdir(dir)
    const name = path.slice(dir.length + 1)
    const hit = names.find((n) => n.toLowerCase() === name.toLowerCase())
    return hit ? join(dir, hit) : path
  }
  return { ...realFs, lstat: (async (path: string) => realFs.lstat(await fold(path))) as FsSeam['lstat'] }
}

describe('probing case sensitivity', () => {
  it('finds this filesystem case-sensitive from an existing name, without writing', async () => {
    const dir = await tempDir()
    await writeFile(join(dir, 'Photo.JPG'), 'x')
    expect(await probeCaseSensitive(realFs, dir)).toBe(true)
    expect(await readdir(dir)).toEqual(['Photo.JPG'])
  })

  it('writes a hidden probe into an empty folder, and removes it', async () => {
    const dir = await tempDir()
    expect(await probeCaseSensitive(realFs, dir)).toBe(true)
    expect(await readdir(dir)).toEqual([])
  })

  it('finds a folding filesystem case-insensitive, with or without names to try', async () => {
    const dir = await tempDir()
    expect(await probeCaseSensitive(foldingFs(dir), dir)).toBe(false)
    await writeFile(join(dir, 'Notes.txt'), 'x')
    expect(await probeCaseSensitive(foldingFs(dir), dir)).toBe(false)
  })

  it('skips names whose other-case twin really exists', async () => {
    const dir = await tempDir()
    await writeFile(join(dir, 'a'), '1')
    await writeFile(join(dir, 'A'), '2')
    expect(await probeCaseSensitive(realFs, dir)).toBe(true)
    expect((await readdir(dir)).sort()).toEqual(['A', 'a'])
  })
})
