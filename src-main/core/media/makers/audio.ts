import { runOnThread, WorkerTaskError, type ParsedAudio } from '../maker-threads'
import { PreviewError } from '../thumbnail'
import type { MadeFacts, MadePreview, MakerInput, PreviewMaker } from './preview-maker'

/** A cover larger than this is ignored (a tag can claim anything). */
const MAX_COVER_BYTES = 32 * 1024 * 1024

/**
 * Music and recordings: music-metadata reads the tags (title, artist, album), the duration
 * and the embedded cover, which becomes the thumbnail. It reads only the parts of the file it
 * needs, streaming, on a worker thread; a file without a cover gets facts and no picture.
 */
export const audioMaker: PreviewMaker = {
  name: 'audio',
  accepts: (mime) => mime.startsWith('audio/'),
  async make(input: MakerInput): Promise<MadePreview> {
    let parsed: ParsedAudio
    try {
      parsed = await runOnThread('audio', { path: input.path, maxCoverBytes: MAX_COVER_BYTES }, input.signal)
    } catch (err) {
      if (!(err instanceof WorkerTaskError)) throw err
      throw new PreviewError('corrupt', `The recording is damaged or in a form Trove cannot read (${err.message.slice(0, 160)}).`, { cause: err })
    }
    const duration = parsed.durationSeconds
    if (!(duration && Number.isFinite(duration)) && !parsed.codec && !parsed.title) {
      throw new PreviewError('corrupt', 'The recording could not be read: no duration, codec or tags were found.')
    }
    const facts: MadeFacts = {
      ...(duration && Number.isFinite(duration) ? { durationSeconds: Math.round(duration * 1000) / 1000 } : {}),
      ...(parsed.codec ? { audioCodec: parsed.codec } : {}),
      ...(parsed.container ? { format: parsed.container } : {}),
      ...text('title', parsed.title),
      ...text('artist', parsed.artist),
      ...text('album', parsed.album),
    }
    return parsed.cover ? { thumbnail: Buffer.from(parsed.cover.buffer, parsed.cover.byteOffset, parsed.cover.byteLength), facts } : { facts }
  },
}

function text<K extends 'title' | 'artist' | 'album'>(key: K, value: string | undefined): Partial<Record<K, string>> {
  const clean = value?.replace(/\0/g, '').trim().slice(0, 300)
  return clean ? ({ [key]: clean } as Partial<Record<K, string>>) : {}
}
