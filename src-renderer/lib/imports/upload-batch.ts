/**
 * Uploads the files of one drop: at most three at a time, each file's chunks in order; keeps
 * dropped folders as collections; puts what was stored (or already there) into the target
 * collection once the files are in. Reports each file's progress and outcome as it goes.
 */
import { call, toErrorDto } from '../call'
import type { DroppedFile } from './dropped-files'
import { FolderCollections } from './folder-collections'
import { outcomeOfUpload } from './summary'
import type { FileOutcome, ImportTarget, UploadItem } from './types'
import { uploadFile } from './upload-file'

const PARALLEL_UPLOADS = 3
const MAX_IDS_PER_CALL = 10_000

export const PASTED_NAME = 'Pasted image.png'
export const nameOf = (file: File) => file.name || PASTED_NAME

export const cancelledOutcome = (name: string, size: number): FileOutcome => ({
  name, outcome: 'failed', reasonCode: 'CANCELLED', reasonMessage: 'Not imported: the upload was cancelled.', size, fileId: null,
})

export interface UploadBatchOptions {
  files: readonly DroppedFile[]
  keys: readonly string[]
  batchId: string
  target: ImportTarget | null
  /** Cancels the whole drop. */
  signal: AbortSignal
  /** Cancels one file. */
  itemSignal: (key: string) => AbortSignal
  update: (key: string, patch: Partial<UploadItem>) => void
}

/** Runs the uploads; answers with notes about what could not be done beside the files. */
export async function runUploadBatch(options: UploadBatchOptions): Promise<string[]> {
  const { files, keys, batchId, target, update } = options
  const folders = new FolderCollections(target?.collectionId ?? null)
  const members = new Map<number, number[]>()
  const notes: string[] = []
  let next = 0

  const placeInCollection = async (fileId: number, path: readonly string[]) => {
    const collectionId = await folders.idFor(path)
    if (collectionId === null) return
    members.set(collectionId, [...(members.get(collectionId) ?? []), fileId])
  }

  const worker = async () => {
    for (let index = next++; index < files.length; index = next++) {
      const { file, folders: path } = files[index]!
      const key = keys[index]!
      const name = nameOf(file)
      const signal = AbortSignal.any([options.signal, options.itemSignal(key)])
      if (signal.aborted) {
        update(key, { state: 'cancelled', outcome: cancelledOutcome(name, file.size) })
        continue
      }
      update(key, { state: 'uploading' })
      const result = await uploadFile(file, {
        name,
        batchId,
        signal,
        onProgress: (received, phase) => update(key, { received, state: phase }),
        onResumed: (from) => update(key, { resumedFrom: from }),
      })
      if (result.kind === 'outcome') {
        const outcome = outcomeOfUpload(result.outcome, name)
        if (outcome.fileId !== null && (outcome.outcome === 'stored' || outcome.outcome === 'duplicate')) {
          await placeInCollection(outcome.fileId, path)
        }
        update(key, { state: 'done', received: file.size, outcome, retryUploadId: result.outcome.retryable ? result.outcome.uploadId : null })
      } else if (result.kind === 'refused') {
        const { code, message } = result.error
        update(key, { state: 'done', outcome: { name, outcome: 'rejected', reasonCode: code, reasonMessage: message, size: file.size, fileId: null } })
      } else if (result.kind === 'error') {
        const { code, message } = result.error
        update(key, { state: 'done', error: result.error, outcome: { name, outcome: 'failed', reasonCode: code, reasonMessage: message, size: file.size, fileId: null } })
      } else {
        update(key, { state: 'cancelled', outcome: cancelledOutcome(name, file.size) })
      }
    }
  }
  await Promise.all(Array.from({ length: Math.min(PARALLEL_UPLOADS, files.length) }, worker))

  for (const [collectionId, fileIds] of members) {
    for (let i = 0; i < fileIds.length; i += MAX_IDS_PER_CALL) {
      try {
        await call('collections:add-files', { id: collectionId, fileIds: fileIds.slice(i, i + MAX_IDS_PER_CALL) })
      } catch (err) {
        const error = toErrorDto(err)
        notes.push(`Some files could not be put into their collection: ${error.message}`)
      }
    }
  }
  return [...notes, ...folders.problems]
}
