import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { historyInputSchema, type HistoryInput } from '../../src-preload/contract/history'
import { useTestLibraries, type TestLibrary } from '../support/library'

const newLibrary = useTestLibraries()
const history = (lib: TestLibrary, partial: Partial<Record<keyof HistoryInput, unknown>> = {}) => lib.history.list(historyInputSchema.parse(partial))

async function insertRecords(lib: TestLibrary, rows: Array<{ name: string; outcome: 'stored' | 'duplicate' | 'rejected' | 'failed'; at: number; batch?: string }>) {
  await lib.library.connection.db.transaction().execute(async (trx) => {
    for (const r of rows) {
      await trx.insertInto('import_records').values({
        batch_id: r.batch ?? 'batch-1', original_name: r.name, original_path: `/src/${r.name}`, outcome: r.outcome,
        reason_code: r.outcome === 'stored' ? null : 'X', reason_message: null, size: 1, mime: null, sha256: null, file_id: null,
        started_at: r.at, finished_at: r.at + 5,
      }).execute()
    }
  })
}

describe('history:list', () => {
  it('lists what real imports saw, newest first, with outcomes and reasons', async () => {
    const lib = await newLibrary()
    await mkdir(join(lib.scratch, 'drop'), { recursive: true })
    await writeFile(join(lib.scratch, 'drop', 'note.txt'), 'hello')
    await writeFile(join(lib.scratch, 'drop', '.DS_Store'), 'junk')
    await lib.imports.start([join(lib.scratch, 'drop')]).done
    await writeFile(join(lib.scratch, 'again.txt'), 'hello')
    const second = await lib.imports.start([join(lib.scratch, 'again.txt')]).done
    const { items, nextCursor } = await history(lib)
    expect(nextCursor).toBeNull()
    expect(items[0]).toMatchObject({ originalName: 'again.txt', outcome: 'duplicate', reasonCode: 'ALREADY_EXISTS', batchId: second.batchId, fileId: expect.any(Number) })
    expect(items.map((r) => [r.originalName, r.outcome]).slice(1).sort()).toEqual([['.DS_Store', 'rejected'], ['note.txt', 'stored']])
    expect((await history(lib, { outcome: 'rejected' })).items.map((r) => r.reasonMessage)).toEqual(['.DS_Store is a system file, not yours: skipped.'])
    expect((await history(lib, { batchId: second.batchId })).items.map((r) => r.originalName)).toEqual(['again.txt'])
  })

  it('filters by outcome, time range and name (ignoring case, with LIKE characters taken literally)', async () => {
    const lib = await newLibrary()
    await insertRecords(lib, [
      { name: 'Holiday_1.JPG', outcome: 'stored', at: 1000 },
      { name: 'holiday%2.jpg', outcome: 'failed', at: 2000 },
      { name: 'ÉTÉ.png', outcome: 'rejected', at: 3000 },
      { name: 'budget.xlsx', outcome: 'stored', at: 4000, batch: 'batch-2' },
    ])
    const names = async (p: Partial<Record<keyof HistoryInput, unknown>>) => (await history(lib, p)).items.map((r) => r.originalName)
    expect(await names({})).toEqual(['budget.xlsx', 'ÉTÉ.png', 'holiday%2.jpg', 'Holiday_1.JPG'])
    expect(await names({ outcome: 'stored' })).toEqual(['budget.xlsx', 'Holiday_1.JPG'])
    expect(await names({ since: 2000, until: 3000 })).toEqual(['ÉTÉ.png', 'holiday%2.jpg'])
    expect(await names({ name: 'HOLIDAY' })).toEqual(['holiday%2.jpg', 'Holiday_1.JPG'])
    expect(await names({ name: 'y%' })).toEqual(['holiday%2.jpg'])
    expect(await names({ name: 'y_' })).toEqual(['Holiday_1.JPG'])
    expect(await names({ name: 'été' })).toEqual(['ÉTÉ.png'])
    expect(await names({ outcome: 'stored', since: 1500 })).toEqual(['budget.xlsx'])
    expect(await names({ batchId: 'batch-2' })).toEqual(['budget.xlsx'])
    expect(historyInputSchema.safeParse({ since: 5, until: 4 }).success).toBe(false)
  })

  it('pages by keyset: every record once, even with equal times and records added between pages', async () => {
    const lib = await newLibrary()
    await insertRecords(lib, Array.from({ length: 25 }, (_, i) => ({ name: `f${i}`, outcome: 'stored' as const, at: 1000 + (i % 4) })))
    const seen: number[] = []
    let cursor: string | undefined
    let pages = 0
    do {
      const page = await history(lib, { limit: 4, cursor })
      seen.push(...page.items.map((r) => r.id))
      cursor = page.nextCursor ?? undefined
      pages++
      await insertRecords(lib, [{ name: `new${pages}`, outcome: 'stored', at: 9999 }])
    } while (cursor)
    expect(seen).toHaveLength(25)
    expect(new Set(seen).size).toBe(25)
    await expect(history(lib, { cursor: 'bogus' })).rejects.toMatchObject({ code: 'INVALID_INPUT' })
  })
})
