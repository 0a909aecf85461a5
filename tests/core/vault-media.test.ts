import { randomBytes, randomInt } from 'node:crypto'
import { readdir, readFile, stat, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { Readable } from 'node:stream'
import { describe, expect, it } from 'vitest'
import { realFs } from '../../src-main/core/common/fs-seam'
import { AppError } from '../../src-main/core/common/app-error'
import { CHUNK_PLAIN, CHUNK_SEALED, HEADER_BYTES, sealedSizeOf } from '../../src-main/core/vault/crypto/tve-format'
import { destroyKey, makeVaultKey, type VaultKey } from '../../src-main/core/vault/crypto/vault-key'
import { encryptToFile, openBuffer, openSealedFile, sealBuffer, type ByteRange } from '../../src-main/core/vault/sealed-media'
import { faultyFs } from '../support/faulty-fs'
import { useTempDirs } from '../support/temp-dir'

const tempDir = useTempDirs()
const K = CHUNK_PLAIN
const newKey = () => makeVaultKey(randomBytes(32))

/** The plaintext as a source stream cut into uneven pieces, as a socket or a file stream would. */
function pieces(data: Buffer): Readable {
  const parts: Buffer[] = []
  for (let at = 0; at < data.length; ) {
    const n = Math.min(data.length - at, randomInt(1, 3 * K))
    parts.push(data.subarray(at, at + n))
    at += n
  }
  return Readable.from(parts)
}

async function seal(key: VaultKey, data: Buffer, name = 'media.tve'): Promise<string> {
  const dir = await tempDir()
  const path = join(dir, name)
  await encryptToFile(realFs, key, pieces(data), path)
  return path
}

async function collect(stream: Readable): Promise<{ bytes: Buffer; error?: unknown }> {
  const parts: Buffer[] = []
  try {
    for await (const part of stream) parts.push(part as Buffer)
    return { bytes: Buffer.concat(parts) }
  } catch (error) {
    return { bytes: Buffer.concat(parts), error }
  }
}

async function readAll(key: VaultKey, path: string, range?: ByteRange): Promise<Buffer> {
  const file = await openSealedFile(realFs, key, path)
  const { bytes, error } = await collect(file.createReadStream(range))
  if (error) throw error
  return bytes
}

/** Opening or reading the whole file fails with CORRUPT; what came out before is whole, checked chunks. */
async function expectCorrupt(key: VaultKey, path: string, plaintext: Buffer): Promise<void> {
  let error: unknown
  let released: Buffer = Buffer.alloc(0)
  try {
    const file = await openSealedFile(realFs, key, path)
    const result = await collect(file.createReadStream())
    released = result.bytes
    error = result.error
  } catch (err) {
    error = err
  }
  expect(error, 'damage went unnoticed').toBeInstanceOf(AppError)
  expect((error as AppError).code).toBe('CORRUPT')
  expect(released.length % K).toBe(0)
  expect(released.equals(plaintext.subarray(0, released.length))).toBe(true)
  expect((error as AppError).message).not.toContain(plaintext.subarray(0, 8).toString('latin1'))
}

const SIZES: Array<[string, number]> = [
  ['0 B', 0],
  ['1 B', 1],
  ['64 KiB - 1', K - 1],
  ['64 KiB', K],
  ['64 KiB + 1', K + 1],
  ['3 x 64 KiB', 3 * K],
  ['a random multi-chunk size', randomInt(3 * K + 1, 40 * K)],
]

describe('sealed media round trips', () => {
  it.each(SIZES)('%s comes back byte for byte, and the file holds none of it in clear', async (_name, size) => {
    const key = newKey()
    const plaintext = randomBytes(size)
    const dir = await tempDir()
    const path = join(dir, 'media.tve')
    const result = await encryptToFile(realFs, key, pieces(plaintext), path)
    expect(result).toEqual({ plaintextSize: size, sealedSize: sealedSizeOf(size) })
    expect((await stat(path)).size).toBe(sealedSizeOf(size))
    expect(await readdir(dir)).toEqual(['media.tve'])
    const file = await openSealedFile(realFs, key, path)
    expect(file.plaintextSize).toBe(size)
    expect((await readAll(key, path)).equals(plaintext)).toBe(true)
    if (size >= 16) expect((await readFile(path)).includes(plaintext.subarray(0, 16))).toBe(false)
  })

  it('a 0-byte file is a header and exactly one empty final chunk', async () => {
    const path = await seal(newKey(), Buffer.alloc(0))
    expect((await stat(path)).size).toBe(HEADER_BYTES + 16)
  })

  it('the same plaintext sealed twice gives unrelated files (a fresh salt per file)', async () => {
    const key = newKey()
    const plaintext = Buffer.alloc(2 * K, 7)
    const [a, b] = [await readFile(await seal(key, plaintext)), await readFile(await seal(key, plaintext))]
    expect(a.subarray(HEADER_BYTES, HEADER_BYTES + 64).equals(b.subarray(HEADER_BYTES, HEADER_BYTES + 64))).toBe(false)
  })

  it('small blobs seal and open in memory in the same format', async () => {
    const key = newKey()
    for (const size of [0, 1, K, K + 5]) {
      const blob = randomBytes(size)
      const sealed = await sealBuffer(key, blob)
      expect(sealed.length).toBe(sealedSizeOf(size))
      expect((await openBuffer(key, sealed)).equals(blob)).toBe(true)
    }
    const sealed = await sealBuffer(key, Buffer.from('thumbnail'))
    sealed[sealed.length - 1]! ^= 1
    await expect(openBuffer(key, sealed)).rejects.toMatchObject({ code: 'CORRUPT' })
    await expect(openBuffer(newKey(), await sealBuffer(key, Buffer.from('x')))).rejects.toMatchObject({ code: 'CORRUPT' })
  })
})

describe('tampering is detected as CORRUPT', () => {
  const size = 5 * K + 1234
  const chunkAt = (i: number) => HEADER_BYTES + i * CHUNK_SEALED

  async function tampered(change: (bytes: Buffer) => Buffer | Promise<Buffer>) {
    const key = newKey()
    const plaintext = randomBytes(size)
    const path = await seal(key, plaintext)
    await writeFile(path, await change(await readFile(path)))
    return { key, plaintext, path }
  }

  it.each<[string, (b: Buffer) => Buffer]>([
    ['truncated by one byte', (b) => b.subarray(0, b.length - 1)],
    ['truncated mid-chunk', (b) => b.subarray(0, chunkAt(2) + 100)],
    ['the final chunk dropped', (b) => b.subarray(0, chunkAt(5))],
    ['cut back to the header', (b) => b.subarray(0, HEADER_BYTES)],
    ['one byte appended', (b) => Buffer.concat([b, Buffer.of(0)])],
    ['a copy of a whole chunk appended', (b) => Buffer.concat([b, b.subarray(chunkAt(1), chunkAt(2))])],
    ['chunks 1 and 2 swapped', (b) => Buffer.concat([b.subarray(0, chunkAt(1)), b.subarray(chunkAt(2), chunkAt(3)), b.subarray(chunkAt(1), chunkAt(2)), b.subarray(chunkAt(3))])],
    ['chunk 0 duplicated over chunk 1', (b) => Buffer.concat([b.subarray(0, chunkAt(1)), b.subarray(chunkAt(0), chunkAt(1)), b.subarray(chunkAt(2))])],
  ])('%s', async (_name, change) => {
    const { key, plaintext, path } = await tampered(change)
    await expectCorrupt(key, path, plaintext)
  })

  it('a chunk taken from another file of the same key, at the same place', async () => {
    const key = newKey()
    const plaintext = randomBytes(size)
    const path = await seal(key, plaintext)
    const other = await readFile(await seal(key, randomBytes(size)))
    const bytes = await readFile(path)
    other.copy(bytes, chunkAt(3), chunkAt(3), chunkAt(4))
    await writeFile(path, bytes)
    await expectCorrupt(key, path, plaintext)
  })

  it('the header of another file of the same key (its HMAC is valid)', async () => {
    const key = newKey()
    const plaintext = randomBytes(size)
    const path = await seal(key, plaintext)
    const other = await readFile(await seal(key, randomBytes(10)))
    const bytes = await readFile(path)
    other.copy(bytes, 0, 0, HEADER_BYTES)
    await writeFile(path, bytes)
    await expectCorrupt(key, path, plaintext)
  })

  it('a file made under another key', async () => {
    const plaintext = randomBytes(size)
    const path = await seal(newKey(), plaintext)
    await expectCorrupt(newKey(), path, plaintext)
  })

  it('a flipped bit anywhere: each header field, chunk bodies, tags, the last chunk', async () => {
    const key = newKey()
    const plaintext = randomBytes(size)
    const path = await seal(key, plaintext)
    const original = await readFile(path)
    const positions = [0, 3, 4, 5, 20, 21, 52, 53, 84, chunkAt(0), chunkAt(1) - 1, chunkAt(1) - 17, chunkAt(3) + 999, chunkAt(5), original.length - 1]
    for (let i = 0; i < 10; i++) positions.push(randomInt(0, original.length))
    for (const at of positions) {
      const bytes = Buffer.from(original)
      bytes[at]! ^= 1 << randomInt(0, 8)
      await writeFile(path, bytes)
      await expectCorrupt(key, path, plaintext)
    }
  })
})

describe('ranges decrypt only the chunks they cover', () => {
  const size = 3 * K + 4321

  it.each<[string, number, number]>([
    ['the first byte', 0, 0],
    ['the last byte', size - 1, size - 1],
    ['the last byte of a chunk', K - 1, K - 1],
    ['the first byte of a chunk', K, K],
    ['across a chunk boundary', K - 10, K + 9],
    ['one whole middle chunk', K, 2 * K - 1],
    ['across two boundaries', K - 1, 2 * K],
    ['the final partial chunk', 3 * K, size - 1],
    ['from inside the final chunk to the end', 3 * K + 100, size - 1],
    ['everything', 0, size - 1],
  ])('%s', async (_name, start, end) => {
    const key = newKey()
    const plaintext = randomBytes(size)
    const path = await seal(key, plaintext)
    expect((await readAll(key, path, { start, end })).equals(plaintext.subarray(start, end + 1))).toBe(true)
  })

  it('an end past the last byte is cut to it; a start past it reads nothing; a reversed range is refused', async () => {
    const key = newKey()
    const plaintext = randomBytes(size)
    const path = await seal(key, plaintext)
    expect((await readAll(key, path, { start: size - 5, end: size + 1000 })).equals(plaintext.subarray(size - 5))).toBe(true)
    expect((await readAll(key, path, { start: size, end: size + 10 })).length).toBe(0)
    const file = await openSealedFile(realFs, key, path)
    expect(() => file.createReadStream({ start: 10, end: 5 })).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }))
    expect(() => file.createReadStream({ start: -1, end: 5 })).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }))
  })

  it('a range never reads a damaged chunk outside it, and fails on one inside it', async () => {
    const key = newKey()
    const plaintext = randomBytes(size)
    const path = await seal(key, plaintext)
    const bytes = await readFile(path)
    bytes[HEADER_BYTES + 1 * CHUNK_SEALED + 500]! ^= 0x80
    await writeFile(path, bytes)
    expect((await readAll(key, path, { start: 2 * K + 7, end: size - 1 })).equals(plaintext.subarray(2 * K + 7))).toBe(true)
    expect((await readAll(key, path, { start: 0, end: 100 })).equals(plaintext.subarray(0, 101))).toBe(true)
    await expect(readAll(key, path, { start: K + 600, end: K + 700 })).rejects.toMatchObject({ code: 'CORRUPT' })
  })
})

describe('the key and the disk', () => {
  it('a locked key stops a read stream with VAULT_LOCKED and cannot open files', async () => {
    const key = newKey()
    const path = await seal(key, randomBytes(40 * K))
    const file = await openSealedFile(realFs, key, path)
    const stream = file.createReadStream()
    const first = await new Promise<Buffer>((resolve) => stream.once('data', resolve))
    expect(first.length).toBeGreaterThan(0)
    destroyKey(key)
    const { error } = await collect(stream)
    expect(error).toMatchObject({ code: 'VAULT_LOCKED' })
    await expect(openSealedFile(realFs, key, path)).rejects.toMatchObject({ code: 'VAULT_LOCKED' })
  })

  it('a full disk leaves no file and no temp file behind', async () => {
    const key = newKey()
    const dir = await tempDir()
    const fs = faultyFs([{ op: 'write', errno: 'ENOSPC', nth: 2 }])
    await expect(encryptToFile(fs, key, pieces(randomBytes(100 * K)), join(dir, 'media.tve'))).rejects.toMatchObject({ code: 'NO_SPACE' })
    expect(await readdir(dir)).toEqual([])
  })

  it('a missing file is NOT_FOUND, not CORRUPT', async () => {
    const dir = await tempDir()
    await expect(openSealedFile(realFs, newKey(), join(dir, 'gone.tve'))).rejects.toMatchObject({ code: 'NOT_FOUND' })
  })
})
