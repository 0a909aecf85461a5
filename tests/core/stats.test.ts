import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { useTestLibraries } from '../support/library'
import { insertFiles } from './library-rows'

const newLibrary = useTestLibraries()

describe('files:stats', () => {
  it('counts files by kind, the trash, what the folder stores, tags, collections and recent imports', async () => {
    const lib = await newLibrary()
    await mkdir(lib.scratch, { recursive: true })
    await writeFile(join(lib.scratch, 'a.txt'), 'aaaa')
    await writeFile(join(lib.scratch, 'b.md'), '# bb')
    await writeFile(join(lib.scratch, 'big.bin'), Buffer.alloc(5000, 1))
    await lib.imports.start([join(lib.scratch, 'a.txt'), join(lib.scratch, 'b.md'), join(lib.scratch, 'big.bin')]).done
    await lib.imports.start([join(lib.scratch, 'a.txt')]).done // a duplicate
    const [inPlace, missing] = await insertFiles(lib, [{ name: 'watched.jpg', kind: 'image', size: 700 }, { name: 'gone.pdf', kind: 'document', size: 11 }])
    const db = lib.library.connection.db
    await db.updateTable('files').set({ storage: 'in_place' }).where('id', '=', inPlace!).execute()
    await db.updateTable('files').set({ stored: 0 }).where('id', '=', missing!).execute()
    const big = await db.selectFrom('files').select('id').where('name', '=', 'big.bin').executeTakeFirstOrThrow()
    await lib.trash.trash([big.id])
    await lib.tags.create('one')
    await lib.collections.create('Box')

    const stats = await lib.stats.stats()
    expect(stats.byKind).toEqual({
      image: { count: 1, bytes: 700 }, video: { count: 0, bytes: 0 }, audio: { count: 0, bytes: 0 }, document: { count: 1, bytes: 11 },
      text: { count: 2, bytes: 8 }, archive: { count: 0, bytes: 0 }, other: { count: 0, bytes: 0 },
    })
    expect(stats.live).toEqual({ count: 4, bytes: 719 })
    expect(stats.trashed).toEqual({ count: 1, bytes: 5000 })
    expect(stats.storedBytes).toBe(8 + 5000) // not the in-place file, not the missing one
    expect(stats.missing).toBe(1)
    expect(stats).toMatchObject({ tags: 1, collections: 1, imports30d: { stored: 3, duplicate: 1, rejected: 0, failed: 0 } })
  })
})
