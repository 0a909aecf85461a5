import sharp from 'sharp'

/**
 * Real images made on the spot with sharp, so the preview tests decode what a camera or an
 * editor would write rather than checked-in fixtures.
 */

/** 3000×2000 JPEG, left half red and right half blue, EXIF orientation 6 and a capture time. */
export async function orientedJpeg(options: { width?: number; height?: number } = {}): Promise<Buffer> {
  const width = options.width ?? 3000
  const height = options.height ?? 2000
  return sharp({ create: { width, height, channels: 3, background: '#ff0000' } })
    .composite([{ input: { create: { width: width / 2, height, channels: 3, background: '#0000ff' } }, left: width / 2, top: 0 }])
    .jpeg({ quality: 85 })
    .withExif({ IFD0: { Make: 'Trove test camera' }, IFD2: { DateTimeOriginal: '2021:07:04 10:20:30', OffsetTimeOriginal: '+02:00' } })
    .withMetadata({ orientation: 6 })
    .toBuffer()
}

/** A PNG with transparency and no EXIF. */
export async function png(width = 400, height = 300, seed = 0): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 4, background: { r: 40 + seed, g: 160, b: 90, alpha: 0.5 } } }).png().toBuffer()
}

const noisyBase = new Map<string, Promise<Buffer>>()

/**
 * A photo-like JPEG (noise compresses and decodes like a photo does), distinct per seed.
 * Noise is slow to make, so one image per size is made and each seed appends its own bytes
 * after the end-of-image marker, which decoders never read.
 */
export async function noisyJpeg(width: number, height: number, seed: number): Promise<Buffer> {
  const key = `${width}x${height}`
  let base = noisyBase.get(key)
  if (!base) {
    base = sharp({ create: { width, height, channels: 3, background: '#808080', noise: { type: 'gaussian', mean: 120, sigma: 40 } } })
      .jpeg({ quality: 90 })
      .toBuffer()
    noisyBase.set(key, base)
  }
  return Buffer.concat([await base, Buffer.from(`trove test image ${seed}`)])
}

/** A valid JPEG header followed by garbage: type detection says JPEG, decoding fails. */
export async function corruptJpeg(): Promise<Buffer> {
  const real = await noisyJpeg(64, 64, 1)
  const garbage = Buffer.alloc(20_000)
  for (let i = 0; i < garbage.length; i++) garbage[i] = (i * 7919 + 13) & 0xff
  return Buffer.concat([real.subarray(0, 200), garbage])
}
