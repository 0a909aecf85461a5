import { hkdfSync } from 'node:crypto'
import type { VaultKey } from './vault-key'
import { derivedKey } from './vault-key'

/** HKDF-SHA256 of the master key for one purpose (the info string names it); 32 bytes. */
export function hkdf32(ikm: Buffer, salt: Uint8Array, info: string): Buffer {
  return Buffer.from(hkdfSync('sha256', ikm, salt, info, 32))
}

/** A per-purpose subkey of the master key (no salt), computed once per unlocked key. */
export function purposeKey(key: VaultKey, info: string): Buffer {
  return derivedKey(key, info, (master) => hkdf32(master, Buffer.alloc(0), info))
}
