/**
 * Attaching files to a diary entry: by path in the desktop app, otherwise uploaded in chunks
 * under a neutral name (the uploads table is not encrypted) and handed to `diary:attach` with
 * their real names, which are sealed. The uploads are not finished: the diary takes them.
 */
import type { DiaryMediaDto, ErrorDto } from '../../../src-preload/contract'
import { trove } from '../../lib/bridge'
import { call, toErrorDto, TroveCallError } from '../../lib/call'
import { blobToBase64 } from '../../lib/imports/read-chunk'

const NEUTRAL_NAME = 'diary-upload'
const MAX_CORRECTIONS = 10

async function uploadBytes(blob: Blob, onProgress: (sent: number) => void): Promise<string> {
  const upload = await call('uploads:begin', { name: NEUTRAL_NAME, size: blob.size })
  let offset = upload.received
  let corrections = 0
  try {
    while (offset < blob.size) {
      const dataBase64 = await blobToBase64(blob.slice(offset, offset + upload.chunkSize))
      try {
        offset = (await call('uploads:append', { uploadId: upload.uploadId, offset, dataBase64 })).received
        corrections = 0
        onProgress(offset)
      } catch (err) {
        const expected = err instanceof TroveCallError ? err.details?.expectedOffset : undefined
        if (typeof expected !== 'number' || ++corrections > MAX_CORRECTIONS) throw err
        offset = expected
      }
    }
    return upload.uploadId
  } catch (err) {
    await call('uploads:abort', { uploadId: upload.uploadId }).catch(() => undefined)
    throw err
  }
}

export interface AttachProgress {
  sent: number
  total: number
}

/** Attaches all the files or none (on any failure the uploads are dropped and nothing is attached). */
export async function attachDiaryFiles(
  entryId: string,
  files: { blob: Blob; name: string }[],
  onProgress: (p: AttachProgress) => void = () => undefined,
): Promise<DiaryMediaDto[]> {
  const paths = files.map((f) => (f.blob instanceof File ? trove.pathForFile(f.blob) : null))
  if (paths.every((p): p is string => typeof p === 'string' && p.length > 0)) {
    return (await call('diary:attach', { entryId, paths })).media
  }
  const total = files.reduce((n, f) => n + f.blob.size, 0)
  let done = 0
  const uploadIds: string[] = []
  try {
    for (const file of files) {
      uploadIds.push(await uploadBytes(file.blob, (sent) => onProgress({ sent: done + sent, total })))
      done += file.blob.size
    }
    return (await call('diary:attach', { entryId, uploadIds, names: files.map((f) => f.name) })).media
  } catch (err) {
    // A refused attach leaves its uploads in staging: drop them (aborting a taken one does nothing).
    await Promise.all(uploadIds.map((uploadId) => call('uploads:abort', { uploadId }).catch(() => undefined)))
    throw err
  }
}

export function describeAttachError(err: unknown): ErrorDto {
  return toErrorDto(err)
}
