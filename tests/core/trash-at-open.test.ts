import { mkdir, readdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { useTestLibraries } from '../support/library'

const newLibrary = useTestLibraries()
const DAY = 24 * 60 * 60 * 1000

describe('opening a library', () => {
  it('purges trashed files past the retention period (rows, then objects) and keeps recent ones', async () => {
    let lib = await newLibrary()
    await mkdir(lib.scratch, { recursive: true })
    await writeFile(join(lib.scratch, 'old.txt'), 'trashed long ago')
    await writeFile(join(lib.scratch, 'recent.txt'), 'trashed yesterday')
    await lib.imports.start([join(lib.scratch, 'old.txt'), join(lib.scratch, 'recent.txt')]).done
    const { db } = lib.library.connection
    await db.updateTable('files').set({ trashed_at: Date.now() - 40 * DAY }).where('name', '=', 'old.txt').execute()
    await db.updateTable('files').set({ trashed_at: Date.now() - DAY }).where('name', '=', 'recent.txt').execute()

    lib = await lib.reopen()
    await lib.stop() // waits for the purge that runs after opening
    const names = (await lib.library.connection.db.selectFrom('files').select('name').execute()).map((r) => r.name)
    expect(names).toEqual(['recent.txt'])
    let objects = 0
    for (const shard of await readdir(join(lib.root, 'objects'))) objects += (await readdir(join(lib.root, 'objects', shard))).length
    expect(objects).toBe(1)
  })
})
