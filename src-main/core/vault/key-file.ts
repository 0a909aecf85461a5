import type { FsSeam } from '../common/fs-seam'
import type { VaultKey } from './crypto/vault-key'

export type { VaultKey } from './crypto/vault-key'
export { destroyKey } from './crypto/vault-key'

/** scrypt cost parameters as stored in the key file. */
export interface KdfParams {
  N: number
  r: number
  p: number
}

/**
 * Options for tests only: production never passes them (the real parameters are N=2^17, r=8,
 * p=1). A lower N keeps a test suite of many unlocks fast.
 */
export interface KeyFileTestOptions {
  kdf?: KdfParams
}

export const KEY_FILE_NAME = 'keyfile.json'
export const KEY_FILE_BACKUP_NAME = 'keyfile.json.bak'

/** Whether a key file (main or backup) exists in the vault folder. */
export async function vaultExists(fs: FsSeam, vaultDir: string): Promise<boolean> {
  void fs
  void vaultDir
  throw new Error('not implemented yet')
}

/**
 * Creates the vault's key file: a random master key wrapped under the passphrase and under a
 * random recovery code (returned once, to be shown to the person). VAULT_EXISTS if one exists.
 */
export async function createKeyFile(
  fs: FsSeam,
  vaultDir: string,
  passphrase: string,
  options?: KeyFileTestOptions,
): Promise<{ key: VaultKey; recoveryCode: string }> {
  void [fs, vaultDir, passphrase, options]
  throw new Error('not implemented yet')
}

/** BAD_PASSPHRASE if wrong, CORRUPT if the key file is damaged, VAULT_NOT_SET_UP if none. */
export async function unlockWithPassphrase(fs: FsSeam, vaultDir: string, passphrase: string): Promise<VaultKey> {
  void [fs, vaultDir, passphrase]
  throw new Error('not implemented yet')
}

/** Case, spaces and dashes in the code do not matter. BAD_PASSPHRASE if wrong. */
export async function unlockWithRecoveryCode(fs: FsSeam, vaultDir: string, code: string): Promise<VaultKey> {
  void [fs, vaultDir, code]
  throw new Error('not implemented yet')
}

/** Re-wraps the master key under a new passphrase; the recovery wrap is untouched. Crash-safe. */
export async function changePassphrase(
  fs: FsSeam,
  vaultDir: string,
  key: VaultKey,
  newPassphrase: string,
  options?: KeyFileTestOptions,
): Promise<void> {
  void [fs, vaultDir, key, newPassphrase, options]
  throw new Error('not implemented yet')
}
