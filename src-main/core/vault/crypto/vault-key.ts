import { createHmac } from 'node:crypto'
import { AppError } from '../../common/app-error'

/**
 * The unlocked diary key: a 32-byte master key held privately (never a property, so it is not
 * logged, serialised or sent across the bridge) and its public id.
 */
export interface VaultKey {
  /** Hex of HMAC-SHA256(master, "trove key id") truncated to 16 bytes; stable for a vault. */
  readonly keyId: string
}

interface KeyState {
  master: Buffer
  /** Subkeys derived from the master key, zero-filled with it. */
  derived: Map<string, Buffer>
  destroyed: boolean
}

const states = new WeakMap<VaultKey, KeyState>()

export const MASTER_KEY_BYTES = 32
export const KEY_ID_BYTES = 16

/** Wraps a 32-byte master key (the buffer is taken over, not copied) into a VaultKey. */
export function makeVaultKey(master: Buffer): VaultKey {
  if (master.length !== MASTER_KEY_BYTES) throw new AppError('INTERNAL', 'A master key must be 32 bytes.')
  const keyId = keyIdOf(master)
  const key: VaultKey = Object.freeze({ keyId })
  states.set(key, { master, derived: new Map(), destroyed: false })
  return key
}

/** The 16-byte key id of a master key. */
export function keyIdOf(master: Buffer): string {
  return createHmac('sha256', master).update('trove key id').digest().subarray(0, KEY_ID_BYTES).toString('hex')
}

/** The master key bytes of an unlocked key; VAULT_LOCKED once destroyed. */
export function masterKeyOf(key: VaultKey): Buffer {
  const state = states.get(key)
  if (!state || state.destroyed) throw new AppError('VAULT_LOCKED', 'The diary is locked.')
  return state.master
}

/** A subkey derived once per key and purpose, zero-filled when the key is destroyed. */
export function derivedKey(key: VaultKey, purpose: string, derive: (master: Buffer) => Buffer): Buffer {
  const state = states.get(key)
  if (!state || state.destroyed) throw new AppError('VAULT_LOCKED', 'The diary is locked.')
  let sub = state.derived.get(purpose)
  if (!sub) {
    sub = derive(state.master)
    state.derived.set(purpose, sub)
  }
  return sub
}

/** Zero-fills the master key and every subkey; the key answers VAULT_LOCKED afterwards. */
export function destroyKey(key: VaultKey): void {
  const state = states.get(key)
  if (!state || state.destroyed) return
  state.master.fill(0)
  for (const sub of state.derived.values()) sub.fill(0)
  state.derived.clear()
  state.destroyed = true
}
