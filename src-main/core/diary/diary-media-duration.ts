import type { FsSeam } from '../common/fs-seam'

const MP4_MIMES = new Set(['video/mp4', 'video/quicktime', 'audio/mp4', 'audio/x-m4a', 'video/x-m4v', 'audio/aac'])
const MAX_BOXES = 1000

/**
 * The duration of an MP4/QuickTime file (videos from phones, m4a voice memos) in seconds, from
 * its `moov/mvhd` box: box headers only are read, wherever `moov` sits. Null for other formats
 * (WebM from a recorder carries none) or anything unexpected; never throws.
 */
export async function mediaDurationSeconds(fs: FsSeam, path: string, mime: string, size: number): Promise<number | null> {
  if (!MP4_MIMES.has(mime)) return null
  let handle: Awaited<ReturnType<FsSeam['open']>> | undefined
  try {
    handle = await fs.open(path, 'r')
    const read = async (position: number, length: number) => {
      const buffer = Buffer.alloc(length)
      const { bytesRead } = await handle!.read(buffer, 0, length, position)
      return buffer.subarray(0, bytesRead)
    }
    /** The first box of `type` between `start` and `end`: where its content starts and ends. */
    const find = async (type: string, start: number, end: number): Promise<{ start: number; end: number } | null> => {
      let at = start
      for (let i = 0; i < MAX_BOXES && at + 8 <= end; i++) {
        const head = await read(at, 16)
        if (head.length < 8) return null
        let boxSize = head.readUInt32BE(0)
        let headerSize = 8
        if (boxSize === 1) {
          if (head.length < 16) return null
          boxSize = Number(head.readBigUInt64BE(8))
          headerSize = 16
        } else if (boxSize === 0) boxSize = end - at
        if (boxSize < headerSize) return null
        if (head.toString('latin1', 4, 8) === type) return { start: at + headerSize, end: Math.min(at + boxSize, end) }
        at += boxSize
      }
      return null
    }
    const moov = await find('moov', 0, size)
    const mvhd = moov && (await find('mvhd', moov.start, moov.end))
    if (!mvhd) return null
    const body = await read(mvhd.start, 32)
    const version = body[0]
    const [timescale, duration] =
      version === 1 && body.length >= 32 ? [body.readUInt32BE(20), Number(body.readBigUInt64BE(24))] : body.length >= 20 ? [body.readUInt32BE(12), body.readUInt32BE(16)] : [0, 0]
    if (!timescale || !duration || duration === 0xffffffff) return null
    return Math.round((duration / timescale) * 1000) / 1000
  } catch {
    return null
  } finally {
    await handle?.close().catch(() => undefined)
  }
}
