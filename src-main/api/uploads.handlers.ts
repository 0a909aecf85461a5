import { decodeChunkBase64 } from '../core/uploads/chunk-encoding'
import type { LibraryManager } from '../core/library/library-manager'
import type { DomainHandlers } from './handlers'

type UploadMethods = 'uploads:begin' | 'uploads:append' | 'uploads:status' | 'uploads:finish' | 'uploads:abort'

export function uploadsHandlers(libraries: LibraryManager): DomainHandlers<UploadMethods> {
  const uploads = () => libraries.require().uploads
  return {
    'uploads:begin': ({ name, size, batchId }) => uploads().begin({ name, size, batchId }),
    'uploads:append': ({ uploadId, offset, dataBase64 }) => uploads().append(uploadId, offset, decodeChunkBase64(dataBase64)),
    'uploads:status': ({ uploadId }) => uploads().status(uploadId),
    'uploads:finish': ({ uploadId }) => uploads().finish(uploadId),
    'uploads:abort': ({ uploadId }) => uploads().abort(uploadId),
  }
}
