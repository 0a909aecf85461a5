import type { Kysely } from 'kysely'
import { basename } from 'node:path'
import { PassThrough, Readable } from 'node:stream'
import sharp from 'sharp'
import type { DiaryMediaDto } from '../../../src-preload/contract/diary'
import { AppError, errnoOf, fromFsError, isAppError } from '../common/app-error'
import type { Clock } from '../common/clock'
import type { FsSeam } from '../common/fs-seam'
import type { Logger } from '../common/logger'
import type { Database } from '../db/schema'
import { sanitizeName } from '../ingest/sanitize-name'
import type { TakenUpload, UploadService } from '../uploads/upload.service'
import type { VaultKey } from '../vault/key-file'
import { encryptToFile, openBuffer, openSealedFile, sealBuffer, type SealedFile } from '../vault/sealed-media'
import { mediaDto, type DiaryCatalogue, type OpenMedia } from './diary-catalogue'
import { mediaDurationSeconds } from './diary-media-duration'
import { detectMediaType, readHead } from './diary-media-type'
import type { DiaryObjects } from './diary-objects'
import { newDiaryId, sealMedia, type MediaMeta } from './diary-rows'
import type { DiaryVault } from './diary-vault'

/** Longest side of a diary thumbnail, in pixels (the gallery shows them at up to half that). */
export const DIARY_THUMB_PX = 512
/** Photos larger than this get no thumbnail (it would need the whole photo in memory). */
const MAX_THUMB_SOURCE_BYTES = 256 * 1024 * 1024

export interface DiaryMediaDeps {
  db: Kysely<Database>
  fs: FsSeam
  clock: Clock
  logger: Logger
  vault: DiaryVault
  objects: DiaryObjects
  uploads: UploadService
  catalogue(): Promise<DiaryCatalogue>
}

/** One source of plaintext to encrypt: a file by path, or an upload's staged file. */
interface MediaSource {
  name: string
  path: string
  size: number
}

/**
 * Photos, videos and sounds of entries. Attaching encrypts straight from the source into
 * vault/objects/ (streamed: memory flat in file size); a photo's thumbnail is made in memory
 * from the encrypted copy and stored sealed. Nothing plain is ever written.
 */
export class DiaryMedia {
  constructor(private readonly deps: DiaryMediaDeps) {}

  /** Encrypts files by path into the entry; all or nothing. */
  async attachPaths(entryId: string, paths: string[]): Promise<DiaryMediaDto[]> {
    await this.requireEntry(entryId)
    return this.deps.vault.use(async (key) => {
      const made: PendingMedia[] = []
      try {
        for (const path of paths) {
          let size: number
          try {
            const info = await this.deps.fs.stat(path)
            if (!info.isFile()) throw new AppError('INVALID_INPUT', `${basename(path)} is not a file.`)
            size = info.size
          } catch (err) {
            throw fromFsError(err, 'read', path)
          }
          made.push(await this.encrypt(key, entryId, { name: basename(path), path, size }))
        }
        return await this.commit(key, entryId, made)
      } catch (err) {
        await this.deps.objects.remove(made.flatMap((m) => [m.meta.objectName, m.meta.thumbName]))
        throw err
      }
    })
  }

  /**
   * Encrypts finished uploads (voice notes from the recorder, browser drops) into the entry,
   * straight from their staging files, which are deleted right after (whatever the outcome).
   */
  async attachUploads(entryId: string, uploadIds: string[], names?: string[]): Promise<DiaryMediaDto[]> {
    await this.requireEntry(entryId)
    return this.deps.vault.use(async (key) => {
      const made: PendingMedia[] = []
      try {
        for (const [i, uploadId] of uploadIds.entries()) {
          const name = names?.[i]
          made.push(await this.deps.uploads.take(uploadId, (upload: TakenUpload) => this.encrypt(key, entryId, name ? { ...upload, name } : upload)))
        }
        return await this.commit(key, entryId, made)
      } catch (err) {
        await this.deps.objects.remove(made.flatMap((m) => [m.meta.objectName, m.meta.thumbName]))
        throw err
      }
    })
  }

  /** Removes one item: row first, then its encrypted files. */
  async detach(mediaId: string): Promise<{ entryId: string }> {
    const catalogue = await this.open()
    const row = await this.deps.db.selectFrom('diary_media').select(['entry_id', 'object_name', 'thumb_name']).where('id', '=', mediaId).executeTakeFirst()
    if (!row) throw new AppError('NOT_FOUND', 'That photo, video or sound is no longer in the diary.', { mediaId })
    await this.deps.db.deleteFrom('diary_media').where('id', '=', mediaId).execute()
    catalogue.removeMedia(mediaId)
    await this.deps.objects.remove([row.object_name, row.thumb_name])
    return { entryId: row.entry_id }
  }

  /** An item and its encrypted file, opened (header checked), for streaming a range of it. */
  async openOriginal(mediaId: string): Promise<{ media: OpenMedia; file: SealedFile }> {
    const media = await this.find(mediaId)
    const file = await this.deps.vault.use((key) => openSealedFile(this.deps.fs, key, this.deps.objects.pathOf(media.meta.objectName))).catch((err: unknown) => {
      throw namedCorruption(err, media)
    })
    // A chunk that fails its tag mid-stream names the item too, not only "damaged".
    const named: SealedFile = {
      path: file.path,
      plaintextSize: file.plaintextSize,
      createReadStream: (range) => {
        const inner = file.createReadStream(range)
        const out = new PassThrough()
        inner.on('error', (err) => out.destroy(namedCorruption(err, media) as Error))
        out.on('close', () => inner.destroy())
        return inner.pipe(out)
      },
    }
    return { media, file: named }
  }

  /** The decrypted thumbnail (WebP), or NOT_FOUND when the item has none. */
  async thumbnail(mediaId: string): Promise<Buffer> {
    const media = await this.find(mediaId)
    const name = media.meta.thumbName
    if (!name) throw new AppError('NOT_FOUND', `${media.meta.name} has no thumbnail.`, { mediaId })
    return this.deps.vault
      .use(async (key) => openBuffer(key, await this.deps.objects.readSmall(name)))
      .catch((err: unknown) => {
        throw namedCorruption(err, media, 'thumbnail of ')
      })
  }

  async find(mediaId: string): Promise<OpenMedia> {
    const catalogue = await this.open()
    if (catalogue.damagedMedia.has(mediaId)) throw new AppError('CORRUPT', `The details of media item ${mediaId} are damaged and cannot be read.`, { mediaId })
    const media = catalogue.media.get(mediaId)
    if (!media) throw new AppError('NOT_FOUND', 'That photo, video or sound is not in the diary.', { mediaId })
    return media
  }

  private async open(): Promise<DiaryCatalogue> {
    this.deps.vault.requireKey()
    return this.deps.catalogue()
  }

  private async requireEntry(entryId: string): Promise<void> {
    const catalogue = await this.open()
    if (!catalogue.entries.has(entryId)) throw new AppError('NOT_FOUND', 'That diary entry does not exist (it may have been deleted).', { entryId })
  }

  /** Sniffs, encrypts and (for photos) makes the sealed thumbnail; no row yet. */
  private async encrypt(key: VaultKey, entryId: string, source: MediaSource): Promise<PendingMedia> {
    const name = sanitizeName(source.name)
    const type = await detectMediaType(await readHead(this.deps.fs, source.path), name)
    const objectName = this.deps.objects.newName()
    const handle = await this.deps.fs.open(source.path, 'r')
    let plaintextSize: number
    try {
      const stream = source.size === 0 ? emptyStream() : handle.createReadStream({ start: 0, end: source.size - 1, highWaterMark: 1024 * 1024, autoClose: false })
      ;({ plaintextSize } = await encryptToFile(this.deps.fs, key, stream, this.deps.objects.pathOf(objectName)))
    } catch (err) {
      // ENOSPC, EACCES…: say what was being done; the file's name stays out of it (logs).
      throw fromFsError(err, 'encrypt a file into', this.deps.objects.dir)
    } finally {
      await handle.close()
    }
    const durationSeconds = type.kind === 'photo' ? null : await mediaDurationSeconds(this.deps.fs, source.path, type.mime, plaintextSize)
    const meta: MediaMeta = { name, mime: type.mime, kind: type.kind, size: plaintextSize, width: null, height: null, durationSeconds, objectName, thumbName: null }
    if (type.kind === 'photo' && plaintextSize <= MAX_THUMB_SOURCE_BYTES) {
      try {
        Object.assign(meta, await this.makeThumbnail(key, objectName))
      } catch (error) {
        // No thumbnail is no loss: the gallery shows an icon. The name stays out of the log.
        this.deps.logger.warn('no thumbnail for a diary photo', { reason: error instanceof Error ? error.message : String(error) })
      }
    }
    return { id: newDiaryId(), meta }
  }

  /** Decrypts the photo into memory, renders a WebP there and stores it sealed. */
  private async makeThumbnail(key: VaultKey, objectName: string): Promise<Pick<MediaMeta, 'width' | 'height' | 'thumbName'>> {
    const sealed = await openSealedFile(this.deps.fs, key, this.deps.objects.pathOf(objectName))
    const chunks: Buffer[] = []
    for await (const chunk of sealed.createReadStream()) chunks.push(chunk as Buffer)
    const photo = Buffer.concat(chunks)
    const image = sharp(photo, { failOn: 'error' })
    const info = await image.metadata()
    const webp = await image.rotate().resize({ width: DIARY_THUMB_PX, height: DIARY_THUMB_PX, fit: 'inside', withoutEnlargement: true }).webp({ quality: 80 }).toBuffer()
    photo.fill(0)
    const thumbName = this.deps.objects.newName()
    await this.deps.objects.writeSmall(thumbName, await sealBuffer(key, webp))
    webp.fill(0)
    return { width: info.autoOrient?.width ?? info.width ?? null, height: info.autoOrient?.height ?? info.height ?? null, thumbName }
  }

  /** Writes the rows of every new item in one transaction, then shows them in the catalogue. */
  private async commit(key: VaultKey, entryId: string, made: PendingMedia[]): Promise<DiaryMediaDto[]> {
    const catalogue = await this.deps.catalogue()
    if (!catalogue.entries.has(entryId)) throw new AppError('NOT_FOUND', 'The diary entry was deleted while its media were being added.', { entryId })
    const now = this.deps.clock.now()
    await this.deps.db.transaction().execute(async (trx) => {
      for (const [i, m] of made.entries()) {
        await trx
          .insertInto('diary_media')
          .values({ id: m.id, entry_id: entryId, sealed: sealMedia(key, m.id, entryId, m.meta), object_name: m.meta.objectName, thumb_name: m.meta.thumbName, added_at: now + i })
          .execute()
      }
    })
    const opened = made.map((m, i) => ({ id: m.id, entryId, meta: m.meta, addedAt: now + i }))
    for (const media of opened) catalogue.putMedia(media)
    return opened.map(mediaDto)
  }
}

interface PendingMedia {
  id: string
  meta: MediaMeta
}

const emptyStream = (): Readable => Readable.from([])

/** A CORRUPT error that names the item (its name and entry) so the person knows what was hurt. */
export function namedCorruption(err: unknown, media: OpenMedia, part = ''): unknown {
  if (errnoOf(err) === 'ENOENT') err = new AppError('NOT_FOUND', 'missing', undefined, { cause: err })
  if (!isAppError(err)) return err
  if (err.code === 'CORRUPT') {
    return new AppError('CORRUPT', `The ${part}${media.meta.kind} "${media.meta.name}" (media ${media.id} of entry ${media.entryId}) is damaged and cannot be decrypted.`, { mediaId: media.id, entryId: media.entryId }, { cause: err })
  }
  if (err.code === 'NOT_FOUND') {
    return new AppError('CORRUPT', `The encrypted file of the ${part}${media.meta.kind} "${media.meta.name}" (media ${media.id}) is missing from the library folder.`, { mediaId: media.id, entryId: media.entryId }, { cause: err })
  }
  return err
}
