import { mkdir, rename } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { listFilesInputSchema, searchFilesInputSchema, type FileDto, type ListFilesInput } from '../../src-preload/contract/files'
import { FilesQueryService } from '../../src-main/core/library/files-query.service'
import { SearchService } from '../../src-main/core/library/search.service'
import { useTestLibraries, type TestLibrary } from '../support/library'
import { put, useSyncManagers } from '../support/sync'
import { insertFile } from './library-rows'

const newLibrary = useTestLibraries()
const newSync = useSyncManagers()
const input = (partial: Partial<Record<keyof ListFilesInput, unknown>> = {}): ListFilesInput => listFilesInputSchema.parse(partial)

async function allNames(service: FilesQueryService, partial: Partial<Record<keyof ListFilesInput, unknown>>): Promise<string[]> {
  const items: FileDto[] = []
  let cursor: string | undefined
  for (let page = 0; page < 200; page++) {
    const result = await service.list(input({ sort: 'name', limit: 2, ...partial, cursor }))
    items.push(...result.items)
    if (!result.nextCursor) return items.map((f) => f.name)
    cursor = result.nextCursor
  }
  throw new Error('paging did not end')
}

async function folder(lib: TestLibrary, name: string, files: Record<string, string>): Promise<string> {
  const root = join(lib.scratch, name)
  await mkdir(root, { recursive: true })
  for (const [rel, data] of Object.entries(files)) await put(root, rel, data)
  return root
}

/**
 * Two watched folders sharing one content, "Drive" then unplugged; one copy kept in the
 * library folder and one whose object went missing.
 */
async function scene() {
  const lib = await newLibrary()
  const sync = newSync(lib)
  const photosRoot = await folder(lib, 'Photos', { 'a-beach.txt': 'beach day', 'b-city.txt': 'city lights', 'c-shared.txt': 'shared words' })
  const driveRoot = await folder(lib, 'Drive', { 'd-drive.txt': 'drive only', 'e-shared-copy.txt': 'shared words', 'f-more.txt': 'more drive' })
  const photos = await sync.add({ path: photosRoot })
  const drive = await sync.add({ path: driveRoot })
  await sync.scan(photos.id)
  await sync.scan(drive.id)
  await rename(driveRoot, `${driveRoot}-unplugged`)
  const [offline] = await sync.scan(drive.id)
  expect(offline!.status).toBe('failed')
  await insertFile(lib, { name: 'g-kept.bin' })
  const missing = await insertFile(lib, { name: 'h-missing.bin' })
  await lib.library.connection.db.updateTable('files').set({ stored: 0 }).where('id', '=', missing).execute()
  return { lib, sync, photos, drive }
}

describe('library filters: watched folder and availability', () => {
  it('lists the files with a source in one watched folder, paged, whichever way the query runs', async () => {
    const { lib, photos, drive } = await scene()
    const db = lib.library.connection.db
    // The names are those of the first place each content was seen.
    const inPhotos = ['a-beach.txt', 'b-city.txt', 'c-shared.txt']
    const inDrive = ['c-shared.txt', 'd-drive.txt', 'f-more.txt']
    for (const service of [lib.files, new FilesQueryService(db, { driverSetLimit: 0, walkWindow: 1 }), new FilesQueryService(db, { driverSetLimit: 100 })]) {
      expect(await allNames(service, { folderId: photos.id })).toEqual(inPhotos)
      expect(await allNames(service, { folderId: drive.id })).toEqual(inDrive)
      expect(await allNames(service, { folderId: drive.id, order: 'desc' })).toEqual([...inDrive].reverse())
    }
    expect(await allNames(lib.files, {})).toHaveLength(7)
  })

  it('tells available files from those whose bytes cannot be read now', async () => {
    const { lib, drive } = await scene()
    expect(await allNames(lib.files, { availability: 'available' })).toEqual(['a-beach.txt', 'b-city.txt', 'c-shared.txt', 'g-kept.bin'])
    expect(await allNames(lib.files, { availability: 'unavailable' })).toEqual(['d-drive.txt', 'f-more.txt', 'h-missing.bin'])
    // The shared content is readable from Photos even while Drive is unplugged.
    expect(await allNames(lib.files, { folderId: drive.id, availability: 'available' })).toEqual(['c-shared.txt'])
    expect(await allNames(lib.files, { folderId: drive.id, availability: 'unavailable' })).toEqual(['d-drive.txt', 'f-more.txt'])
  })

  it('finds the files again once the drive is back', async () => {
    const { lib, sync, drive } = await scene()
    await rename(`${drive.path}-unplugged`, drive.path)
    await sync.scan(drive.id)
    expect(await allNames(lib.files, { availability: 'unavailable' })).toEqual(['h-missing.bin'])
    expect(await allNames(lib.files, { folderId: drive.id, availability: 'available' })).toEqual(['c-shared.txt', 'd-drive.txt', 'f-more.txt'])
  })

  it('narrows search the same way (when each match is checked against its row)', async () => {
    const { lib, photos, drive } = await scene()
    const service = new SearchService(lib.library.connection.db, { rankIndexAlone: false })
    const search = async (query: string, extra: object) => (await service.search(searchFilesInputSchema.parse({ query, ...extra }))).hits.map((h) => h.file.name).sort()
    expect(await search('shared', {})).toEqual(['c-shared.txt'])
    expect(await search('drive', {})).toEqual(['d-drive.txt', 'f-more.txt'])
    expect(await search('drive', { folderId: photos.id })).toEqual([])
    expect(await search('drive', { folderId: drive.id, availability: 'available' })).toEqual([])
    expect(await search('shared', { folderId: drive.id, availability: 'available' })).toEqual(['c-shared.txt'])
  })

  it('says so when the folder is no longer watched, and forgets its files when told to', async () => {
    const { lib, sync, photos } = await scene()
    await sync.remove(photos.id, true)
    await expect(lib.files.list(input({ folderId: photos.id }))).rejects.toMatchObject({ code: 'NOT_FOUND', message: expect.stringContaining('not watched') })
    // Its entries stay in the library; indexed in place, they can no longer be read.
    expect(await allNames(lib.files, { availability: 'available' })).toEqual(['g-kept.bin'])
  })
})
