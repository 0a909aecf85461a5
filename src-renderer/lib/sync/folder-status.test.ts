import { describe, expect, it } from 'vitest'
import type { WatchedFolderDto } from '../../../src-preload/contract'
import { folderName, operationOutcome, summarizeFolders } from './folder-status'
import { withFolder, withJobProgress } from './folder-list'

const folder = (id: number, patch: Partial<WatchedFolderDto> = {}): WatchedFolderDto => ({
  id, path: `/home/ana/Folder${id}`, mode: 'index', ignore: [], enabled: true, intervalMs: 86_400_000, createdAt: 0,
  lastScanAt: null, nextScanAt: null, status: 'watching', progress: null, lastError: null, pollingReason: null,
  counts: { files: 0, entries: 0, bytes: 0 }, ...patch,
})

describe('sync status in words', () => {
  it('names a folder by its last path part, on either kind of separator', () => {
    expect(folderName('/home/ana/Photos/')).toBe('Photos')
    expect(folderName('D:\\Pictures\\2024')).toBe('2024')
  })

  it('puts a scan first, then folders needing attention, then what is watched', () => {
    expect(summarizeFolders([])).toBeNull()
    expect(summarizeFolders([folder(1), folder(2), folder(3, { status: 'polling' })])).toEqual({ text: 'Watching 3 folders', tone: 'quiet' })
    expect(summarizeFolders([folder(1), folder(2, { status: 'offline' })])).toEqual({ text: '1 folder offline', tone: 'warning' })
    expect(summarizeFolders([folder(1, { status: 'error' }), folder(2, { status: 'offline' })])?.text).toBe('1 folder offline, 1 folder with a problem')
    const progress = { filesScanned: 1234, filesHashed: 0, bytesHashed: 0, current: null, jobId: 'j' }
    expect(summarizeFolders([folder(1, { status: 'offline' }), folder(7, { status: 'scanning', path: '/x/Photos', progress })])).toEqual({ text: 'Scanning Photos… 1,234 files', tone: 'busy' })
    expect(summarizeFolders([folder(1, { status: 'disabled' })])?.text).toBe('Watching paused')
  })

  it('sums up an operation', () => {
    const base = { status: 'completed' as const, filesAdded: 0, filesUpdated: 0, filesRemoved: 0, errors: [], error: null }
    expect(operationOutcome(base)).toBe('No changes')
    expect(operationOutcome({ ...base, filesAdded: 1200, filesRemoved: 1, errors: [{ path: 'a', code: 'EACCES', message: 'x' }] })).toBe('1,200 added, 1 removed, 1 problem')
    expect(operationOutcome({ ...base, status: 'failed', error: 'The folder is not there.' })).toBe('The folder is not there.')
  })

  it('keeps the list current from events and scan jobs', () => {
    const list = [folder(1), folder(2)]
    expect(withFolder(list, 2, null).map((f) => f.id)).toEqual([1])
    expect(withFolder(list, 3, folder(3)).map((f) => f.id)).toEqual([1, 2, 3])
    expect(withFolder(list, 1, folder(1, { status: 'offline' }))[0]!.status).toBe('offline')
    const scanning = [folder(1, { status: 'scanning', progress: { filesScanned: 0, filesHashed: 0, bytesHashed: 0, current: null, jobId: 'job-1' } })]
    const job = { id: 'job-1', kind: 'sync', label: '', state: 'running' as const, startedAt: 0, finishedAt: null, itemsDone: 40, itemsTotal: null, bytesDone: 9, bytesTotal: null, current: 'a.jpg', summary: null, error: null }
    expect(withJobProgress(scanning, job)?.[0]!.progress).toMatchObject({ filesScanned: 40, bytesHashed: 9, current: 'a.jpg' })
    expect(withJobProgress(scanning, { ...job, id: 'other' })).toBeNull()
    expect(withJobProgress(scanning, { ...job, state: 'completed' })).toBeNull()
  })
})
