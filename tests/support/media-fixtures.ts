import { execFile } from 'node:child_process'
import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { promisify } from 'node:util'
import sharp from 'sharp'
import { mediaBinary } from '../../src-main/core/media/run-binary'

/**
 * Media made on the spot with the ffmpeg binary the app ships and with sharp, so the tests
 * decode what a phone or a music player would write. HEIC is the exception (nothing here can
 * encode it): tests/fixtures/two-colours.heic, provenance in tests/fixtures/README.md.
 */

const run = promisify(execFile)

async function ffmpeg(args: string[]): Promise<void> {
  await run(await mediaBinary('ffmpeg'), ['-v', 'error', '-nostdin', '-y', ...args], { timeout: 60_000 })
}

/** A 4 s H.264 MP4: one second of black, then ffmpeg's colour test pattern. */
export async function blackThenPatternMp4(dir: string, name = 'clip.mp4'): Promise<string> {
  const out = join(dir, name)
  await ffmpeg([
    '-f', 'lavfi', '-i', 'color=c=black:s=320x240:d=1:r=25',
    '-f', 'lavfi', '-i', 'testsrc=s=320x240:d=3:r=25',
    '-filter_complex', '[0:v][1:v]concat=n=2:v=1:a=0[v]', '-map', '[v]',
    '-c:v', 'libx264', '-pix_fmt', 'yuv420p', '-metadata', 'creation_time=2023-03-04T05:06:07Z', out,
  ])
  return out
}

/** A 2 s HEVC (H.265) MP4 of the test pattern, tagged hvc1 as phones write it. */
export async function hevcMp4(dir: string, name = 'phone-hevc.mp4'): Promise<string> {
  const out = join(dir, name)
  await ffmpeg(['-f', 'lavfi', '-i', 'testsrc=s=320x240:d=2:r=25', '-c:v', 'libx265', '-x265-params', 'log-level=error', '-tag:v', 'hvc1', '-pix_fmt', 'yuv420p', out])
  return out
}

/** The first `fraction` of a file's bytes: an interrupted copy. */
export async function truncatedCopy(source: string, dir: string, name: string, fraction = 0.4): Promise<string> {
  const bytes = await readFile(source)
  const out = join(dir, name)
  await writeFile(out, bytes.subarray(0, Math.floor(bytes.length * fraction)))
  return out
}

export const SONG_TAGS = { title: 'Quiet Harbour', artist: 'The Test Tones', album: 'Generated Songs' }

/** A 2 s MP3 (440 Hz) with ID3 title, artist and album, and a 64×64 orange front cover. */
export async function taggedMp3WithCover(dir: string, name = 'song.mp3'): Promise<string> {
  const cover = join(dir, `${name}.cover.png`)
  await sharp({ create: { width: 64, height: 64, channels: 3, background: { r: 255, g: 140, b: 0 } } }).png().toFile(cover)
  const out = join(dir, name)
  await ffmpeg([
    '-f', 'lavfi', '-i', 'sine=frequency=440:duration=2', '-i', cover,
    '-map', '0:a', '-map', '1:v', '-c:a', 'libmp3lame', '-b:a', '64k', '-c:v', 'png', '-id3v2_version', '3',
    '-metadata', `title=${SONG_TAGS.title}`, '-metadata', `artist=${SONG_TAGS.artist}`, '-metadata', `album=${SONG_TAGS.album}`,
    '-metadata:s:v', 'title=Album cover', '-metadata:s:v', 'comment=Cover (front)', '-disposition:v', 'attached_pic', out,
  ])
  return out
}

/** A 1 s Opus recording in WebM: a video container holding sound alone (typed video/webm). */
export async function soundOnlyWebm(dir: string, name = 'voice-note.webm'): Promise<string> {
  const out = join(dir, name)
  await ffmpeg(['-f', 'lavfi', '-i', 'sine=frequency=330:duration=1', '-c:a', 'libopus', out])
  return out
}

export const PHOTO_PLACE = { latitude: 51.5, longitude: -0.125, altitude: 35 }

/** 600×400 JPEG (left red, right blue), EXIF orientation 6, camera, date taken and GPS. */
export async function geotaggedJpeg(): Promise<Buffer> {
  return sharp({ create: { width: 600, height: 400, channels: 3, background: '#ff0000' } })
    .composite([{ input: { create: { width: 300, height: 400, channels: 3, background: '#0000ff' } }, left: 300, top: 0 }])
    .jpeg({ quality: 85 })
    .withExif({
      IFD0: { Make: 'Acme', Model: 'Acme Snap 9' },
      IFD2: { DateTimeOriginal: '2022:05:06 07:08:09' },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '51/1 30/1 0/1', GPSLongitudeRef: 'W', GPSLongitude: '0/1 7/1 30/1', GPSAltitudeRef: '0', GPSAltitude: '35/1' },
    })
    .withMetadata({ orientation: 6 })
    .toBuffer()
}

export const HEIC_FIXTURE = join(__dirname, '..', 'fixtures', 'two-colours.heic')
