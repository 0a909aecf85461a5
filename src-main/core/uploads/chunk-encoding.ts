import { UPLOAD_CHUNK_BASE64_CHARS, UPLOAD_CHUNK_BYTES } from '../../../src-preload/contract/uploads'
import { AppError } from '../common/app-error'

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/

/**
 * Decodes the `dataBase64` of an `uploads:append` (JSON transports), strictly: standard
 * alphabet, padded, nothing else (Node's decoder would silently skip stray characters and
 * store the wrong bytes). Longer than one chunk → TOO_LARGE before any decoding.
 */
export function decodeChunkBase64(text: string): Uint8Array {
  if (text.length > UPLOAD_CHUNK_BASE64_CHARS) {
    throw new AppError('TOO_LARGE', `A chunk may hold at most ${UPLOAD_CHUNK_BYTES} bytes (1 MiB); this one is about ${Math.floor((text.length * 3) / 4)}. Send it in smaller chunks.`, { limit: UPLOAD_CHUNK_BYTES })
  }
  if (text.length % 4 !== 0 || !BASE64.test(text)) {
    throw new AppError('INVALID_INPUT', 'dataBase64 is not valid base64 (standard alphabet with padding, no line breaks).')
  }
  return Buffer.from(text, 'base64')
}
