import type { VaultKey } from './crypto/vault-key'

/**
 * Seals a row's text with AES-256-GCM (random 12-byte nonce, subkey HKDF "trove rows v1"),
 * `aad` being the row's identity (e.g. "entry:<id>:body") so a ciphertext moved to another row fails.
 */
export function sealText(key: VaultKey, aad: string, plaintext: string): Buffer {
  void [key, aad, plaintext]
  throw new Error('not implemented yet')
}

/** Opens what sealText sealed with the same `aad`; CORRUPT otherwise. */
export function openText(key: VaultKey, aad: string, sealed: Uint8Array): string {
  void [key, aad, sealed]
  throw new Error('not implemented yet')
}
