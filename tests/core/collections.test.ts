import { describe, expect, it } from 'vitest'
import type { CollectionNodeDto } from '../../src-preload/contract/collections'
import { useTestLibraries } from '../support/library'
import { insertFiles } from './library-rows'

const newLibrary = useTestLibraries()
/** The tree as "name(count)[children]" strings, easy to read in a failure. */
const shape = (nodes: CollectionNodeDto[]): string[] =>
  nodes.map((n) => `${n.name}(${n.fileCount})${n.children.length ? `[${shape(n.children).join(',')}]` : ''}`)

describe('collections', () => {
  it('builds a tree with per-collection counts of files not in the trash, siblings by name', async () => {
    const lib = await newLibrary()
    const [a, b, c] = await insertFiles(lib, [{ name: 'a' }, { name: 'b' }, { name: 'c' }])
    const trips = await lib.collections.create('Trips')
    const y2024 = await lib.collections.create('2024', trips.id)
    const rome = await lib.collections.create('rome', y2024.id)
    await lib.collections.create('Archive')
    await lib.collections.create('2023', trips.id)
    await lib.collections.addFiles(y2024.id, [a!, b!])
    await lib.collections.addFiles(rome.id, [a!, c!])
    await lib.trash.trash([c!])
    expect(shape(await lib.collections.tree())).toEqual(['Archive(0)', 'Trips(0)[2023(0),2024(2)[rome(1)]]'])
    expect(rome.path).toEqual(['Trips', '2024', 'rome'])
  })

  it('refuses a sibling with the same name ignoring case, a "/" in a name, and an unknown parent', async () => {
    const lib = await newLibrary()
    const trips = await lib.collections.create('Trips')
    await expect(lib.collections.create('TRIPS')).rejects.toMatchObject({ code: 'ALREADY_EXISTS', message: expect.stringMatching(/at the top level/) })
    await lib.collections.create('trips', trips.id) // same name one level down is fine
    await expect(lib.collections.create('Trips/2024')).rejects.toMatchObject({ code: 'INVALID_INPUT', message: expect.stringMatching(/cannot contain "\/"/) })
    await expect(lib.collections.create('x', 999)).rejects.toMatchObject({ code: 'NOT_FOUND' })
    const other = await lib.collections.create('Other')
    await expect(lib.collections.rename(other.id, 'trips')).rejects.toMatchObject({ code: 'ALREADY_EXISTS' })
    expect((await lib.collections.rename(other.id, ' Elsewhere ')).name).toBe('Elsewhere')
  })

  it('moves a collection with everything under it, and refuses to move it into itself or below itself', async () => {
    const lib = await newLibrary()
    const a = await lib.collections.create('A')
    const b = await lib.collections.create('B', a.id)
    const c = await lib.collections.create('C', b.id)
    const d = await lib.collections.create('D')
    await expect(lib.collections.move(a.id, c.id)).rejects.toMatchObject({ code: 'INVALID_INPUT', message: '"A" cannot be moved into "C", which is inside it.' })
    await expect(lib.collections.move(a.id, a.id)).rejects.toMatchObject({ code: 'INVALID_INPUT', message: '"A" cannot be moved into itself.' })
    expect(shape(await lib.collections.tree())).toEqual(['A(0)[B(0)[C(0)]]', 'D(0)'])
    const moved = await lib.collections.move(b.id, d.id)
    expect(moved.path).toEqual(['D', 'B'])
    expect((await lib.collections.get(c.id)).path).toEqual(['D', 'B', 'C'])
    expect((await lib.collections.move(b.id, null)).path).toEqual(['B'])
    await lib.collections.create('B', d.id)
    await expect(lib.collections.move(b.id, d.id)).rejects.toMatchObject({ code: 'ALREADY_EXISTS' })
  })

  it('deletes a collection with its sub-collections; the files stay in the library', async () => {
    const lib = await newLibrary()
    const [a, b] = await insertFiles(lib, [{ name: 'a' }, { name: 'b' }])
    const top = await lib.collections.create('Top')
    const mid = await lib.collections.create('Mid', top.id)
    const low = await lib.collections.create('Low', mid.id)
    const keep = await lib.collections.create('Keep')
    await lib.collections.addFiles(low.id, [a!])
    await lib.collections.addFiles(keep.id, [b!])
    expect(await lib.collections.delete(top.id)).toEqual({ deleted: 3 })
    expect(shape(await lib.collections.tree())).toEqual(['Keep(1)'])
    expect((await lib.files.get({ id: a! })).collections).toEqual([])
    expect((await lib.files.get({ id: b! })).collections.map((c) => c.path)).toEqual([['Keep']])
    await expect(lib.collections.delete(top.id)).rejects.toMatchObject({ code: 'NOT_FOUND' })
  })

  it('adds and removes files in bulk, counting only real changes, refusing unknown files', async () => {
    const lib = await newLibrary()
    const [a, b, c] = await insertFiles(lib, [{ name: 'a' }, { name: 'b' }, { name: 'c' }])
    const album = await lib.collections.create('Album')
    expect(await lib.collections.addFiles(album.id, [a!, b!])).toEqual({ added: 2 })
    expect(await lib.collections.addFiles(album.id, [b!, c!])).toEqual({ added: 1 })
    await expect(lib.collections.addFiles(album.id, [a!, 4242])).rejects.toMatchObject({ code: 'NOT_FOUND' })
    expect(await lib.collections.removeFiles(album.id, [a!, a!])).toEqual({ removed: 1 })
    expect(shape(await lib.collections.tree())).toEqual(['Album(2)'])
  })
})
