import sharp from 'sharp'
import { lastError, mediaBinary, runBinary } from '../run-binary'
import { PreviewError } from '../thumbnail'
import type { MadeFacts, MadePreview, MakerInput, PreviewMaker } from './preview-maker'

const PROBE_TIMEOUT_MS = 30_000
const FRAME_TIMEOUT_MS = 60_000
/** Moments tried for the poster, as fractions of the duration: the first good frame wins. */
export const POSTER_MOMENTS = [0.1, 0.25, 0.5, 0.75]
/** A frame darker than this (mean luminance, 0–255) is black; flatter than this (stddev) is blank. */
const BLACK_MEAN = 16
const BLANK_STDDEV = 6
const FRAME_WIDTH = 512
const MAX_FRAME_BYTES = 16 * 1024 * 1024

interface ProbeStream {
  codec_type?: string
  codec_name?: string
  width?: number
  height?: number
  duration?: string
  tags?: Record<string, string>
  side_data_list?: { rotation?: number }[]
}
interface Probe {
  streams?: ProbeStream[]
  format?: { duration?: string; format_name?: string; tags?: Record<string, string> }
}

/**
 * Videos: ffprobe for the facts (duration, size, codecs), then a poster frame from a moment
 * that shows something: a few moments are sampled and black or blank frames are skipped.
 * Both run as child processes with a time limit, killed when the library closes.
 */
export const videoMaker: PreviewMaker = {
  name: 'video',
  accepts: (mime) => mime.startsWith('video/'),
  async make(input: MakerInput): Promise<MadePreview> {
    const probe = await probeMedia(input)
    const video = probe.streams?.find((s) => s.codec_type === 'video')
    const audio = probe.streams?.find((s) => s.codec_type === 'audio')
    if (!video && !audio) throw new PreviewError('corrupt', 'The file has no picture or sound that could be read.')
    const duration = Number(probe.format?.duration ?? video?.duration ?? audio?.duration)
    // A video container holding sound alone (a WebM or MP4 recording): facts, no picture.
    if (!video) return { facts: { ...(Number.isFinite(duration) && duration > 0 ? { durationSeconds: Math.round(duration * 1000) / 1000 } : {}), audioCodec: audio!.codec_name, format: probe.format?.format_name } }
    const facts: MadeFacts = {
      ...(Number.isFinite(duration) && duration > 0 ? { durationSeconds: Math.round(duration * 1000) / 1000 } : {}),
      ...displaySize(video),
      ...(video.codec_name ? { videoCodec: video.codec_name } : {}),
      ...(audio?.codec_name ? { audioCodec: audio.codec_name } : {}),
      ...(probe.format?.format_name ? { format: probe.format.format_name } : {}),
      ...takenAt(probe.format?.tags ?? video.tags),
    }
    const poster = await pickPoster(input, Number.isFinite(duration) ? duration : 0)
    return { thumbnail: poster, facts }
  },
}

export async function probeMedia(input: MakerInput): Promise<Probe> {
  const run = await runBinary(await mediaBinary('ffprobe'), ['-v', 'error', '-print_format', 'json', '-show_format', '-show_streams', '--', input.path], {
    signal: input.signal, timeoutMs: PROBE_TIMEOUT_MS, maxStdoutBytes: 4 * 1024 * 1024,
  })
  let probe: Probe | null = null
  try {
    probe = JSON.parse(run.stdout.toString('utf8')) as Probe
  } catch {
    probe = null
  }
  if (run.code !== 0 || !probe?.format) {
    throw new PreviewError('corrupt', `The file is damaged or incomplete (${lastError(run.stderr, input.path)}).`)
  }
  return probe
}

/** The first sampled frame that is neither black nor blank; the liveliest one when all are. */
async function pickPoster(input: MakerInput, duration: number): Promise<Buffer> {
  const moments = duration > 0 ? POSTER_MOMENTS.map((f) => f * duration) : [0]
  let best: { frame: Buffer; stdev: number } | null = null
  let lastFailure = ''
  for (const at of moments) {
    if (input.signal.aborted) throw new PreviewError('failed', 'Stopped because the library is closing.')
    const frame = await grabFrame(input, at).catch((err: unknown) => {
      lastFailure = err instanceof Error ? err.message : String(err)
      return null
    })
    if (!frame) continue
    const { mean, stdev } = await luminance(frame)
    if (mean >= BLACK_MEAN && stdev >= BLANK_STDDEV) return frame
    if (!best || stdev > best.stdev) best = { frame, stdev }
  }
  if (best) return best.frame
  throw new PreviewError('corrupt', `No frame of the video could be read; it may be damaged or incomplete${lastFailure ? ` (${lastFailure})` : ''}.`)
}

async function grabFrame(input: MakerInput, seconds: number): Promise<Buffer> {
  const run = await runBinary(
    await mediaBinary('ffmpeg'),
    ['-v', 'error', '-nostdin', '-ss', seconds.toFixed(3), '-i', input.path, '-frames:v', '1', '-an', '-sn',
      '-vf', `scale='min(${FRAME_WIDTH},iw)':-2`, '-f', 'image2pipe', '-c:v', 'png', 'pipe:1'],
    { signal: input.signal, timeoutMs: FRAME_TIMEOUT_MS, maxStdoutBytes: MAX_FRAME_BYTES },
  )
  if (run.code !== 0 || run.stdout.length === 0) throw new Error(lastError(run.stderr, input.path))
  return run.stdout
}

async function luminance(frame: Buffer): Promise<{ mean: number; stdev: number }> {
  const stats = await sharp(frame).greyscale().stats()
  const channel = stats.channels[0]
  return { mean: channel?.mean ?? 0, stdev: channel?.stdev ?? 0 }
}

/** Width and height as shown: a phone video recorded sideways carries a rotation. */
function displaySize(video: ProbeStream): Pick<MadeFacts, 'width' | 'height'> {
  if (!video.width || !video.height) return {}
  const rotation = Math.abs(Number(video.tags?.rotate ?? video.side_data_list?.find((d) => d.rotation !== undefined)?.rotation ?? 0)) % 180
  return rotation === 90 ? { width: video.height, height: video.width } : { width: video.width, height: video.height }
}

function takenAt(tags: Record<string, string> | undefined): Pick<MadeFacts, 'takenAt'> {
  const created = tags?.creation_time
  if (!created || Number.isNaN(Date.parse(created)) || created.startsWith('1970') || created.startsWith('1904')) return {}
  return { takenAt: new Date(created).toISOString() }
}
