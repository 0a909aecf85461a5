import { beforeEach, describe, expect, it, vi } from 'vitest'
import type { Result } from '../../../src-preload/contract'

/**
 * The upload protocol against a small in-memory stand-in for main's upload service, with the
 * faults the real one can answer: a lost answer, a wrong offset, an expired upload, a limit.
 */
interface Staged {
  name: string
  size: number | null
  data: Buffer
  batchId: string
}

class FakeUploads {
  readonly staged = new Map<string, Staged>()
  readonly calls: Array<{ method: string; input: Record<string, unknown> }> = []
  readonly finished: Buffer[] = []
  /** Answers to give instead of (or after) handling a call: return a Result to replace it. */
  fault: ((method: string, input: Record<string, unknown>, handled: () => Result<unknown>) => Result<unknown> | undefined) | null = null
  limit = Number.MAX_SAFE_INTEGER
  private next = 1

  call = async (method: string, input: Record<string, unknown>): Promise<Result<unknown>> => {
    this.calls.push({ method, input })
    const handled = () => this.handle(method, input)
    return this.fault?.(method, input, handled) ?? handled()
  }

  private handle(method: string, input: Record<string, unknown>): Result<unknown> {
    const id = input.uploadId as string
    const upload = this.staged.get(id)
    const dto = (uploadId: string, u: Staged) => ({ uploadId, name: u.name, size: u.size, received: u.data.length, chunkSize: 4, expiresAt: Date.now() + 60_000, batchId: u.batchId })
    switch (method) {
      case 'uploads:begin': {
        if ((input.size as number) > this.limit) return { ok: false, error: { code: 'TOO_LARGE', message: `${input.name} is over the library's limit.` } }
        const uploadId = `00000000-0000-4000-8000-${String(this.next++).padStart(12, '0')}`
        const created = { name: input.name as string, size: input.size as number, data: Buffer.alloc(0), batchId: input.batchId as string }
        this.staged.set(uploadId, created)
        return { ok: true, value: dto(uploadId, created) }
      }
      case 'uploads:status':
        return upload ? { ok: true, value: dto(id, upload) } : { ok: false, error: { code: 'NOT_FOUND', message: 'No such upload.' } }
      case 'uploads:append': {
        if (!upload) return { ok: false, error: { code: 'NOT_FOUND', message: 'No such upload.' } }
        if (input.offset !== upload.data.length) {
          return { ok: false, error: { code: 'INVALID_INPUT', message: 'Wrong offset.', details: { expectedOffset: upload.data.length } } }
        }
        upload.data = Buffer.concat([upload.data, Buffer.from(input.dataBase64 as string, 'base64')])
        return { ok: true, value: { uploadId: id, received: upload.data.length, size: upload.size, expiresAt: Date.now() + 60_000 } }
      }
      case 'uploads:finish': {
        if (!upload) return { ok: false, error: { code: 'NOT_FOUND', message: 'No such upload.' } }
        this.staged.delete(id)
        this.finished.push(upload.data)
        return {
          ok: true,
          value: { uploadId: id, batchId: upload.batchId, outcome: 'stored', reasonCode: null, reasonMessage: null, fileId: 1, sha256: null, name: upload.name, size: upload.data.length, mime: null, existingSince: null, restored: false, retryable: false },
        }
      }
      case 'uploads:abort':
        return { ok: true, value: { aborted: this.staged.delete(id) } }
      default:
        return { ok: false, error: { code: 'UNKNOWN_METHOD', message: method } }
    }
  }

  methods = () => this.calls.map((c) => c.method.replace('uploads:', ''))
}

const server = vi.hoisted(() => ({ current: null as unknown as { call: (m: string, i: Record<string, unknown>) => Promise<unknown> } }))

vi.hoisted(() => {
  const store = new Map<string, string>()
  const localStorage = {
    getItem: (k: string) => store.get(k) ?? null,
    setItem: (k: string, v: string) => void store.set(k, v),
    removeItem: (k: string) => void store.delete(k),
    clear: () => store.clear(),
  }
  const trove = { transport: 'loopback', call: (m: string, i: Record<string, unknown>) => server.current.call(m, i), on: () => () => undefined, pathForFile: () => null }
  ;(globalThis as Record<string, unknown>).window = { localStorage, trove }
})

vi.mock('./read-chunk', () => ({
  blobToBase64: async (blob: Blob) => Buffer.from(await blob.arrayBuffer()).toString('base64'),
}))

const { uploadFile } = await import('./upload-file')
const { findPendingUpload, rememberPendingUpload } = await import('./resume-registry')

const bytes = Buffer.from('The quick brown fox jumps.')
const file = () => new File([bytes], 'fox.txt', { lastModified: 1_700_000_000_000 })
const options = (signal = new AbortController().signal) => ({
  name: 'fox.txt',
  batchId: '11111111-1111-4111-8111-111111111111',
  signal,
  onProgress: vi.fn(),
  onResumed: vi.fn(),
})

let fake: FakeUploads
beforeEach(() => {
  fake = new FakeUploads()
  server.current = fake
  ;(globalThis as unknown as { window: { localStorage: Storage } }).window.localStorage.clear()
})

describe('uploadFile', () => {
  it('sends the chunks in order, finishes, and forgets the pending upload', async () => {
    const opts = options()
    const result = await uploadFile(file(), opts)
    expect(result.kind).toBe('outcome')
    expect(fake.finished[0]).toEqual(bytes)
    expect(fake.methods().filter((m) => m === 'append')).toHaveLength(Math.ceil(bytes.length / 4))
    expect(opts.onProgress).toHaveBeenLastCalledWith(bytes.length, 'finishing')
    expect(findPendingUpload({ name: 'fox.txt', size: bytes.length, lastModified: 1_700_000_000_000 })).toBeNull()
  })

  it('continues from where the library is when an answer was lost', async () => {
    let dropped = false
    fake.fault = (method, input, handled) => {
      if (method !== 'uploads:append' || dropped || input.offset !== 8) return undefined
      dropped = true
      handled() // the chunk is stored, but its answer never arrives
      return { ok: false, error: { code: 'UNAVAILABLE', message: 'The connection dropped.' } }
    }
    const result = await uploadFile(file(), options())
    expect(result.kind).toBe('outcome')
    expect(fake.finished[0]).toEqual(bytes)
    expect(fake.methods()).toContain('status')
  })

  it('follows the expected offset the library gives', async () => {
    let once = false
    fake.fault = (method, input) => {
      if (method !== 'uploads:append' || once || input.offset !== 4) return undefined
      once = true
      return { ok: false, error: { code: 'INVALID_INPUT', message: 'Wrong offset.', details: { expectedOffset: 0 } } }
    }
    const result = await uploadFile(file(), options())
    expect(result.kind).toBe('outcome')
    expect(fake.finished[0]).toEqual(bytes)
  })

  it('starts again when the library no longer knows the upload', async () => {
    let expired = false
    fake.fault = (method, input) => {
      if (method !== 'uploads:append' || expired || input.offset !== 12) return undefined
      expired = true
      fake.staged.clear()
      return { ok: false, error: { code: 'NOT_FOUND', message: 'The upload expired.' } }
    }
    const result = await uploadFile(file(), options())
    expect(result.kind).toBe('outcome')
    expect(fake.finished[0]).toEqual(bytes)
    expect(fake.methods().filter((m) => m === 'begin')).toHaveLength(2)
  })

  it('reports a file over the limit as refused, with the library’s reason', async () => {
    fake.limit = 10
    const result = await uploadFile(file(), options())
    expect(result).toEqual({ kind: 'refused', error: { code: 'TOO_LARGE', message: "fox.txt is over the library's limit." } })
  })

  it('continues a pending upload of the same file after a restart', async () => {
    const begun = (await fake.call('uploads:begin', { name: 'fox.txt', size: bytes.length, batchId: 'b' })) as { value: { uploadId: string } }
    const uploadId = begun.value.uploadId
    await fake.call('uploads:append', { uploadId, offset: 0, dataBase64: bytes.subarray(0, 8).toString('base64') })
    rememberPendingUpload({ uploadId, name: 'fox.txt', size: bytes.length, lastModified: 1_700_000_000_000, expiresAt: Date.now() + 60_000 })
    fake.calls.length = 0

    const opts = options()
    const result = await uploadFile(file(), opts)
    expect(result.kind).toBe('outcome')
    expect(opts.onResumed).toHaveBeenCalledWith(8)
    expect(fake.methods()[0]).toBe('status')
    expect(fake.calls.find((c) => c.method === 'uploads:append')?.input.offset).toBe(8)
    expect(fake.finished[0]).toEqual(bytes)
  })

  it('aborts the upload when cancelled', async () => {
    const controller = new AbortController()
    fake.fault = (method, input) => {
      if (method === 'uploads:append' && input.offset === 8) controller.abort()
      return undefined
    }
    const result = await uploadFile(file(), options(controller.signal))
    expect(result.kind).toBe('cancelled')
    expect(fake.methods()).toContain('abort')
    expect(fake.staged.size).toBe(0)
    expect(fake.finished).toHaveLength(0)
  })
})
