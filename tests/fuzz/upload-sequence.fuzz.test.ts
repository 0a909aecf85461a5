/**
 * Upload chunks as a hostile or confused client sends them: out of order, duplicated,
 * oversized, past the declared size, addressed to the other upload or to none. A model of the
 * rules says what each call must answer; at the end every upload holds exactly the bytes that
 * were acknowledged, and one that is complete stores exactly those bytes.
 */
import { createHash, randomUUID } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { UPLOAD_CHUNK_BYTES } from '../../src-preload/contract/uploads'
import { isAppError } from '../../src-main/core/common/app-error'
import { useTestLibraries } from '../support/library'

const newLibrary = useTestLibraries()
const SEED = Number(process.env.FUZZ_SEED ?? 20261122)
const sha = (data: Buffer) => createHash('sha256').update(data).digest('hex')
const OVERSIZED = Buffer.alloc(UPLOAD_CHUNK_BYTES + 1, 7)

/** One call a client makes: which upload, where it says the chunk goes, and how many bytes. */
const step = fc.record({
  target: fc.constantFrom(0, 1, 'unknown', 'hostile') as fc.Arbitrary<0 | 1 | 'unknown' | 'hostile'>,
  /** 'next' = the offset the server expects; otherwise a shift from it or a fixed value. */
  offset: fc.oneof(fc.constant('next' as const), fc.integer({ min: -40, max: 40 }), fc.constantFrom(0, -1, 2 ** 53)),
  length: fc.oneof(fc.integer({ min: 0, max: 24 }), fc.constant('oversized' as const)),
})

describe('upload chunk sequences', () => {
  it('follow the rules: only the next offset, within the declared size, at most 1 MiB, to a live upload', async () => {
    const lib = await newLibrary()
    let run = 0
    await fc.assert(
      fc.asyncProperty(fc.tuple(fc.integer({ min: 0, max: 60 }), fc.integer({ min: 1, max: 60 })), fc.array(step, { minLength: 1, maxLength: 30 }), async (sizes, steps) => {
        run++
        const uploads = await Promise.all(sizes.map((size, i) => lib.uploads.begin({ name: `run${run}-${i}.bin`, size })))
        // The model: what each upload has acknowledged so far.
        const model = uploads.map((u, i) => ({ id: u.uploadId, size: sizes[i]!, bytes: Buffer.alloc(0) }))
        let fill = 0
        for (const s of steps) {
          const upload = typeof s.target === 'number' ? model[s.target]! : null
          const id = s.target === 'unknown' ? randomUUID() : s.target === 'hostile' ? '../../trove.db' : upload!.id
          const expected = upload?.bytes.length ?? 0
          const offset = s.offset === 'next' ? expected : typeof s.offset === 'number' && Math.abs(s.offset) <= 40 ? expected + s.offset : s.offset
          const chunk = s.length === 'oversized' ? OVERSIZED : Buffer.from(Array.from({ length: s.length }, () => (fill = (fill + 1) % 251)))
          let answer: { code: string; expectedOffset?: unknown } | { received: number }
          try {
            answer = { received: (await lib.uploads.append(id, offset as number, chunk)).received }
          } catch (err) {
            if (!isAppError(err)) throw err
            answer = { code: err.code, expectedOffset: err.details?.expectedOffset }
          }
          if (s.length === 'oversized') expect(answer).toMatchObject({ code: 'TOO_LARGE' })
          else if (!upload) expect(answer).toMatchObject({ code: 'NOT_FOUND' })
          else if (offset !== expected) expect(answer).toEqual({ code: 'INVALID_INPUT', expectedOffset: expected })
          else if (expected + chunk.length > upload.size) expect(answer).toEqual({ code: 'INVALID_INPUT', expectedOffset: expected })
          else {
            expect(answer).toEqual({ received: expected + chunk.length })
            upload.bytes = Buffer.concat([upload.bytes, chunk])
          }
        }
        for (const upload of model) {
          // Staged bytes are exactly the acknowledged ones, whatever was refused in between.
          expect((await lib.uploads.status(upload.id)).received).toBe(upload.bytes.length)
          expect((await readFile(join(lib.root, 'uploads', `${upload.id}.part`))).equals(upload.bytes)).toBe(true)
          if (upload.bytes.length === upload.size) {
            const outcome = await lib.uploads.finish(upload.id)
            expect(['stored', 'duplicate']).toContain(outcome.outcome)
            expect(outcome.sha256).toBe(sha(upload.bytes))
          } else {
            await expect(lib.uploads.finish(upload.id)).rejects.toMatchObject({ code: 'INVALID_INPUT', details: { expectedOffset: upload.bytes.length } })
            await lib.uploads.abort(upload.id)
          }
        }
      }),
      { numRuns: 60, seed: SEED },
    )
  }, 120_000)
})
