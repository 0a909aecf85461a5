import { describe, expect, it } from 'vitest'
import { searchFilesInputSchema } from '../../src-preload/contract/files'
import { useTestLibraries, type TestLibrary } from '../support/library'
import { insertFiles } from './library-rows'

const newLibrary = useTestLibraries()
const found = async (lib: TestLibrary, query: string) =>
  (await lib.search.search(searchFilesInputSchema.parse({ query }))).hits.map((h) => h.file.name).sort()
const tagsOf = async (lib: TestLibrary, id: number) => (await lib.files.dto(id)).tags.map((t) => t.name)

describe('tags', () => {
  it('creates a tag trimmed and in NFC, and refuses a name that exists ignoring case, in any script', async () => {
    const lib = await newLibrary()
    const tag = await lib.tags.create('  Cafe\u0301 trips  ', 'teal')
    expect(tag).toMatchObject({ name: 'Café trips', color: 'teal', usage: 0 })
    await expect(lib.tags.create('CAFÉ TRIPS')).rejects.toMatchObject({ code: 'ALREADY_EXISTS', message: 'A tag named "Café trips" already exists. Use it, or merge the two.' })
    await expect(lib.tags.create('café trips')).rejects.toMatchObject({ code: 'ALREADY_EXISTS' })
    await lib.tags.create('Ελλάδα')
    await expect(lib.tags.create('ΕΛΛΆΔΑ')).rejects.toMatchObject({ code: 'ALREADY_EXISTS' })
    expect((await lib.tags.list()).map((t) => t.name)).toEqual(['Café trips', 'Ελλάδα'])
  })

  it('refuses empty, over-long and control-character names, and colours outside the palette', async () => {
    const lib = await newLibrary()
    await expect(lib.tags.create('   ')).rejects.toMatchObject({ code: 'INVALID_INPUT' })
    await expect(lib.tags.create('x'.repeat(101))).rejects.toMatchObject({ code: 'INVALID_INPUT', message: expect.stringMatching(/at most 100 characters/) })
    expect((await lib.tags.create('🏖'.repeat(100))).name).toHaveLength(200)
    await expect(lib.tags.create('line\nbreak')).rejects.toMatchObject({ code: 'INVALID_INPUT' })
    await expect(lib.tags.create('neon', 'hotpink' as never)).rejects.toMatchObject({ code: 'INVALID_INPUT', message: expect.stringMatching(/Choose one of: gray, red/) })
    const tag = await lib.tags.create('plain')
    expect((await lib.tags.recolor(tag.id, 'red')).color).toBe('red')
    expect((await lib.tags.recolor(tag.id, null)).color).toBeNull()
  })

  it('tags and untags files in bulk, creating missing tags by name only when asked, keeping search in step', async () => {
    const lib = await newLibrary()
    const [a, b, c] = await insertFiles(lib, [{ name: 'a.jpg' }, { name: 'b.jpg' }, { name: 'c.jpg' }])
    await expect(lib.tags.apply([a!], { names: ['sunset'] })).rejects.toMatchObject({ code: 'NOT_FOUND', message: 'There is no tag named "sunset".' })
    const first = await lib.tags.apply([a!, b!], { names: ['sunset', 'Beach'] }, true)
    expect(first.added).toBe(4)
    expect(first.tags.map((t) => [t.name, t.usage])).toEqual([['sunset', 2], ['Beach', 2]])
    const again = await lib.tags.apply([a!, b!, c!], { names: ['SUNSET'] }, true)
    expect(again).toMatchObject({ added: 1, fileIds: [c] })
    expect(await found(lib, 'sunset')).toEqual(['a.jpg', 'b.jpg', 'c.jpg'])
    expect(await found(lib, 'beach')).toEqual(['a.jpg', 'b.jpg'])

    const removed = await lib.tags.remove([a!, c!], { names: ['sunset'] })
    expect(removed).toMatchObject({ removed: 2 })
    expect(await found(lib, 'sunset')).toEqual(['b.jpg'])
    expect(await tagsOf(lib, a!)).toEqual(['Beach'])
    await expect(lib.tags.remove([a!], { names: ['nope'] })).rejects.toMatchObject({ code: 'NOT_FOUND' })
  })

  it('refuses unknown files and changes nothing', async () => {
    const lib = await newLibrary()
    const [a] = await insertFiles(lib, [{ name: 'a.jpg' }])
    await expect(lib.tags.apply([a!, 9999], { names: ['new'] }, true)).rejects.toMatchObject({ code: 'NOT_FOUND', message: expect.stringMatching(/9999.*nothing was changed/) })
    expect(await lib.tags.list()).toEqual([])
    expect(await tagsOf(lib, a!)).toEqual([])
  })

  it('renames everywhere, including search, and allows a change of case only', async () => {
    const lib = await newLibrary()
    const [a] = await insertFiles(lib, [{ name: 'a.jpg' }])
    const { tags } = await lib.tags.apply([a!], { names: ['holidy'] }, true)
    await lib.tags.create('work')
    await expect(lib.tags.rename(tags[0]!.id, 'WORK')).rejects.toMatchObject({ code: 'ALREADY_EXISTS' })
    await lib.tags.rename(tags[0]!.id, 'holiday')
    expect(await found(lib, 'holidy')).toEqual([])
    expect(await found(lib, 'holiday')).toEqual(['a.jpg'])
    expect((await lib.tags.rename(tags[0]!.id, 'Holiday')).name).toBe('Holiday')
    expect(await tagsOf(lib, a!)).toEqual(['Holiday'])
  })

  it('merges A into B in one step: every file of A gets B, A is gone, search follows', async () => {
    const lib = await newLibrary()
    const [a, b, c] = await insertFiles(lib, [{ name: 'a.jpg' }, { name: 'b.jpg' }, { name: 'c.jpg' }])
    const { tags: [vacation] } = await lib.tags.apply([a!, b!], { names: ['vacation'] }, true)
    const { tags: [holiday] } = await lib.tags.apply([b!, c!], { names: ['holiday'] }, true)
    const merged = await lib.tags.merge(vacation!.id, holiday!.id)
    expect(merged).toMatchObject({ name: 'holiday', usage: 3 })
    expect((await lib.tags.list()).map((t) => t.name)).toEqual(['holiday'])
    expect(await tagsOf(lib, a!)).toEqual(['holiday'])
    expect(await tagsOf(lib, b!)).toEqual(['holiday'])
    expect(await found(lib, 'vacation')).toEqual([])
    expect(await found(lib, 'holiday')).toEqual(['a.jpg', 'b.jpg', 'c.jpg'])
    await expect(lib.tags.merge(holiday!.id, holiday!.id)).rejects.toMatchObject({ code: 'INVALID_INPUT' })
    await expect(lib.tags.merge(vacation!.id, holiday!.id)).rejects.toMatchObject({ code: 'NOT_FOUND' })
  })

  it('deletes a tag from every file and from search', async () => {
    const lib = await newLibrary()
    const [a, b] = await insertFiles(lib, [{ name: 'a.jpg' }, { name: 'b.jpg' }])
    const { tags: [temp] } = await lib.tags.apply([a!, b!], { names: ['temporary'] }, true)
    expect(await lib.tags.delete(temp!.id)).toEqual({ deleted: true, filesAffected: 2 })
    expect(await found(lib, 'temporary')).toEqual([])
    expect(await tagsOf(lib, a!)).toEqual([])
    expect(await lib.tags.list()).toEqual([])
  })

  it('counts usage without trashed files, and suggests by prefix ignoring case, most used first', async () => {
    const lib = await newLibrary()
    const ids = await insertFiles(lib, Array.from({ length: 5 }, (_, i) => ({ name: `f${i}.jpg` })))
    await lib.tags.apply(ids.slice(0, 1), { names: ['Paris'] }, true)
    await lib.tags.apply(ids.slice(0, 3), { names: ['party'] }, true)
    await lib.tags.apply(ids.slice(0, 2), { names: ['Pasta'] }, true)
    await lib.tags.apply(ids, { names: ['zoo', 'Épinards'] }, true)
    await lib.trash.trash([ids[0]!])
    const usage = Object.fromEntries((await lib.tags.list()).map((t) => [t.name, t.usage]))
    expect(usage).toEqual({ Paris: 0, party: 2, Pasta: 1, zoo: 4, Épinards: 4 })
    expect((await lib.tags.suggest('PA', 10)).map((t) => t.name)).toEqual(['party', 'Pasta', 'Paris'])
    expect((await lib.tags.suggest('par', 1)).map((t) => t.name)).toEqual(['party'])
    expect((await lib.tags.suggest('épi', 10)).map((t) => t.name)).toEqual(['Épinards'])
    expect((await lib.tags.suggest('q', 10))).toEqual([])
  })
})
