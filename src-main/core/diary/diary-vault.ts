import {
  DIARY_DEFAULT_AUTO_LOCK_MINUTES,
  type DiaryLockReason,
  type DiaryStatusDto,
} from '../../../src-preload/contract/diary'
import { AppError } from '../common/app-error'
import type { Clock } from '../common/clock'
import type { FsSeam } from '../common/fs-seam'
import { KeyedMutex } from '../common/keyed-mutex'
import type { Logger } from '../common/logger'
import {
  changePassphrase,
  createKeyFile,
  destroyKey,
  unlockWithPassphrase,
  unlockWithRecoveryCode,
  vaultExists,
  type KdfParams,
  type VaultKey,
} from '../vault/key-file'

/** Timers the vault schedules its auto-lock with; tests pass a manual one. */
export interface DiaryTimer {
  set(callback: () => void, ms: number): unknown
  clear(handle: unknown): void
}

export const systemTimer: DiaryTimer = {
  set: (callback, ms) => {
    const handle = setTimeout(callback, ms)
    handle.unref?.()
    return handle
  },
  clear: (handle) => clearTimeout(handle as NodeJS.Timeout),
}

export interface DiaryVaultDeps {
  fs: FsSeam
  clock: Clock
  logger: Logger
  vaultDir: string
  timer?: DiaryTimer
  /** Tests only: cheaper scrypt parameters for new key files. */
  kdf?: KdfParams
  autoLockMinutes: number
  /** Stores a new auto-lock setting (in the library's settings). */
  saveAutoLockMinutes(minutes: number): Promise<void>
}

type LockListener = (reason: DiaryLockReason) => void
type UnlockListener = (status: DiaryStatusDto) => void

/**
 * The diary's lock state. Unlocked means a VaultKey is held in memory; `lock()` destroys it
 * (zero-fills the key bytes) and every diary call answers VAULT_LOCKED until the next unlock.
 * Idle for `autoLockMinutes` (no call, no `touch`, no operation running) locks it by itself.
 */
export class DiaryVault {
  private key: VaultKey | null = null
  private deadline: number | null = null
  private timerHandle: unknown = null
  private busy = 0
  private autoLockMinutes: number
  private readonly serial = new KeyedMutex()
  private readonly lockListeners = new Set<LockListener>()
  private readonly unlockListeners = new Set<UnlockListener>()
  private readonly timer: DiaryTimer

  constructor(private readonly deps: DiaryVaultDeps) {
    this.autoLockMinutes = deps.autoLockMinutes || DIARY_DEFAULT_AUTO_LOCK_MINUTES
    this.timer = deps.timer ?? systemTimer
  }

  get unlocked(): boolean {
    this.lockIfIdle()
    return this.key !== null
  }

  async status(): Promise<DiaryStatusDto> {
    const unlocked = this.unlocked
    const setUp = unlocked || (await vaultExists(this.deps.fs, this.deps.vaultDir))
    return { setUp, unlocked, autoLockMinutes: this.autoLockMinutes, lockDeadline: unlocked ? this.deadline : null }
  }

  /** Creates the key file and unlocks; the recovery code is returned once. */
  async setup(passphrase: string): Promise<{ recoveryCode: string }> {
    return this.exclusive(async () => {
      const { key, recoveryCode } = await createKeyFile(this.deps.fs, this.deps.vaultDir, nfc(passphrase), this.deps.kdf ? { kdf: this.deps.kdf } : undefined)
      this.hold(key)
      return { recoveryCode }
    })
  }

  async unlock(passphrase: string): Promise<void> {
    await this.exclusive(async () => {
      const key = await unlockWithPassphrase(this.deps.fs, this.deps.vaultDir, nfc(passphrase))
      this.hold(key)
    })
  }

  /** Unlocks with the recovery code and sets a new passphrase (the old one stops working). */
  async unlockWithRecovery(code: string, newPassphrase: string): Promise<void> {
    await this.exclusive(async () => {
      const key = await unlockWithRecoveryCode(this.deps.fs, this.deps.vaultDir, code)
      try {
        await changePassphrase(this.deps.fs, this.deps.vaultDir, key, nfc(newPassphrase), this.deps.kdf ? { kdf: this.deps.kdf } : undefined)
      } catch (err) {
        destroyKey(key)
        throw err
      }
      this.hold(key)
    })
  }

  /** Checks the old passphrase against the key file, then re-wraps the key under the new one. */
  async changePassphrase(oldPassphrase: string, newPassphrase: string): Promise<void> {
    const key = this.requireKey()
    await this.exclusive(async () => {
      const check = await unlockWithPassphrase(this.deps.fs, this.deps.vaultDir, nfc(oldPassphrase))
      const same = check.keyId === key.keyId
      destroyKey(check)
      if (!same) throw new AppError('BAD_PASSPHRASE', 'That is not the passphrase of this diary.')
      await changePassphrase(this.deps.fs, this.deps.vaultDir, this.requireKey(), nfc(newPassphrase), this.deps.kdf ? { kdf: this.deps.kdf } : undefined)
    })
  }

  async setAutoLock(minutes: number): Promise<void> {
    this.requireKey()
    await this.deps.saveAutoLockMinutes(minutes)
    this.autoLockMinutes = minutes
    // A shorter time must not wait for the timer set for the longer one.
    if (this.timerHandle !== null) this.timer.clear(this.timerHandle)
    this.timerHandle = null
    this.touch()
  }

  /** Forgets the key. Locking a locked diary does nothing (and tells no one). */
  lock(reason: DiaryLockReason): void {
    const key = this.key
    this.key = null
    this.deadline = null
    if (this.timerHandle !== null) this.timer.clear(this.timerHandle)
    this.timerHandle = null
    if (!key) return
    destroyKey(key)
    this.deps.logger.info('diary locked', { reason })
    for (const listener of this.lockListeners) listener(reason)
  }

  /** The key for one operation; VAULT_LOCKED (or VAULT_NOT_SET_UP's cousin) when there is none. */
  requireKey(): VaultKey {
    this.lockIfIdle()
    if (!this.key) throw new AppError('VAULT_LOCKED', 'The diary is locked. Unlock it with your passphrase to continue.')
    this.touch()
    return this.key
  }

  /** Runs an operation with the key; the diary does not lock for idleness while it runs. */
  async use<T>(task: (key: VaultKey) => Promise<T>): Promise<T> {
    const key = this.requireKey()
    this.busy++
    try {
      return await task(key)
    } finally {
      this.busy--
      if (this.key) this.touch()
    }
  }

  /** Activity: postpones the auto-lock. Does nothing while locked. */
  touch(): void {
    if (!this.key) return
    this.deadline = this.deps.clock.now() + this.autoLockMinutes * 60_000
    if (this.timerHandle === null) this.schedule(this.autoLockMinutes * 60_000)
  }

  onLock(listener: LockListener): () => void {
    this.lockListeners.add(listener)
    return () => this.lockListeners.delete(listener)
  }

  onUnlock(listener: UnlockListener): () => void {
    this.unlockListeners.add(listener)
    return () => this.unlockListeners.delete(listener)
  }

  private hold(key: VaultKey): void {
    if (this.key && this.key !== key) destroyKey(this.key)
    this.key = key
    this.touch()
    this.deps.logger.info('diary unlocked')
    const status: DiaryStatusDto = { setUp: true, unlocked: true, autoLockMinutes: this.autoLockMinutes, lockDeadline: this.deadline }
    for (const listener of this.unlockListeners) listener(status)
  }

  private schedule(ms: number): void {
    this.timerHandle = this.timer.set(() => {
      this.timerHandle = null
      if (!this.key || this.deadline === null) return
      const left = this.deadline - this.deps.clock.now()
      if (left <= 0 && this.busy === 0) this.lock('idle')
      else this.schedule(Math.max(left, 1000))
    }, ms)
  }

  /** The deadline passed without the timer firing (a sleeping machine): lock now. */
  private lockIfIdle(): void {
    if (this.key && this.deadline !== null && this.busy === 0 && this.deps.clock.now() >= this.deadline) this.lock('idle')
  }

  private exclusive<T>(task: () => Promise<T>): Promise<T> {
    return this.serial.run('vault', task)
  }
}

/** Passphrases are compared as NFC, so "é" typed either way unlocks. */
const nfc = (text: string) => text.normalize('NFC')
