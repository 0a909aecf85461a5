import { createHash, randomBytes } from 'node:crypto'
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { realFs } from '../../src-main/core/common/fs-seam'
import { CAPTURE_BYTES, hashFile } from '../../src-main/core/sync/hash-file'
import { useTempDirs } from '../support/temp-dir'

const tempDir = useTempDirs()
const MiB = 1024 * 1024

describe('hashFile', () => {
  it.each([0, 1, 4096, MiB - 1, MiB, MiB + 1, 3 * MiB + 17])('hashes %i bytes exactly and keeps the first MiB', async (size) => {
    const data = randomBytes(size)
    const path = join(await tempDir(), 'f.bin')
    await writeFile(path, data)
    const hashed = await hashFile(realFs, path, size)
    expect(hashed.sha256).toBe(createHash('sha256').update(data).digest('hex'))
    expect(hashed.size).toBe(size)
    expect(hashed.head.equals(data.subarray(0, CAPTURE_BYTES))).toBe(true)
    expect(hashed.after.size).toBe(size)
  })

  it('reads to the real end when the file is larger than expected (it grew since it was looked at)', async () => {
    const data = randomBytes(2 * MiB + 5)
    const path = join(await tempDir(), 'grown.bin')
    await writeFile(path, data)
    for (const expected of [0, 10, MiB]) {
      const hashed = await hashFile(realFs, path, expected)
      expect(hashed).toMatchObject({ sha256: createHash('sha256').update(data).digest('hex'), size: data.length })
      expect(hashed.head.equals(data.subarray(0, Math.min(CAPTURE_BYTES, data.length)))).toBe(true)
    }
  })
})
