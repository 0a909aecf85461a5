/**
 * npm run bench -- previews
 * Image thumbnails/s through the preview pipeline (12 MP JPEG → 256 px WebP) beside bare sharp
 * doing the same decode + resize + encode at the same concurrency in the same run, and the
 * peak RSS growth while previewing 100 and 500 photos (flat = the same for both).
 */
import { existsSync } from 'node:fs'
import { mkdir, readdir, rename, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import sharp from 'sharp'
import { writeLibrarySettings } from '../src-main/core/library/library-settings'
import { configureSharp, THUMB_MAX_PX, THUMB_QUALITY } from '../src-main/core/media/thumbnail'
import { BENCH_DIR } from './lib/corpus'
import { scratchLibrary } from './lib/library'
import { mib, peakRssGrowth, report, timeAsync } from './lib/measure'

const WIDTH = 4000
const HEIGHT = 3000
const THROUGHPUT_PHOTOS = 48

/**
 * 12 MP photo-like JPEGs (smoothed noise, quality 90, ~3–5 MB). One image is encoded; each
 * copy appends its own bytes after the end-of-image marker, which decoders never read, so
 * every file is distinct content that decodes exactly like the first.
 */
async function photos(count: number): Promise<string[]> {
  const dir = join(BENCH_DIR, 'previews-12mp')
  if (!existsSync(dir) || (await readdir(dir)).length < count) {
    console.log(`making ${count} 12 MP JPEGs in ${dir} …`)
    await mkdir(`${dir}.tmp`, { recursive: true })
    const base = await sharp({ create: { width: WIDTH, height: HEIGHT, channels: 3, background: '#708090', noise: { type: 'gaussian', mean: 128, sigma: 60 } } })
      .blur(1.2)
      .jpeg({ quality: 90 })
      .toBuffer()
    for (let i = 0; i < count; i++) await writeFile(join(`${dir}.tmp`, `p${String(i).padStart(5, '0')}.jpg`), Buffer.concat([base, Buffer.from(`trove bench photo ${i}`)]))
    if (existsSync(dir)) await import('node:fs/promises').then((fs) => fs.rm(dir, { recursive: true }))
    await rename(`${dir}.tmp`, dir)
  }
  return (await readdir(dir)).sort().slice(0, count).map((name) => join(dir, name))
}

/** What the image maker does, and nothing else: decode, orient, resize, encode. */
async function bareSharp(paths: string[], concurrency: number): Promise<number> {
  let next = 0
  const worker = async () => {
    while (next < paths.length) {
      const path = paths[next++]!
      await sharp(path, { failOn: 'error' }).rotate().resize({ width: THUMB_MAX_PX, height: THUMB_MAX_PX, fit: 'inside', withoutEnlargement: true }).webp({ quality: THUMB_QUALITY }).toBuffer()
    }
  }
  const { seconds } = await timeAsync(() => Promise.all(Array.from({ length: concurrency }, worker)))
  return paths.length / seconds
}

/** Imports the photos, waits for their previews, then times making them all again. */
async function throughTrove(paths: string[]): Promise<{ perSecond: number; concurrency: number; growth: number }> {
  const lib = await scratchLibrary()
  try {
    // Thumbnails alone: the OCR pass (which follows the previews, one file at a time) is off.
    await writeLibrarySettings(lib.library.connection.db, { ocrEnabled: false })
    await lib.imports.start(paths, { keepFolders: false }).done
    await lib.previews.idle()
    const { growth, value: seconds } = await peakRssGrowth(async () => {
      const { seconds } = await timeAsync(async () => {
        await lib.previews.regenerateAll()
        await lib.previews.idle()
      })
      return seconds
    })
    const status = await lib.previews.status()
    if (status.counts.done !== paths.length) throw new Error(`only ${status.counts.done} of ${paths.length} previews were made`)
    return { perSecond: paths.length / seconds, concurrency: lib.previews.concurrency, growth }
  } finally {
    await lib.dispose()
  }
}

export async function previewsBench(): Promise<void> {
  configureSharp()
  console.log('previews')
  const sample = await photos(500)
  const few = sample.slice(0, THROUGHPUT_PHOTOS)
  // Warm the page cache and libvips once, so neither side pays for the first read.
  await bareSharp(few.slice(0, 4), 2)
  const trove1 = await throughTrove(few)
  const bare1 = await bareSharp(few, trove1.concurrency)
  const trove2 = await throughTrove(few)
  const bare2 = await bareSharp(few, trove1.concurrency)
  const trove = Math.max(trove1.perSecond, trove2.perSecond)
  const bare = Math.max(bare1, bare2)
  report(`thumbnails/s, 12 MP JPEG → 256 px (×${trove1.concurrency})`, trove.toFixed(1), `bare sharp ${bare.toFixed(1)}/s`, `${(trove / bare).toFixed(2)} of bare ${trove / bare >= 0.9 ? '✔' : '✘'} (target ≥ 0.9)`)

  const hundred = await throughTrove(sample.slice(0, 100))
  const all = await throughTrove(sample)
  report('peak RSS growth, previewing 100 photos', `${mib(hundred.growth).toFixed(0)} MiB`, '')
  report('peak RSS growth, previewing 500 photos', `${mib(all.growth).toFixed(0)} MiB`, `100 photos: ${mib(hundred.growth).toFixed(0)} MiB`, all.growth <= hundred.growth * 1.5 + 32 * 2 ** 20 ? 'flat ✔' : 'grows ✘')
  report('thumbnails/s over 500 photos', all.perSecond.toFixed(1), `bare sharp ${bare.toFixed(1)}/s`)
}
