import { decodeChunkBase64 } from '../core/uploads/chunk-encoding'
import type { LibraryManager } from '../core/library/library-manager'
import type { DomainHandlers, EventPublisher } from './handlers'

type UploadMethods = 'uploads:begin' | 'uploads:append' | 'uploads:status' | 'uploads:finish' | 'uploads:abort'

export function uploadsHandlers(libraries: LibraryManager, events: EventPublisher): DomainHandlers<UploadMethods> {
  const uploads = () => libraries.require().uploads
  return {
    'uploads:begin': ({ name, size, batchId }) => uploads().begin({ name, size, batchId }),
    'uploads:append': ({ uploadId, offset, dataBase64 }) => uploads().append(uploadId, offset, decodeChunkBase64(dataBase64)),
    'uploads:status': ({ uploadId }) => uploads().status(uploadId),
    'uploads:finish': async ({ uploadId }) => {
      const result = await uploads().finish(uploadId)
      // Uploads are not jobs: say that a file arrived so every open view can show it.
      if (result.fileId !== null && (result.outcome === 'stored' || result.outcome === 'duplicate')) {
        events.publish('files:files-changed', { change: 'added', fileIds: [result.fileId] })
      }
      return result
    },
    'uploads:abort': ({ uploadId }) => uploads().abort(uploadId),
  }
}
