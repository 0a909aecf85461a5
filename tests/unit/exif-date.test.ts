import fc from 'fast-check'
import sharp from 'sharp'
import { describe, expect, it } from 'vitest'
import { exifTakenAt } from '../../src-main/core/media/exif-date'

interface Tag {
  tag: number
  type: number
  count: number
  /** ASCII bytes (stored inline when ≤ 4, else after the directories), or a LONG. */
  value: Buffer | number
}

/** A TIFF block by hand: IFD0 with a pointer to an Exif IFD holding `exifTags`. */
function tiff(exifTags: Tag[], options: { bigEndian?: boolean; header?: boolean } = {}): Buffer {
  const be = options.bigEndian ?? false
  const ifd0At = 8
  const ifd0Size = 2 + 12 + 4
  const exifAt = ifd0At + ifd0Size
  const exifSize = 2 + exifTags.length * 12 + 4
  let dataAt = exifAt + exifSize
  const out = Buffer.alloc(dataAt + exifTags.reduce((n, t) => n + (Buffer.isBuffer(t.value) && t.value.length > 4 ? t.value.length : 0), 0))
  const u16 = (v: number, at: number) => (be ? out.writeUInt16BE(v, at) : out.writeUInt16LE(v, at))
  const u32 = (v: number, at: number) => (be ? out.writeUInt32BE(v, at) : out.writeUInt32LE(v, at))
  out.write(be ? 'MM' : 'II', 0, 'latin1')
  u16(42, 2)
  u32(ifd0At, 4)
  u16(1, ifd0At)
  u16(0x8769, ifd0At + 2)
  u16(4, ifd0At + 4)
  u32(1, ifd0At + 6)
  u32(exifAt, ifd0At + 10)
  u16(exifTags.length, exifAt)
  exifTags.forEach((t, i) => {
    const at = exifAt + 2 + i * 12
    u16(t.tag, at)
    u16(t.type, at + 2)
    u32(t.count, at + 4)
    if (typeof t.value === 'number') u32(t.value, at + 8)
    else if (t.value.length <= 4) t.value.copy(out, at + 8)
    else {
      u32(dataAt, at + 8)
      t.value.copy(out, dataAt)
      dataAt += t.value.length
    }
  })
  return options.header === false ? out : Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), out])
}

const ascii = (tag: number, text: string): Tag => {
  const value = Buffer.from(`${text}\0`, 'latin1')
  return { tag, type: 2, count: value.length, value }
}
const original = (text: string) => ascii(0x9003, text)
const offset = (text: string) => ascii(0x9011, text)

describe('exifTakenAt', () => {
  it('reads DateTimeOriginal in either byte order, with the offset when recorded', () => {
    expect(exifTakenAt(tiff([original('2019:12:31 23:59:58')]))).toBe('2019-12-31T23:59:58')
    expect(exifTakenAt(tiff([original('2019:12:31 23:59:58')], { bigEndian: true }))).toBe('2019-12-31T23:59:58')
    expect(exifTakenAt(tiff([original('2019:12:31 23:59:58'), offset('-05:00')], { header: false }))).toBe('2019-12-31T23:59:58-05:00')
    expect(exifTakenAt(tiff([original('2019:12:31 23:59:58'), offset('bogus')]))).toBe('2019-12-31T23:59:58')
  })

  it('reads what sharp writes into a real JPEG', async () => {
    const jpeg = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#000' } })
      .jpeg()
      .withExif({ IFD2: { DateTimeOriginal: '2024:02:29 07:08:09', OffsetTimeOriginal: '+05:30' } })
      .toBuffer()
    expect(exifTakenAt((await sharp(jpeg).metadata()).exif)).toBe('2024-02-29T07:08:09+05:30')
  })

  it.each([
    ['zeroed by a camera without a clock', '0000:00:00 00:00:00'],
    ['blank', '    :  :     :  :  '],
    ['30 February', '2021:02:30 10:00:00'],
    ['month 13', '2021:13:01 10:00:00'],
    ['hour 24', '2021:01:01 24:00:00'],
    ['free text', 'last summer'],
  ])('gives null for a date that is %s', (_why, text) => {
    expect(exifTakenAt(tiff([original(text)]))).toBeNull()
  })

  it('gives null for missing or malformed blocks instead of throwing', () => {
    const good = tiff([original('2019:12:31 23:59:58')])
    expect(exifTakenAt(undefined)).toBeNull()
    expect(exifTakenAt(Buffer.alloc(0))).toBeNull()
    expect(exifTakenAt(Buffer.from('Exif\0\0', 'latin1'))).toBeNull()
    expect(exifTakenAt(Buffer.from('XX*\0\x08\0\0\0', 'latin1'))).toBeNull()
    for (let cut = 0; cut < good.length; cut++) expect(exifTakenAt(good.subarray(0, cut))).toBeNull()
    // The date stored as a number, a pointer past the end, an entry count far too large.
    expect(exifTakenAt(tiff([{ tag: 0x9003, type: 4, count: 1, value: 5 }]))).toBeNull()
    const pastEnd = Buffer.from(good)
    pastEnd.writeUInt32LE(0xfffffff0, 6 + 8 + 10)
    expect(exifTakenAt(pastEnd)).toBeNull()
    const hugeCount = Buffer.from(good)
    hugeCount.writeUInt16LE(0xffff, 6 + 8)
    expect(exifTakenAt(hugeCount)).toBeNull()
  })

  it('never throws on arbitrary bytes, with or without a valid header', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), fc.boolean(), (bytes, withHeader) => {
        const body = Buffer.from(bytes)
        if (withHeader && body.length >= 8) Buffer.from('II*\0\x08\0\0\0', 'latin1').copy(body)
        const result = exifTakenAt(body)
        expect(result === null || /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d([+-]\d\d:\d\d)?$/.test(result)).toBe(true)
      }),
      { numRuns: 2000 },
    )
  })
})
