import { randomBytes } from 'node:crypto'
import { join } from 'node:path'
import { AppError, errnoOf, fromFsError } from '../common/app-error'
import { writeFileAtomic, type FsSeam } from '../common/fs-seam'
import type { Logger } from '../common/logger'
import {
  MAX_KEY_FILE_BYTES,
  parseKeyFile,
  sameSlot,
  serialiseKeyFile,
  slotAad,
  type KeyFileBody,
  type KeySlot,
  type SlotName,
} from './crypto/key-file-format'
import { DEFAULT_KDF, KDF_SALT_BYTES, deriveWrappingKey, unwrapKey, wrapKey, type KdfParams } from './crypto/key-wrap'
import { newRecoveryCode, normaliseRecoveryCode } from './crypto/recovery-code'
import { keyIdOf, makeVaultKey, masterKeyOf, MASTER_KEY_BYTES, type VaultKey } from './crypto/vault-key'

export type { VaultKey } from './crypto/vault-key'
export { destroyKey } from './crypto/vault-key'
export type { KdfParams } from './crypto/key-wrap'

/**
 * Options for tests only: production never passes `kdf` (the real parameters are N=2^17, r=8,
 * p=1). A lower N keeps a test suite of many unlocks fast.
 */
export interface KeyFileTestOptions {
  kdf?: KdfParams
}

export interface UnlockOptions {
  /** Told when a key file copy was damaged, missing or out of step, and what was done about it. */
  logger?: Logger
}

export const KEY_FILE_NAME = 'keyfile.json'
export const KEY_FILE_BACKUP_NAME = 'keyfile.json.bak'
const MAX_PASSPHRASE_CHARS = 4096

type CopyState = { status: 'ok'; body: KeyFileBody; bytes: Buffer } | { status: 'missing' } | { status: 'damaged'; reason: string }
interface Copies {
  main: CopyState
  backup: CopyState
}

const damagedKeyFile = () =>
  new AppError(
    'CORRUPT',
    'The diary\u2019s key file (vault/keyfile.json) and its backup copy are damaged, so the diary cannot be opened; restore the backup key file from a backup of the library.',
  )
const notSetUp = () => new AppError('VAULT_NOT_SET_UP', 'The diary has not been set up in this library yet.')

/** Whether a key file (main or backup) exists in the vault folder. */
export async function vaultExists(fs: FsSeam, vaultDir: string): Promise<boolean> {
  const copies = await Promise.all([KEY_FILE_NAME, KEY_FILE_BACKUP_NAME].map((name) => exists(fs, join(vaultDir, name))))
  return copies.some(Boolean)
}

/** How each copy of the key file looks, without any key derivation (for `diary verify`). */
export async function keyFileHealth(fs: FsSeam, vaultDir: string): Promise<{ main: CopyState['status']; backup: CopyState['status'] }> {
  const copies = await readCopies(fs, vaultDir)
  return { main: copies.main.status, backup: copies.backup.status }
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
  checkPassphrase(passphrase)
  if (await vaultExists(fs, vaultDir)) throw new AppError('VAULT_EXISTS', 'The diary is already set up in this library.')
  const params = options?.kdf ?? DEFAULT_KDF
  const master = randomBytes(MASTER_KEY_BYTES)
  const keyId = keyIdOf(master)
  const recoveryCode = newRecoveryCode()
  const [passSlot, recoverySlot] = await Promise.all([
    makeSlot(keyId, 'passphrase', passphrase, master, params),
    makeSlot(keyId, 'recovery', normaliseRecoveryCode(recoveryCode)!, master, params),
  ])
  const bytes = serialiseKeyFile({ keyId, slots: { passphrase: passSlot, recovery: recoverySlot } })
  try {
    await fs.mkdir(vaultDir, { recursive: true })
    await writeFileAtomic(fs, join(vaultDir, KEY_FILE_BACKUP_NAME), bytes)
    await writeFileAtomic(fs, join(vaultDir, KEY_FILE_NAME), bytes)
  } catch (err) {
    master.fill(0)
    throw fromFsError(err, 'write the diary key file in', vaultDir)
  }
  return { key: makeVaultKey(master), recoveryCode }
}

/** BAD_PASSPHRASE if wrong, CORRUPT if the key file is damaged, VAULT_NOT_SET_UP if none. */
export async function unlockWithPassphrase(fs: FsSeam, vaultDir: string, passphrase: string, options?: UnlockOptions): Promise<VaultKey> {
  return unlock(fs, vaultDir, 'passphrase', passphrase, options)
}

/** Case, spaces and dashes in the code do not matter. BAD_PASSPHRASE if wrong. */
export async function unlockWithRecoveryCode(fs: FsSeam, vaultDir: string, code: string, options?: UnlockOptions): Promise<VaultKey> {
  const normalised = normaliseRecoveryCode(code)
  if (!normalised) {
    const copies = await readCopies(fs, vaultDir)
    if (copies.main.status === 'missing' && copies.backup.status === 'missing') throw notSetUp()
    throw new AppError('BAD_PASSPHRASE', 'That recovery code is not right: it has 30 letters and digits, in six groups of five.')
  }
  return unlock(fs, vaultDir, 'recovery', normalised, options)
}

/**
 * Re-wraps the master key under a new passphrase; the recovery wrap is untouched. The backup
 * copy is written first, then the main one, each atomically: a crash at any point leaves the
 * old or the new passphrase working (unlock tries both copies).
 */
export async function changePassphrase(
  fs: FsSeam,
  vaultDir: string,
  key: VaultKey,
  newPassphrase: string,
  options?: KeyFileTestOptions,
): Promise<void> {
  checkPassphrase(newPassphrase)
  const master = masterKeyOf(key)
  const copies = await readCopies(fs, vaultDir)
  const current = [copies.main, copies.backup].find((c) => c.status === 'ok' && c.body.keyId === key.keyId)
  if (!current || current.status !== 'ok') {
    if (copies.main.status === 'missing' && copies.backup.status === 'missing') throw notSetUp()
    throw damagedKeyFile()
  }
  const passSlot = await makeSlot(key.keyId, 'passphrase', newPassphrase, master, options?.kdf ?? DEFAULT_KDF)
  const bytes = serialiseKeyFile({ keyId: key.keyId, slots: { passphrase: passSlot, recovery: current.body.slots.recovery } })
  try {
    await writeFileAtomic(fs, join(vaultDir, KEY_FILE_BACKUP_NAME), bytes)
    await writeFileAtomic(fs, join(vaultDir, KEY_FILE_NAME), bytes)
  } catch (err) {
    throw fromFsError(err, 'write the diary key file in', vaultDir)
  }
}

async function unlock(fs: FsSeam, vaultDir: string, slotName: SlotName, secret: string, options?: UnlockOptions): Promise<VaultKey> {
  const copies = await readCopies(fs, vaultDir)
  const { main, backup } = copies
  if (main.status === 'missing' && backup.status === 'missing') throw notSetUp()
  const candidates: Array<{ name: 'main' | 'backup'; body: KeyFileBody; bytes: Buffer }> = []
  if (main.status === 'ok') candidates.push({ name: 'main', body: main.body, bytes: main.bytes })
  if (backup.status === 'ok' && !(main.status === 'ok' && sameSlot(main.body.slots[slotName], backup.body.slots[slotName]))) {
    candidates.push({ name: 'backup', body: backup.body, bytes: backup.bytes })
  }
  if (candidates.length === 0) throw damagedKeyFile()
  for (const candidate of candidates) {
    const master = await openSlot(candidate.body.keyId, slotName, candidate.body.slots[slotName], secret)
    if (!master) continue
    await bringCopiesInStep(fs, vaultDir, copies, candidate, options?.logger)
    return makeVaultKey(master)
  }
  throw new AppError('BAD_PASSPHRASE', slotName === 'recovery' ? 'That recovery code is not right.' : 'That passphrase is not right.')
}

/**
 * After an unlock, the copy that opened is written over the other if they differ: a damaged or
 * missing copy is repaired, and a passphrase change a crash interrupted is finished (the new
 * passphrase opened the backup) or undone (the old one opened the main file). A failure to
 * write is reported, not fatal: the diary is open.
 */
async function bringCopiesInStep(
  fs: FsSeam,
  vaultDir: string,
  copies: Copies,
  opened: { name: 'main' | 'backup'; bytes: Buffer },
  logger: Logger | undefined,
): Promise<void> {
  await removeLeftoverTemps(fs, vaultDir, logger)
  const otherName = opened.name === 'main' ? 'backup' : 'main'
  const other = copies[otherName]
  if (other.status === 'ok' && other.bytes.equals(opened.bytes)) return
  const why = other.status === 'ok' ? 'was out of step (an interrupted passphrase change)' : `was ${other.status === 'missing' ? 'missing' : `damaged (${other.reason})`}`
  const file = otherName === 'main' ? KEY_FILE_NAME : KEY_FILE_BACKUP_NAME
  try {
    await writeFileAtomic(fs, join(vaultDir, file), opened.bytes)
    logger?.warn(`The diary key file copy ${file} ${why}; it was rewritten from ${opened.name === 'main' ? KEY_FILE_NAME : KEY_FILE_BACKUP_NAME}.`, { vaultDir })
  } catch (err) {
    logger?.error(`The diary key file copy ${file} ${why} and could not be rewritten.`, { vaultDir, errno: errnoOf(err) })
  }
}

/** Temp files of key file writes a crash cut short (they hold wrapped keys only, never a key). */
const LEFTOVER_TEMP = /^keyfile\.json(\.bak)?\.\d+\.\d+\.tmp$/

async function removeLeftoverTemps(fs: FsSeam, vaultDir: string, logger: Logger | undefined): Promise<void> {
  try {
    for (const name of await fs.readdir(vaultDir)) {
      if (LEFTOVER_TEMP.test(name)) await fs.rm(join(vaultDir, name), { force: true })
    }
  } catch (err) {
    logger?.warn('Could not tidy leftover key file temp files.', { vaultDir, errno: errnoOf(err) })
  }
}

async function makeSlot(keyId: string, slot: SlotName, secret: string, master: Buffer, params: KdfParams): Promise<KeySlot> {
  const salt = randomBytes(KDF_SALT_BYTES)
  const wrappingKey = await deriveWrappingKey(secret, salt, params)
  try {
    const { nonce, wrapped } = wrapKey(wrappingKey, master, slotAad(keyId, slot, salt, params))
    return { kdf: 'scrypt', ...pickParams(params), salt, nonce, wrapped }
  } finally {
    wrappingKey.fill(0)
  }
}

/** The master key if `secret` opens the slot, null if it does not; CORRUPT if it opens to a different key. */
async function openSlot(keyId: string, name: SlotName, slot: KeySlot, secret: string): Promise<Buffer | null> {
  const wrappingKey = await deriveWrappingKey(secret, slot.salt, slot)
  try {
    const master = unwrapKey(wrappingKey, slot.nonce, slot.wrapped, slotAad(keyId, name, slot.salt, slot))
    if (master && keyIdOf(master) !== keyId) {
      master.fill(0)
      throw damagedKeyFile()
    }
    return master
  } finally {
    wrappingKey.fill(0)
  }
}

async function readCopies(fs: FsSeam, vaultDir: string): Promise<Copies> {
  const [main, backup] = await Promise.all([readCopy(fs, join(vaultDir, KEY_FILE_NAME)), readCopy(fs, join(vaultDir, KEY_FILE_BACKUP_NAME))])
  return { main, backup }
}

async function readCopy(fs: FsSeam, path: string): Promise<CopyState> {
  let bytes: Buffer
  try {
    const stat = await fs.stat(path)
    if (!stat.isFile()) return { status: 'damaged', reason: 'not a file' }
    if (stat.size > MAX_KEY_FILE_BYTES) return { status: 'damaged', reason: 'too large' }
    bytes = await fs.readFile(path)
  } catch (err) {
    if (errnoOf(err) === 'ENOENT') return { status: 'missing' }
    throw fromFsError(err, 'read the diary key file', path)
  }
  const parsed = parseKeyFile(bytes)
  return 'body' in parsed ? { status: 'ok', body: parsed.body, bytes } : { status: 'damaged', reason: parsed.damaged }
}

async function exists(fs: FsSeam, path: string): Promise<boolean> {
  try {
    await fs.lstat(path)
    return true
  } catch (err) {
    if (errnoOf(err) === 'ENOENT') return false
    throw fromFsError(err, 'look for the diary key file', path)
  }
}

function checkPassphrase(passphrase: string): void {
  if (passphrase.length === 0) throw new AppError('INVALID_INPUT', 'The passphrase cannot be empty.')
  if (passphrase.length > MAX_PASSPHRASE_CHARS) throw new AppError('INVALID_INPUT', `The passphrase is longer than ${MAX_PASSPHRASE_CHARS} characters.`)
}

const pickParams = ({ N, r, p }: KdfParams): KdfParams => ({ N, r, p })
