import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { searchFilesInputSchema, type SearchResultDto } from '../../src-preload/contract/files'
import { SearchService, toFtsQuery, toSegments } from '../../src-main/core/library/search.service'
import { useTestLibraries, type TestLibrary } from '../support/library'
import { insertFiles } from './library-rows'

const newLibrary = useTestLibraries()
const search = (lib: TestLibrary, query: string, extra: Record<string, unknown> = {}) => lib.search.search(searchFilesInputSchema.parse({ query, ...extra }))
const names = (result: SearchResultDto) => result.hits.map((h) => h.file.name)

async function importText(lib: TestLibrary, files: Record<string, string>): Promise<void> {
  await mkdir(lib.scratch, { recursive: true })
  const paths: string[] = []
  for (const [name, text] of Object.entries(files)) {
    const path = join(lib.scratch, name)
    await writeFile(path, text)
    paths.push(path)
  }
  const summary = await lib.imports.start(paths).done
  expect(summary.stored).toBe(paths.length)
}

describe('files:search', () => {
  it('finds files by name prefix, by tag, by note and by the text inside .txt and .md files', async () => {
    const lib = await newLibrary()
    await importText(lib, {
      'holiday-plans.txt': 'Pack sunscreen and the blue umbrella.',
      'recipes.md': '# Soup\nSimmer the lentils with cumin for forty minutes.',
      'budget.csv': 'month,amount\njanuary,1200\n',
    })
    const { items } = await lib.files.list({ sort: 'name', order: 'asc', limit: 10, trashed: false, includeSubcollections: false })
    const byName = Object.fromEntries(items.map((f) => [f.name, f.id]))
    await lib.tags.apply([byName['budget.csv']!], { names: ['Finances'] }, true)
    await lib.notes.set(byName['recipes.md']!, 'Grandmother’s favourite, make it on Sundays')

    expect(names(await search(lib, 'holi'))).toEqual(['holiday-plans.txt'])
    expect(names(await search(lib, 'financ'))).toEqual(['budget.csv'])
    expect(names(await search(lib, 'sundays'))).toEqual(['recipes.md'])
    expect(names(await search(lib, 'lentils cumin'))).toEqual(['recipes.md'])
    expect(names(await search(lib, 'umbrella'))).toEqual(['holiday-plans.txt'])
    expect(names(await search(lib, 'umbrella lentils'))).toEqual([])

    const hit = (await search(lib, 'lentils')).hits[0]!
    expect(hit.matchedIn).toEqual(['text'])
    expect((await search(lib, 'financ')).hits[0]?.matchedIn).toEqual(['tags'])
    expect((await search(lib, 'sundays')).hits[0]?.matchedIn).toEqual(['note'])
    expect((await search(lib, 'holiday')).hits[0]?.matchedIn).toEqual(['name'])
  })

  it('folds case and accents, so "cafe" finds "Café"', async () => {
    const lib = await newLibrary()
    await insertFiles(lib, [{ name: 'Café menu.pdf' }, { name: 'CRÈME brûlée.txt' }])
    expect(names(await search(lib, 'cafe'))).toEqual(['Café menu.pdf'])
    expect(names(await search(lib, 'creme BRULEE'))).toEqual(['CRÈME brûlée.txt'])
  })

  it('ranks a match in the name above a match in the text', async () => {
    const lib = await newLibrary()
    await insertFiles(lib, [
      { name: 'notes-a.txt', body: 'We talked about the lighthouse for an hour. Lighthouse, lighthouse, lighthouse.' },
      { name: 'notes-b.txt', body: 'nothing relevant here at all' },
      { name: 'Lighthouse.jpg', kind: 'image' },
      { name: 'misc.txt', note: 'the lighthouse keeper', body: 'x' },
    ])
    const result = await search(lib, 'lighthouse')
    expect(names(result)).toEqual(['Lighthouse.jpg', 'misc.txt', 'notes-a.txt'])
    expect(result.hits.map((h) => h.score)).toEqual([...result.hits.map((h) => h.score)].sort((a, b) => a - b))
  })

  it('returns highlights as plain text segments, never markup', async () => {
    const lib = await newLibrary()
    const body = `${'filler words here. '.repeat(40)}The <b>secret</b> recipe uses saffron <script>alert(1)</script> and rice.${' more filler.'.repeat(40)}`
    await insertFiles(lib, [{ name: 'Saffron & <rice>.txt', body }])
    const [hit] = (await search(lib, 'saffron')).hits
    expect(hit?.matchedIn).toEqual(['name', 'text'])
    expect(hit?.highlights.name).toEqual([{ text: 'Saffron', match: true }, { text: ' & <rice>.txt', match: false }])
    const text = hit!.highlights.text!
    expect(text.filter((s) => s.match).map((s) => s.text)).toEqual(['saffron'])
    const joined = text.map((s) => s.text).join('')
    expect(joined).toContain('<script>alert(1)</script>')
    expect(joined.length).toBeLessThan(200)
    expect(joined.startsWith('…')).toBe(true)
    for (const segment of text) expect(Object.keys(segment).sort()).toEqual(['match', 'text'])
  })

  it('gives each hit the highlights of its own file', async () => {
    const lib = await newLibrary()
    await insertFiles(lib, [
      { name: 'tomato soup.txt', body: 'tomato one' },
      { name: 'tomato salad.txt', body: 'tomato two' },
      { name: 'tomatoes.txt', body: 'tomatoes three' },
    ])
    const { hits } = await search(lib, 'tomato')
    expect(hits).toHaveLength(3)
    for (const hit of hits) {
      expect(hit.highlights.name?.map((s) => s.text).join('')).toBe(hit.file.name)
      expect(hit.highlights.text?.map((s) => s.text).join('')).toMatch(hit.file.name === 'tomatoes.txt' ? /three/ : hit.file.name.includes('soup') ? /one/ : /two/)
    }
  })

  it.each(['"', '*', '(', ')', 'OR', 'AND', 'NOT', 'NEAR', 'NEAR(', '-', 'name:', '^', '+', '""', '"unterminated', 'a OR b', 'x -y', 'col:val', '{name}: x', '*start', 'end*'])(
    'treats %j in the query as plain text, never as FTS syntax',
    async (query) => {
      const lib = await newLibrary()
      await insertFiles(lib, [{ name: 'a OR b NEAR x.txt', body: 'or near not and' }])
      await expect(search(lib, query)).resolves.toMatchObject({ hits: expect.any(Array) })
      await expect(search(lib, `budget ${query} report`)).resolves.toMatchObject({ hits: expect.any(Array) })
    },
  )

  it('matches operators as the words they are, with AND between every term', async () => {
    const lib = await newLibrary()
    await insertFiles(lib, [{ name: 'cats OR dogs.txt' }, { name: 'cats.txt' }, { name: 'dogs.txt' }, { name: 'x-ray.png' }, { name: 'ray of light.png' }])
    expect(names(await search(lib, 'cats OR dogs'))).toEqual(['cats OR dogs.txt'])
    expect(names(await search(lib, 'cats -dogs'))).toEqual(['cats OR dogs.txt'])
    expect(names(await search(lib, 'x-ray'))).toEqual(['x-ray.png'])
  })

  it('excludes trashed files unless asked, and applies the listing filters', async () => {
    const lib = await newLibrary()
    const [live, binned, photo] = await insertFiles(lib, [
      { name: 'report 2023.pdf', kind: 'document', addedAt: 1000 },
      { name: 'report 2022.pdf', kind: 'document', addedAt: 2000, trashedAt: Date.now() },
      { name: 'report photo.jpg', kind: 'image', addedAt: 4000 },
    ])
    expect(names(await search(lib, 'report')).sort()).toEqual(['report 2023.pdf', 'report photo.jpg'])
    expect(names(await search(lib, 'report', { trashed: true }))).toEqual(['report 2022.pdf'])
    expect(names(await search(lib, 'report', { kind: 'image' }))).toEqual(['report photo.jpg'])
    expect(names(await search(lib, 'report', { addedTo: 1500 }))).toEqual(['report 2023.pdf'])
    await lib.tags.apply([live!, binned!], { names: ['work'] }, true)
    const work = (await lib.tags.list())[0]!.id
    expect(names(await search(lib, 'report', { tagId: work }))).toEqual(['report 2023.pdf'])
    const album = await lib.collections.create('Album')
    await lib.collections.addFiles(album.id, [photo!])
    expect(names(await search(lib, 'report', { collectionId: album.id }))).toEqual(['report photo.jpg'])
  })

  it('narrows by watched folder and availability even when the index alone could rank the hits', async () => {
    const lib = await newLibrary()
    await insertFiles(lib, [{ name: 'receipt one.pdf' }, { name: 'receipt two.pdf' }])
    const sqlite = lib.library.connection.sqlite
    const folderId = Number(sqlite.prepare("INSERT INTO watched_folders (path, created_at) VALUES ('/elsewhere', 1)").run().lastInsertRowid)
    expect(names(await search(lib, 'receipt')).sort()).toEqual(['receipt one.pdf', 'receipt two.pdf'])
    expect(names(await search(lib, 'receipt', { folderId }))).toEqual([])
    const unavailable = names(await search(lib, 'receipt', { availability: 'unavailable' }))
    const checked = new SearchService(lib.library.connection.db, { rankIndexAlone: false })
    const viaRows = (await checked.search(searchFilesInputSchema.parse({ query: 'receipt', availability: 'unavailable' }))).hits.map((h) => h.file.name)
    expect(unavailable).toEqual(viaRows)
    expect(unavailable.length).toBeLessThan(2)
  })

  it('ranks the same whether the index is ranked alone (trashed hits dropped after) or each match is checked', async () => {
    const lib = await newLibrary()
    const specs = Array.from({ length: 30 }, (_, i) => ({ name: `invoice ${i}.pdf`, body: 'invoice '.repeat(i % 7), trashedAt: i % 3 === 0 ? Date.now() : null }))
    await insertFiles(lib, specs)
    const filtering = new SearchService(lib.library.connection.db, { rankIndexAlone: false })
    const input = searchFilesInputSchema.parse({ query: 'invoice', limit: 8 })
    const small = await lib.search.search(input)
    const big = await filtering.search(input)
    expect(small.hits.map((h) => h.file.id)).toEqual(big.hits.map((h) => h.file.id))
    expect(small.hits).toHaveLength(8)
    expect(small.more).toBe(true)
    expect(small.hits.every((h) => h.file.trashedAt === null)).toBe(true)
    const all = await lib.search.search(searchFilesInputSchema.parse({ query: 'invoice', limit: 200 }))
    expect(all.hits).toHaveLength(20)
    expect(all.more).toBe(false)
    // When the trash holds most of the best matches, ranking the index alone cannot fill the page.
    const ids = all.hits.map((h) => h.file.id)
    await lib.trash.trash(ids.slice(0, 17))
    const few = await lib.search.search(input)
    expect(few.hits.map((h) => h.file.id)).toEqual(ids.slice(17))
    expect(few.more).toBe(false)
    expect((await filtering.search(input)).hits.map((h) => h.file.id)).toEqual(ids.slice(17))
  })

  it('makes text excerpts for the best hits up to 256 KiB of text, and still says where later ones matched', async () => {
    const lib = await newLibrary()
    const long = (i: number) => `${'lorem ipsum dolor '.repeat(4000)} the zeppelin number ${i} ${'sit amet '.repeat(100)}`
    await insertFiles(lib, Array.from({ length: 5 }, (_, i) => ({ name: `book ${i}.txt`, body: long(i) })))
    const { hits } = await search(lib, 'zeppelin')
    expect(hits).toHaveLength(5)
    expect(hits.every((h) => h.matchedIn.join() === 'text')).toBe(true)
    expect(hits.filter((h) => h.highlights.text).length).toBe(3)
    for (const h of hits.filter((x) => x.highlights.text)) {
      expect(h.highlights.text!.filter((t) => t.match).map((t) => t.text)).toEqual(['zeppelin'])
    }
    expect((await search(lib, 'ipsum book')).hits.every((h) => h.matchedIn.includes('name') && h.matchedIn.includes('text'))).toBe(true)
  })

  it('returns at most `limit` hits and says when there are more', async () => {
    const lib = await newLibrary()
    await insertFiles(lib, Array.from({ length: 12 }, (_, i) => ({ name: `scan ${i}.pdf` })))
    const result = await search(lib, 'scan', { limit: 5 })
    expect(result.hits).toHaveLength(5)
    expect(result.more).toBe(true)
    expect((await search(lib, 'scan', { limit: 12 })).more).toBe(false)
    expect(searchFilesInputSchema.safeParse({ query: 'x', limit: 201 }).success).toBe(false)
  })

  it('answers a query without letters or digits with no hits rather than an error', async () => {
    const lib = await newLibrary()
    await insertFiles(lib, [{ name: 'anything.txt' }])
    expect(await search(lib, '  -- * ()  ')).toEqual({ hits: [], terms: [], more: false })
  })
})

describe('toFtsQuery', () => {
  it('quotes every term, doubles inner quotes, and makes only the last one a prefix', () => {
    expect(toFtsQuery('annual  report')).toEqual({ match: '"annual" "report"*', any: '"annual" OR "report"*', terms: ['annual', 'report'] })
    expect(toFtsQuery('say "hi" OR NEAR(x)')).toMatchObject({ match: '"say" """hi""" "OR" "NEAR(x)"*', terms: ['say', '"hi"', 'OR', 'NEAR(x)'] })
    expect(toFtsQuery('- * ( ')).toBeNull()
    expect(toFtsQuery('vitamin d')?.match).toBe('"vitamin" "d"')
    expect(toFtsQuery('d3')?.match).toBe('"d3"*')
  })
})

describe('toSegments', () => {
  it('splits marked text into match and plain segments', () => {
    expect(toSegments('a \u0002b\u0003 c')).toEqual([{ text: 'a ', match: false }, { text: 'b', match: true }, { text: ' c', match: false }])
    expect(toSegments('plain')).toEqual([{ text: 'plain', match: false }])
  })
})
