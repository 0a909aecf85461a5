import { describe, expect, it } from 'vitest'
import { percentOf, progressOf, runningWork } from './progress'
import { describeOutcomes, humanReason, readableReason } from './summary'
import type { FileOutcome, ImportsSnapshot, UploadImport } from './types'

const outcome = (name: string, o: FileOutcome['outcome'], reasonMessage: string | null = null): FileOutcome => ({
  name, outcome: o, reasonCode: o === 'rejected' ? 'TOO_LARGE' : null, reasonMessage, size: 1, fileId: null,
})

describe('describeOutcomes', () => {
  it('says what main says for a finished job', () => {
    expect(describeOutcomes([outcome('a', 'stored'), outcome('b', 'stored')])).toBe('2 added')
    expect(
      describeOutcomes([outcome('a', 'stored'), outcome('b', 'duplicate', 'Already…'), outcome('c', 'rejected', 'c is too big.'), outcome('d', 'failed', 'Disk full.')]),
    ).toBe('1 added, 1 already in the library, 1 rejected, 1 failed: c is too big.')
    expect(describeOutcomes([])).toBe('0 added')
  })
})

describe('reasons', () => {
  it('writes ISO instants as local dates and leaves other text alone', () => {
    const text = readableReason('Already in the library since 2024-03-05T10:20:30.000Z as "a.txt".')
    expect(text).not.toContain('2024-03-05T')
    expect(text).toContain('2024')
    expect(text).toContain('as "a.txt".')
  })

  it('gives the human sentence of a code, not of ALREADY_EXISTS or unknown codes', () => {
    expect(humanReason('TOO_LARGE')).toBe('That is larger than Trove accepts.')
    expect(humanReason('ALREADY_EXISTS')).toBeNull()
    expect(humanReason('SOMETHING_NEW')).toBeNull()
    expect(humanReason(null)).toBeNull()
  })
})

describe('progress', () => {
  const upload = (sizes: Array<[number, number, 'queued' | 'uploading' | 'done']>): UploadImport => ({
    kind: 'uploads', id: 'u', batchId: 'b', label: sizes.length === 1 ? 'fox.txt' : `${sizes.length} files`, target: null, startedAt: 0, finishedAt: null, notes: [], cancelled: false,
    items: sizes.map(([size, received, state], i) => ({ key: `k${i}`, name: `f${i}`, folders: [], size, received, state, resumedFrom: null, outcome: null, error: null, retryUploadId: null })),
  })

  it('counts a finished file whole and a running one by what arrived', () => {
    const p = progressOf(upload([[100, 0, 'done'], [100, 40, 'uploading'], [100, 0, 'queued']]))
    expect(p).toMatchObject({ itemsDone: 1, itemsTotal: 3, bytesDone: 140, bytesTotal: 300, current: 'f1' })
    expect(percentOf(p)).toBeCloseTo(46.67, 1)
  })

  it('sums the running work for the header, and says nothing runs when nothing does', () => {
    const idle: ImportsSnapshot = { entries: [], jobs: [], panelOpen: false, finishedCount: 0 }
    expect(runningWork(idle)).toEqual({ count: 0, label: '0 jobs running', percent: null })
    const busy: ImportsSnapshot = { ...idle, entries: [upload([[100, 50, 'uploading']])] }
    expect(runningWork(busy)).toEqual({ count: 1, label: 'Uploading fox.txt', percent: 50 })
  })
})
