import BetterSqlite3 from 'better-sqlite3'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { useDiaryApps, type DiaryApp } from '../support/diary'

const PASS = 'correct horse battery'

async function setUp(d: DiaryApp) {
  await d.ok('diary:setup', { passphrase: PASS })
}

/** Runs SQL on the library's database from outside the app (what someone with the folder could do). */
function withDb<T>(d: DiaryApp, run: (db: BetterSqlite3.Database) => T): T {
  const db = new BetterSqlite3(join(d.root, 'trove.db'))
  try {
    return run(db)
  } finally {
    db.close()
  }
}

describe('diary entries', () => {
  const open = useDiaryApps()

  it('keep title, body, mood, tags and date through a lock and an unlock', async () => {
    const d = await open()
    await setUp(d)
    const saved = await d.ok('diary:save', {
      date: '2025-07-14', title: '  Day at the lake ', body: '# Swim\n\nCold *water*, é and ü.', mood: 'great', tags: ['summer', 'Lake', 'lake'],
    })
    expect(saved).toMatchObject({ date: '2025-07-14', title: 'Day at the lake', mood: 'great', tags: ['summer', 'Lake'], media: [] })
    await d.ok('diary:lock', {})
    await d.ok('diary:unlock', { passphrase: PASS })
    expect(await d.ok('diary:get', { id: saved.id })).toEqual(saved)

    d.clock.advance(1000)
    const edited = await d.ok('diary:save', { id: saved.id, date: '2025-07-15', title: 'Day at the lake', body: 'Rewritten', mood: null, tags: [] })
    expect(edited).toMatchObject({ id: saved.id, date: '2025-07-15', body: 'Rewritten', mood: null, tags: [], createdAt: saved.createdAt, updatedAt: saved.updatedAt + 1000 })
    expect(await d.call('diary:save', { id: 'f'.repeat(32), date: '2025-07-15', title: 'x', body: 'y' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
    expect(await d.call('diary:save', { date: '2025-02-30', title: 'x', body: 'y' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })

    await d.ok('diary:delete', { id: saved.id })
    expect(await d.call('diary:get', { id: saved.id })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
    expect(withDb(d, (db) => db.prepare('select count(*) from diary_entries').pluck().get())).toBe(0)
  })

  it('list newest first by (date, id) pages, within a range, and the calendar of a month', async () => {
    const d = await open()
    await setUp(d)
    const dates = ['2025-03-01', '2025-03-01', '2025-03-09', '2025-04-02', '2024-12-31', '2025-03-31', '2025-03-09']
    for (const [i, date] of dates.entries()) await d.ok('diary:save', { date, title: `Entry ${i}`, body: '' })

    const seen: string[] = []
    let cursor: string | undefined
    do {
      const page = await d.ok('diary:list', { limit: 3, cursor })
      expect(page.total).toBe(7)
      seen.push(...page.entries.map((e) => `${e.date} ${e.id}`))
      cursor = page.nextCursor ?? undefined
    } while (cursor)
    expect(seen).toHaveLength(7)
    expect(seen).toEqual([...seen].sort().reverse())

    const march = await d.ok('diary:list', { from: '2025-03-01', to: '2025-03-31', order: 'asc' })
    expect(march.entries.map((e) => e.date)).toEqual(['2025-03-01', '2025-03-01', '2025-03-09', '2025-03-09', '2025-03-31'])
    expect(await d.ok('diary:calendar', { month: '2025-03' })).toEqual({
      month: '2025-03', days: [{ date: '2025-03-01', count: 2 }, { date: '2025-03-09', count: 2 }, { date: '2025-03-31', count: 1 }],
    })
    expect(await d.call('diary:list', { cursor: 'not a cursor' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
  })

  it('refuse a sealed text moved onto another row: CORRUPT naming the entry, the others still read', async () => {
    const d = await open()
    await setUp(d)
    const a = await d.ok('diary:save', { date: '2025-01-01', title: 'Secret A', body: 'alpha' })
    const b = await d.ok('diary:save', { date: '2025-01-02', title: 'Secret B', body: 'beta' })
    await d.ok('diary:lock', {})
    withDb(d, (db) => db.prepare('update diary_entries set sealed = (select sealed from diary_entries where id = ?) where id = ?').run(a.id, b.id))
    await d.ok('diary:unlock', { passphrase: PASS })
    const read = await d.call('diary:get', { id: b.id })
    expect(read).toMatchObject({ ok: false, error: { code: 'CORRUPT', details: { entryId: b.id } } })
    expect(!read.ok && read.error.message).toContain(b.id)
    expect((await d.ok('diary:get', { id: a.id })).title).toBe('Secret A')
    expect((await d.ok('diary:list', {})).entries.map((e) => e.id)).toEqual([a.id])
    const report = await d.ok('diary:verify', {})
    expect(report.problems).toEqual([expect.objectContaining({ kind: 'entry', id: b.id })])
  })

  it('search titles, bodies and tags while unlocked, from memory; nothing answers while locked', async () => {
    const d = await open()
    await setUp(d)
    const walk = await d.ok('diary:save', { date: '2025-05-01', title: 'Walking in the hills', body: 'We saw a heron near the river.', tags: ['birds'] })
    await d.ok('diary:save', { date: '2025-05-02', title: 'Rainy day', body: 'Stayed in and read.', tags: [] })
    const found = await d.ok('diary:search', { query: 'walk HERON' })
    expect(found.terms).toEqual(['walk', 'heron'])
    expect(found.hits.map((h) => h.entry.id)).toEqual([walk.id])
    expect(found.hits[0]!.title.filter((s) => s.match).map((s) => s.text)).toEqual(['Walking'])
    expect(found.hits[0]!.snippet.filter((s) => s.match).map((s) => s.text)).toEqual(['heron'])
    expect((await d.ok('diary:search', { query: 'birds' })).hits).toHaveLength(1)
    expect((await d.ok('diary:search', { query: 'heron rainy' })).hits).toHaveLength(0)

    await d.ok('diary:save', { id: walk.id, date: '2025-05-01', title: 'Walking in the hills', body: 'No birds today.', tags: [] })
    expect((await d.ok('diary:search', { query: 'heron' })).hits).toHaveLength(0)

    await d.ok('diary:lock', {})
    expect(await d.call('diary:search', { query: 'walking' })).toMatchObject({ ok: false, error: { code: 'VAULT_LOCKED' } })
    // Nothing of the index was written: the library's full-text index never saw the diary.
    expect(withDb(d, (db) => db.prepare("select count(*) from files_fts where files_fts match 'walking'").pluck().get())).toBe(0)
    await d.ok('diary:unlock', { passphrase: PASS })
    expect((await d.ok('diary:search', { query: 'walking' })).hits).toHaveLength(1)
  })
})
