import { describe, expect, it } from 'vitest'
import type { FileDto, FilePageDto } from '../../src-preload/contract'
import { FilePager } from './file-pager'

const file = (id: number): FileDto => ({
  id,
  sha256: id.toString(16).padStart(64, '0'),
  name: `file-${id}.txt`,
  kind: 'text',
  mime: 'text/plain',
  ext: 'txt',
  size: id,
  addedAt: id,
  modifiedAt: null,
  note: '',
  tags: [],
  stored: true,
  trashedAt: null,
  previewState: 'none',
  metadata: {},
})

/** A keyset-paged list over `files`, either way round; the cursor is the last id. */
function fakeList(files: FileDto[]) {
  const calls: Array<string | undefined> = []
  const reversedCalls: Array<string | undefined> = []
  let failNext = false
  const fetch = async (cursor: string | undefined, limit: number, reverse: boolean): Promise<FilePageDto> => {
    ;(reverse ? reversedCalls : calls).push(cursor)
    await Promise.resolve()
    if (failNext) {
      failNext = false
      throw Object.assign(new Error('disk on fire'), { code: 'INTERNAL' })
    }
    const list = reverse ? [...files].reverse() : files
    const start = cursor === undefined ? 0 : list.findIndex((f) => f.id === Number(cursor)) + 1
    const items = list.slice(start, start + limit)
    return { items, nextCursor: start + limit < list.length ? String(items.at(-1)!.id) : null }
  }
  return { fetch, calls, reversedCalls, failOnce: () => (failNext = true), files }
}

const settle = () => new Promise((r) => setTimeout(r, 0))
const until = async (check: () => boolean) => {
  for (let i = 0; i < 500 && !check(); i++) await settle()
  expect(check()).toBe(true)
}

describe('FilePager', () => {
  it('reads the first page, estimates the length, and knows it exactly at the end', async () => {
    const list = fakeList(Array.from({ length: 250 }, (_, i) => file(i + 1)))
    const pager = new FilePager(list.fetch, { pageSize: 100 })
    expect(pager.count).toBe(0)
    pager.ensure(0, 20)
    await until(() => pager.settled)
    expect(pager.get(0)?.id).toBe(1)
    expect(pager.count).toBe(200) // one more page is promised by the cursor
    expect(pager.exact).toBe(false)
    pager.ensure(180, 260)
    await until(() => pager.exact)
    expect(pager.count).toBe(250)
    expect(pager.get(249)?.id).toBe(250)
    expect(pager.get(250)).toBeUndefined()
  })

  it('walks to a far page one request per page and keeps only a few pages in memory', async () => {
    const list = fakeList(Array.from({ length: 5000 }, (_, i) => file(i + 1)))
    const pager = new FilePager(list.fetch, { pageSize: 100, maxPages: 5, knownTotal: 5000 })
    expect(pager.count).toBe(5000)
    pager.ensure(4950, 4999)
    await until(() => pager.get(4999) !== undefined)
    expect(list.calls).toHaveLength(50)
    expect(pager.pagesInMemory).toBeLessThanOrEqual(5)
    expect(pager.exact).toBe(true)

    // An early page fell out of memory; its cursor was kept, so it costs one request.
    list.calls.length = 0
    pager.ensure(1000, 1010)
    await until(() => pager.get(1000) !== undefined)
    expect(list.calls).toEqual(['1000'])
  })

  it('reads the end of a long list from the end when its length is known exactly', async () => {
    const list = fakeList(Array.from({ length: 100_000 }, (_, i) => file(i + 1)))
    const pager = new FilePager(list.fetch, { pageSize: 200, maxPages: 6, knownTotal: 100_000, exactTotal: true })
    pager.ensure(99_950, 99_999)
    await until(() => pager.get(99_999) !== undefined)
    expect(list.calls).toHaveLength(0)
    expect(list.reversedCalls).toHaveLength(1)
    expect(pager.get(99_950)?.id).toBe(99_951)
    expect(pager.get(99_999)?.id).toBe(100_000)
    expect(pager.indexOf(99_990)).toBe(99_989)

    // A range straddling two reversed pages, a little further up.
    pager.ensure(99_500, 99_700)
    await until(() => pager.get(99_500) !== undefined && pager.get(99_700) !== undefined)
    expect(pager.get(99_600)?.id).toBe(99_601)
    expect(list.reversedCalls.length).toBeLessThanOrEqual(3)

    // The start is still read from the start.
    pager.ensure(0, 10)
    await until(() => pager.get(0) !== undefined)
    expect(pager.get(0)?.id).toBe(1)
    expect(list.calls).toEqual([undefined])
  })

  it('still reads the list when its known length is zero', async () => {
    const list = fakeList([file(1)])
    const pager = new FilePager(list.fetch, { pageSize: 10, knownTotal: 0, exactTotal: true })
    pager.ensure(0, 0)
    await until(() => pager.settled)
    expect(pager.count).toBe(1)
    expect(pager.get(0)?.id).toBe(1)
  })

  it('keeps showing the old items while a refresh reads the new ones', async () => {
    const list = fakeList(Array.from({ length: 30 }, (_, i) => file(i + 1)))
    const pager = new FilePager(list.fetch, { pageSize: 10 })
    pager.ensure(0, 9)
    await until(() => pager.get(0) !== undefined)
    list.files.splice(0, 1) // the first file was trashed
    pager.refresh()
    expect(pager.get(0)?.id).toBe(1) // still the old item: no flash of emptiness
    await until(() => pager.get(0)?.id === 2)
  })

  it('gives the items of a range, fetching what is not in memory', async () => {
    const list = fakeList(Array.from({ length: 1000 }, (_, i) => file(i + 1)))
    const pager = new FilePager(list.fetch, { pageSize: 50, maxPages: 4 })
    const items = await pager.itemsIn(120, 480)
    expect(items.map((f) => f.id)).toEqual(Array.from({ length: 361 }, (_, i) => 121 + i))
    expect(await pager.allIds(10_000)).toHaveLength(1000)
  })

  it('reports a failure and continues after retry', async () => {
    const list = fakeList(Array.from({ length: 10 }, (_, i) => file(i + 1)))
    const pager = new FilePager(list.fetch, { pageSize: 5 })
    list.failOnce()
    pager.ensure(0, 4)
    await until(() => pager.error !== null)
    expect(pager.error).toMatchObject({ code: 'INTERNAL', message: 'disk on fire' })
    pager.retry()
    await until(() => pager.get(0) !== undefined)
    expect(pager.error).toBeNull()
  })

  it('patches a loaded item in place', async () => {
    const list = fakeList([file(1), file(2)])
    const pager = new FilePager(list.fetch, { pageSize: 5 })
    pager.ensure(0, 1)
    await until(() => pager.get(1) !== undefined)
    const before = pager.getVersion()
    expect(pager.patch(2, { previewState: 'done' })).toBe(true)
    expect(pager.get(1)?.previewState).toBe('done')
    expect(pager.getVersion()).toBeGreaterThan(before)
    expect(pager.patch(99, { previewState: 'done' })).toBe(false)
  })
})
