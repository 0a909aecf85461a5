import { fileTypeFromBuffer } from 'file-type'
import type { DiaryMediaKind } from '../../../src-preload/contract/diary'
import { AppError } from '../common/app-error'
import type { FsSeam } from '../common/fs-seam'

/** Bytes read from the start of a file to tell its type (magic numbers sit well inside). */
export const HEAD_BYTES = 64 * 1024

export interface MediaType {
  mime: string
  kind: DiaryMediaKind
}

/** The first bytes of a file (fewer when it is shorter). */
export async function readHead(fs: FsSeam, path: string, length: number = HEAD_BYTES): Promise<Buffer> {
  const handle = await fs.open(path, 'r')
  try {
    const buffer = Buffer.alloc(length)
    const { bytesRead } = await handle.read(buffer, 0, length, 0)
    return buffer.subarray(0, bytesRead)
  } finally {
    await handle.close()
  }
}

/**
 * What a media file is, from its bytes only: a photo, a video or a sound. WebM from the app's
 * voice recorder carries only an audio track: file-type calls every WebM "video/webm", so the
 * codec ids of the tracks (near the start) decide. Anything else is UNSUPPORTED_TYPE, naming it.
 */
export async function detectMediaType(head: Buffer, name: string): Promise<MediaType> {
  const found = head.length > 0 ? await fileTypeFromBuffer(head) : undefined
  if (!found) {
    throw new AppError('UNSUPPORTED_TYPE', `${name} is not a photo, video or sound Trove recognises, so it was not added to the diary.`, { name })
  }
  if (found.mime === 'video/webm' || found.mime === 'video/x-matroska') {
    const text = head.toString('latin1')
    const video = /V_VP8|V_VP9|V_AV1|V_MPEG4|V_MPEGH/.test(text)
    const audio = /A_OPUS|A_VORBIS|A_AAC|A_MPEG/.test(text)
    if (!video && audio) return { mime: found.mime === 'video/webm' ? 'audio/webm' : 'audio/x-matroska', kind: 'audio' }
  }
  if (found.mime.startsWith('image/')) return { mime: found.mime, kind: 'photo' }
  if (found.mime.startsWith('video/')) return { mime: found.mime, kind: 'video' }
  if (found.mime.startsWith('audio/')) return { mime: found.mime, kind: 'audio' }
  throw new AppError('UNSUPPORTED_TYPE', `${name} is a ${found.mime} file, not a photo, video or sound, so it was not added to the diary.`, { name, mime: found.mime })
}
