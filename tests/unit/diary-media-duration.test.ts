import { randomBytes } from 'node:crypto'
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { realFs } from '../../src-main/core/common/fs-seam'
import { mediaDurationSeconds } from '../../src-main/core/diary/diary-media-duration'
import { useTempDirs } from '../support/temp-dir'

const tempDir = useTempDirs()

const box = (type: string, body: Buffer) => {
  const head = Buffer.alloc(8)
  head.writeUInt32BE(8 + body.length, 0)
  head.write(type, 4, 'latin1')
  return Buffer.concat([head, body])
}
const ftyp = box('ftyp', Buffer.from('isom\0\0\x02\0isomiso2', 'latin1'))
function mvhd(version: 0 | 1, timescale: number, duration: number): Buffer {
  const body = Buffer.alloc(version === 1 ? 112 : 100)
  body[0] = version
  if (version === 1) {
    body.writeUInt32BE(timescale, 20)
    body.writeBigUInt64BE(BigInt(duration), 24)
  } else {
    body.writeUInt32BE(timescale, 12)
    body.writeUInt32BE(duration, 16)
  }
  return box('mvhd', body)
}

async function file(bytes: Buffer): Promise<{ path: string; size: number }> {
  const path = join(await tempDir(), 'clip.mp4')
  await writeFile(path, bytes)
  return { path, size: bytes.length }
}

describe('media duration', () => {
  it('reads mvhd wherever moov sits (after a large mdat, or first), in both box versions', async () => {
    const late = await file(Buffer.concat([ftyp, box('mdat', randomBytes(500_000)), box('moov', Buffer.concat([mvhd(0, 1000, 12_345), box('trak', randomBytes(64))]))]))
    expect(await mediaDurationSeconds(realFs, late.path, 'video/mp4', late.size)).toBe(12.345)
    const early = await file(Buffer.concat([ftyp, box('moov', Buffer.concat([box('udta', randomBytes(20)), mvhd(1, 48_000, 48_000 * 90)])), box('mdat', randomBytes(1000))]))
    expect(await mediaDurationSeconds(realFs, early.path, 'audio/mp4', early.size)).toBe(90)
  })

  it('answers null for other formats, a missing moov and nonsense box sizes', async () => {
    const noMoov = await file(Buffer.concat([ftyp, box('mdat', randomBytes(100))]))
    expect(await mediaDurationSeconds(realFs, noMoov.path, 'video/mp4', noMoov.size)).toBeNull()
    const broken = await file(Buffer.concat([ftyp, Buffer.from([0, 0, 0, 3]), Buffer.from('junkjunk')]))
    expect(await mediaDurationSeconds(realFs, broken.path, 'video/mp4', broken.size)).toBeNull()
    expect(await mediaDurationSeconds(realFs, noMoov.path, 'audio/webm', noMoov.size)).toBeNull()
  })
})
