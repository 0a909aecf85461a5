import { PreviewError } from '../thumbnail'
import type { MadeFacts, MadePreview, MakerInput, PreviewMaker } from './preview-maker'

/** A cover larger than this is ignored (a tag can claim anything). */
const MAX_COVER_BYTES = 32 * 1024 * 1024

/**
 * Music and recordings: music-metadata reads the tags (title, artist, album), the duration
 * and the embedded cover, which becomes the thumbnail. It reads only the parts of the file it
 * needs, streaming; a file without a cover gets facts and no picture.
 */
export const audioMaker: PreviewMaker = {
  name: 'audio',
  accepts: (mime) => mime.startsWith('audio/'),
  async make(input: MakerInput): Promise<MadePreview> {
    const { parseFile } = await import('music-metadata')
    let parsed: Awaited<ReturnType<typeof parseFile>>
    try {
      parsed = await parseFile(input.path, { duration: true, skipCovers: false })
    } catch (err) {
      const detail = (err instanceof Error ? err.message : String(err)).split('\n')[0]?.slice(0, 160)
      throw new PreviewError('corrupt', `The recording is damaged or in a form Trove cannot read (${detail}).`, { cause: err })
    }
    const { common, format } = parsed
    const duration = format.duration
    if (!(duration && Number.isFinite(duration)) && !format.codec && !common.title) {
      throw new PreviewError('corrupt', 'The recording could not be read: no duration, codec or tags were found.')
    }
    const facts: MadeFacts = {
      ...(duration && Number.isFinite(duration) ? { durationSeconds: Math.round(duration * 1000) / 1000 } : {}),
      ...(format.codec ? { audioCodec: format.codec } : {}),
      ...(format.container ? { format: format.container } : {}),
      ...text('title', common.title),
      ...text('artist', common.artist ?? common.albumartist),
      ...text('album', common.album),
    }
    const cover = common.picture?.find((p) => p.data.length > 0 && p.data.length <= MAX_COVER_BYTES)
    return cover ? { thumbnail: Buffer.from(cover.data), facts } : { facts }
  },
}

function text<K extends 'title' | 'artist' | 'album'>(key: K, value: string | undefined): Partial<Record<K, string>> {
  const clean = value?.replace(/\0/g, '').trim().slice(0, 300)
  return clean ? ({ [key]: clean } as Partial<Record<K, string>>) : {}
}
