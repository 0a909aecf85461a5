import { createCipheriv, createDecipheriv, randomBytes, scrypt } from 'node:crypto'
import { AppError } from '../../common/app-error'

/** scrypt cost parameters as stored in the key file. */
export interface KdfParams {
  N: number
  r: number
  p: number
}

/** What production uses: about 0.3 s and 128 MiB per derivation on a laptop. */
export const DEFAULT_KDF: KdfParams = { N: 2 ** 17, r: 8, p: 1 }

/** Bounds a key file's parameters must meet before any scrypt work is done. */
export const KDF_BOUNDS = { minLogN: 14, maxLogN: 20, maxR: 16, maxP: 4, minSalt: 16, maxSalt: 64 } as const

export const WRAP_NONCE_BYTES = 12
export const WRAP_TAG_BYTES = 16
export const KDF_SALT_BYTES = 32

/** Whether scrypt parameters are within bounds (N a power of two in 2^14..2^20, r ≤ 16, p ≤ 4). */
export function kdfParamsInBounds(params: KdfParams, saltBytes: number): boolean {
  const { N, r, p } = params
  const isPowerOfTwo = Number.isSafeInteger(N) && N > 0 && (N & (N - 1)) === 0
  return (
    isPowerOfTwo &&
    N >= 2 ** KDF_BOUNDS.minLogN &&
    N <= 2 ** KDF_BOUNDS.maxLogN &&
    Number.isInteger(r) && r >= 1 && r <= KDF_BOUNDS.maxR &&
    Number.isInteger(p) && p >= 1 && p <= KDF_BOUNDS.maxP &&
    saltBytes >= KDF_BOUNDS.minSalt && saltBytes <= KDF_BOUNDS.maxSalt
  )
}

/** scrypt on the libuv pool (never on the main thread); 32 bytes. */
export function deriveWrappingKey(secret: string, salt: Buffer, params: KdfParams): Promise<Buffer> {
  if (!kdfParamsInBounds(params, salt.length)) {
    return Promise.reject(new AppError('INTERNAL', 'scrypt parameters out of bounds.'))
  }
  const maxmem = 256 * params.N * params.r + 32 * 1024 * 1024
  const input = Buffer.from(secret.normalize('NFC'), 'utf8')
  return new Promise((resolve, reject) => {
    scrypt(input, salt, 32, { N: params.N, r: params.r, p: params.p, maxmem }, (err, derived) => {
      input.fill(0)
      if (err) reject(new AppError('INTERNAL', `Could not derive the key: ${err.message}`, undefined, { cause: err }))
      else resolve(derived)
    })
  })
}

/** Wraps the master key under a derived key: a fresh nonce, ciphertext + tag. */
export function wrapKey(wrappingKey: Buffer, master: Buffer, aad: Buffer): { nonce: Buffer; wrapped: Buffer } {
  const nonce = randomBytes(WRAP_NONCE_BYTES)
  const cipher = createCipheriv('aes-256-gcm', wrappingKey, nonce, { authTagLength: WRAP_TAG_BYTES })
  cipher.setAAD(aad)
  const wrapped = Buffer.concat([cipher.update(master), cipher.final(), cipher.getAuthTag()])
  return { nonce, wrapped }
}

/** The master key, or null when the tag does not check (a wrong passphrase or recovery code). */
export function unwrapKey(wrappingKey: Buffer, nonce: Buffer, wrapped: Buffer, aad: Buffer): Buffer | null {
  const decipher = createDecipheriv('aes-256-gcm', wrappingKey, nonce, { authTagLength: WRAP_TAG_BYTES })
  decipher.setAAD(aad)
  decipher.setAuthTag(wrapped.subarray(wrapped.length - WRAP_TAG_BYTES))
  const master = decipher.update(wrapped.subarray(0, wrapped.length - WRAP_TAG_BYTES))
  try {
    decipher.final()
    return master
  } catch {
    master.fill(0)
    return null
  }
}
