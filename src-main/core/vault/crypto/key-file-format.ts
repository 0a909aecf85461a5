import { createHash } from 'node:crypto'
import { z } from 'zod'
import { KEY_ID_BYTES, MASTER_KEY_BYTES } from './vault-key'
import { WRAP_NONCE_BYTES, WRAP_TAG_BYTES, kdfParamsInBounds, type KdfParams } from './key-wrap'

/**
 * `vault/keyfile.json`, version 1:
 *
 *   { "format": "trove-diary-key", "version": 1, "keyId": hex,
 *     "slots": { "passphrase": Slot, "recovery": Slot },
 *     "checksum": hex SHA-256 of the canonical JSON of everything else }
 *   Slot = { "kdf": "scrypt", "N", "r", "p", "salt": base64, "nonce": base64, "wrapped": base64 }
 *
 * `wrapped` is the master key sealed with AES-256-GCM under scrypt(secret, salt, N, r, p); the
 * associated data is the canonical JSON of the format, version, key id, slot name and KDF
 * parameters, so none of them can be changed without the unwrap failing. The checksum tells a
 * damaged file (CORRUPT) from a wrong passphrase (BAD_PASSPHRASE): it is not a secret MAC, and
 * the parameters are bounded before any work so a doctored file cannot make scrypt run for hours.
 */
export const KEY_FILE_FORMAT = 'trove-diary-key'
export const KEY_FILE_VERSION = 1
export const MAX_KEY_FILE_BYTES = 64 * 1024

export type SlotName = 'passphrase' | 'recovery'

export interface KeySlot extends KdfParams {
  kdf: 'scrypt'
  salt: Buffer
  nonce: Buffer
  wrapped: Buffer
}

export interface KeyFileBody {
  keyId: string
  slots: Record<SlotName, KeySlot>
}

const base64 = z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/)
const slotSchema = z.object({
  kdf: z.literal('scrypt'),
  N: z.number(),
  r: z.number(),
  p: z.number(),
  salt: base64,
  nonce: base64,
  wrapped: base64,
})
const fileSchema = z.object({
  format: z.literal(KEY_FILE_FORMAT),
  version: z.literal(KEY_FILE_VERSION),
  keyId: z.string().regex(new RegExp(`^[0-9a-f]{${KEY_ID_BYTES * 2}}$`)),
  slots: z.object({ passphrase: slotSchema, recovery: slotSchema }),
  checksum: z.string().regex(/^[0-9a-f]{64}$/),
})

/** JSON with object keys sorted at every level: the same body always gives the same bytes. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`
  }
  return JSON.stringify(value)
}

const slotJson = (slot: KeySlot) => ({
  kdf: slot.kdf,
  N: slot.N,
  r: slot.r,
  p: slot.p,
  salt: slot.salt.toString('base64'),
  nonce: slot.nonce.toString('base64'),
  wrapped: slot.wrapped.toString('base64'),
})

const bodyJson = (body: KeyFileBody) => ({
  format: KEY_FILE_FORMAT,
  version: KEY_FILE_VERSION,
  keyId: body.keyId,
  slots: { passphrase: slotJson(body.slots.passphrase), recovery: slotJson(body.slots.recovery) },
})

const checksumOf = (json: unknown) => createHash('sha256').update(canonicalJson(json)).digest('hex')

/** The associated data of a slot's wrap: what the wrap is bound to besides the secret. */
export function slotAad(keyId: string, slot: SlotName, salt: Buffer, params: KdfParams): Buffer {
  return Buffer.from(
    canonicalJson({ format: KEY_FILE_FORMAT, version: KEY_FILE_VERSION, keyId, slot, kdf: 'scrypt', N: params.N, r: params.r, p: params.p, salt: salt.toString('base64') }),
  )
}

/** The file's bytes: pretty JSON (people may look at it), checksum last. */
export function serialiseKeyFile(body: KeyFileBody): Buffer {
  const json = bodyJson(body)
  return Buffer.from(`${JSON.stringify({ ...json, checksum: checksumOf(json) }, null, 2)}\n`)
}

/** The body of a key file, or why it is damaged. Bounds are checked here, before any KDF work. */
export function parseKeyFile(bytes: Buffer): { body: KeyFileBody } | { damaged: string } {
  if (bytes.length > MAX_KEY_FILE_BYTES) return { damaged: 'too large' }
  let raw: unknown
  try {
    raw = JSON.parse(bytes.toString('utf8'))
  } catch {
    return { damaged: 'not JSON' }
  }
  const parsed = fileSchema.safeParse(raw)
  if (!parsed.success) return { damaged: 'unexpected shape' }
  const { checksum, ...json } = parsed.data
  if (checksumOf(json) !== checksum) return { damaged: 'checksum mismatch' }
  const slots = {} as Record<SlotName, KeySlot>
  for (const name of ['passphrase', 'recovery'] as const) {
    const s = json.slots[name]
    const slot: KeySlot = { kdf: 'scrypt', N: s.N, r: s.r, p: s.p, salt: Buffer.from(s.salt, 'base64'), nonce: Buffer.from(s.nonce, 'base64'), wrapped: Buffer.from(s.wrapped, 'base64') }
    if (!kdfParamsInBounds(slot, slot.salt.length)) return { damaged: `${name} KDF parameters out of bounds` }
    if (slot.nonce.length !== WRAP_NONCE_BYTES || slot.wrapped.length !== MASTER_KEY_BYTES + WRAP_TAG_BYTES) {
      return { damaged: `${name} wrap has the wrong size` }
    }
    slots[name] = slot
  }
  return { body: { keyId: json.keyId, slots } }
}

/** Whether two bodies would unwrap the same way for a slot (same KDF input and wrap). */
export function sameSlot(a: KeySlot, b: KeySlot): boolean {
  return a.N === b.N && a.r === b.r && a.p === b.p && a.salt.equals(b.salt) && a.nonce.equals(b.nonce) && a.wrapped.equals(b.wrapped)
}
