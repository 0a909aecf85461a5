import { spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { cp, readdir, readFile, stat, writeFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { realFs } from '../../src-main/core/common/fs-seam'
import type { Logger } from '../../src-main/core/common/logger'
import { canonicalJson } from '../../src-main/core/vault/crypto/key-file-format'
import {
  KEY_FILE_BACKUP_NAME,
  KEY_FILE_NAME,
  changePassphrase,
  createKeyFile,
  destroyKey,
  keyFileHealth,
  unlockWithPassphrase,
  unlockWithRecoveryCode,
  vaultExists,
  type KdfParams,
} from '../../src-main/core/vault/key-file'
import { faultyFs, type FaultRule } from '../support/faulty-fs'
import { useTempDirs } from '../support/temp-dir'

const tempDir = useTempDirs()
/** The lowest cost the bounds accept: tests unlock many times. Production never passes this. */
const kdf: KdfParams = { N: 2 ** 14, r: 8, p: 1 }

async function newVault(passphrase = 'correct horse battery staple') {
  const vaultDir = join(await tempDir(), 'vault')
  const made = await createKeyFile(realFs, vaultDir, passphrase, { kdf })
  return { vaultDir, passphrase, ...made }
}

const mainPath = (dir: string) => join(dir, KEY_FILE_NAME)
const backupPath = (dir: string) => join(dir, KEY_FILE_BACKUP_NAME)

/** Rewrites a key file copy's JSON and gives it a matching checksum (a doctored, not a damaged, file). */
async function doctor(path: string, change: (json: Record<string, any>) => void) {
  const json = JSON.parse(await readFile(path, 'utf8'))
  change(json)
  delete json.checksum
  json.checksum = createHash('sha256').update(canonicalJson(json)).digest('hex')
  await writeFile(path, JSON.stringify(json))
}

/** Flips one character of the wrapped key: the checksum no longer matches. */
async function damage(path: string) {
  const text = await readFile(path, 'utf8')
  const at = text.indexOf('"wrapped"') + 15
  await writeFile(path, text.slice(0, at) + (text[at] === 'A' ? 'B' : 'A') + text.slice(at + 1))
}

const recordingLogger = () => {
  const lines: string[] = []
  const log = (m: string) => void lines.push(m)
  const logger: Logger = { debug: log, info: log, warn: log, error: log }
  return { logger, lines }
}

describe('setting up and unlocking', () => {
  it('at the real scrypt cost: set up, unlock, refuse a wrong passphrase', async () => {
    const vaultDir = join(await tempDir(), 'vault')
    const { key } = await createKeyFile(realFs, vaultDir, 'a real passphrase')
    const file = JSON.parse(await readFile(mainPath(vaultDir), 'utf8'))
    expect(file.slots.passphrase).toMatchObject({ kdf: 'scrypt', N: 2 ** 17, r: 8, p: 1 })
    const again = await unlockWithPassphrase(realFs, vaultDir, 'a real passphrase')
    expect(again.keyId).toBe(key.keyId)
    await expect(unlockWithPassphrase(realFs, vaultDir, 'a real passphrasE')).rejects.toMatchObject({ code: 'BAD_PASSPHRASE' })
  }, 60_000)

  it('writes the key file and its backup copy, private to the user, with no master key in clear', async () => {
    const { vaultDir, key } = await newVault()
    expect((await readdir(vaultDir)).sort()).toEqual([KEY_FILE_NAME, KEY_FILE_BACKUP_NAME])
    expect(await readFile(mainPath(vaultDir), 'utf8')).toBe(await readFile(backupPath(vaultDir), 'utf8'))
    if (process.platform !== 'win32') expect((await stat(mainPath(vaultDir))).mode & 0o077).toBe(0)
    expect(key.keyId).toMatch(/^[0-9a-f]{32}$/)
    expect(JSON.stringify(key)).toBe(JSON.stringify({ keyId: key.keyId }))
    expect(await vaultExists(realFs, vaultDir)).toBe(true)
    expect(await keyFileHealth(realFs, vaultDir)).toEqual({ main: 'ok', backup: 'ok' })
  })

  it('refuses a second setup with VAULT_EXISTS and leaves the key file as it was', async () => {
    const { vaultDir, passphrase } = await newVault()
    const before = await readFile(mainPath(vaultDir))
    await expect(createKeyFile(realFs, vaultDir, 'another', { kdf })).rejects.toMatchObject({ code: 'VAULT_EXISTS' })
    expect((await readFile(mainPath(vaultDir))).equals(before)).toBe(true)
    await unlockWithPassphrase(realFs, vaultDir, passphrase)
  })

  it('answers VAULT_NOT_SET_UP where there is no key file', async () => {
    const vaultDir = join(await tempDir(), 'vault')
    expect(await vaultExists(realFs, vaultDir)).toBe(false)
    await expect(unlockWithPassphrase(realFs, vaultDir, 'x')).rejects.toMatchObject({ code: 'VAULT_NOT_SET_UP' })
    await expect(unlockWithRecoveryCode(realFs, vaultDir, 'x')).rejects.toMatchObject({ code: 'VAULT_NOT_SET_UP' })
  })

  it('takes the passphrase in any Unicode normal form (NFC)', async () => {
    const { vaultDir, key } = await newVault('caf\u00e9 au lait')
    expect((await unlockWithPassphrase(realFs, vaultDir, 'cafe\u0301 au lait')).keyId).toBe(key.keyId)
  })

  it('a destroyed key is zero-filled and answers VAULT_LOCKED', async () => {
    const { vaultDir, key } = await newVault()
    destroyKey(key)
    await expect(changePassphrase(realFs, vaultDir, key, 'new one', { kdf })).rejects.toMatchObject({ code: 'VAULT_LOCKED' })
  })
})

describe('a wrong passphrase, a damaged key file and a doctored one are told apart', () => {
  it('wrong passphrase: BAD_PASSPHRASE', async () => {
    const { vaultDir } = await newVault()
    await expect(unlockWithPassphrase(realFs, vaultDir, 'wrong')).rejects.toMatchObject({ code: 'BAD_PASSPHRASE' })
    await expect(unlockWithPassphrase(realFs, vaultDir, '')).rejects.toMatchObject({ code: 'BAD_PASSPHRASE' })
  })

  it('both copies damaged: CORRUPT, saying to restore the backup key file, even with the right passphrase', async () => {
    const { vaultDir, passphrase } = await newVault()
    await damage(mainPath(vaultDir))
    await damage(backupPath(vaultDir))
    const err = await unlockWithPassphrase(realFs, vaultDir, passphrase).catch((e: unknown) => e)
    expect(err).toMatchObject({ code: 'CORRUPT' })
    expect((err as Error).message).toContain('restore the backup key file')
    expect(await keyFileHealth(realFs, vaultDir)).toEqual({ main: 'damaged', backup: 'damaged' })
  })

  it.each<[string, (path: string) => Promise<void>]>([
    ['cut short', async (p) => writeFile(p, (await readFile(p)).subarray(0, 100))],
    ['emptied', async (p) => writeFile(p, '')],
    ['a field removed', async (p) => doctor(p, (j) => delete j.slots.recovery)],
  ])('both copies %s: CORRUPT', async (_name, spoil) => {
    const { vaultDir, passphrase } = await newVault()
    await spoil(mainPath(vaultDir))
    await spoil(backupPath(vaultDir))
    await expect(unlockWithPassphrase(realFs, vaultDir, passphrase)).rejects.toMatchObject({ code: 'CORRUPT' })
  })

  it('only the main copy damaged or missing: the backup opens, says so, and the main copy is rewritten', async () => {
    for (const spoil of [damage, (p: string) => realFs.rm(p)]) {
      const { vaultDir, passphrase, key } = await newVault()
      await spoil(mainPath(vaultDir))
      const { logger, lines } = recordingLogger()
      expect((await unlockWithPassphrase(realFs, vaultDir, passphrase, { logger })).keyId).toBe(key.keyId)
      expect(lines.join('\n')).toMatch(/keyfile\.json (was missing|was damaged).*rewritten from keyfile\.json\.bak/)
      expect(await readFile(mainPath(vaultDir), 'utf8')).toBe(await readFile(backupPath(vaultDir), 'utf8'))
      await expect(unlockWithPassphrase(realFs, vaultDir, 'wrong')).rejects.toMatchObject({ code: 'BAD_PASSPHRASE' })
    }
  })

  it('a damaged backup copy is rewritten from the main one', async () => {
    const { vaultDir, passphrase } = await newVault()
    await damage(backupPath(vaultDir))
    await unlockWithPassphrase(realFs, vaultDir, passphrase)
    expect(await keyFileHealth(realFs, vaultDir)).toEqual({ main: 'ok', backup: 'ok' })
  })

  it('the wrap is bound to its parameters: changing them (with a fixed checksum) does not open', async () => {
    const { vaultDir, passphrase } = await newVault()
    for (const path of [mainPath(vaultDir), backupPath(vaultDir)]) await doctor(path, (j) => (j.slots.passphrase.r = 9))
    await expect(unlockWithPassphrase(realFs, vaultDir, passphrase)).rejects.toMatchObject({ code: 'BAD_PASSPHRASE' })
  })

  it.each<[string, (slot: Record<string, any>) => void]>([
    ['N = 2^30', (s) => (s.N = 2 ** 30)],
    ['N = 2^21', (s) => (s.N = 2 ** 21)],
    ['N = 2^13', (s) => (s.N = 2 ** 13)],
    ['N not a power of two', (s) => (s.N = 3 * 2 ** 14)],
    ['r = 1000', (s) => (s.r = 1000)],
    ['r = 0', (s) => (s.r = 0)],
    ['p = 64', (s) => (s.p = 64)],
    ['p fractional', (s) => (s.p = 1.5)],
    ['an 8-byte salt', (s) => (s.salt = Buffer.alloc(8).toString('base64'))],
    ['a 1 KiB salt', (s) => (s.salt = Buffer.alloc(1024).toString('base64'))],
  ])('absurd KDF parameters (%s) are CORRUPT in under 50 ms, before any scrypt work', async (_name, change) => {
    const { vaultDir, passphrase } = await newVault()
    for (const path of [mainPath(vaultDir), backupPath(vaultDir)]) await doctor(path, (j) => change(j.slots.passphrase))
    // The quickest of three tries: the machine may be busy, but scrypt at these costs takes seconds.
    const times: number[] = []
    for (let i = 0; i < 3; i++) {
      const started = performance.now()
      await expect(unlockWithPassphrase(realFs, vaultDir, passphrase)).rejects.toMatchObject({ code: 'CORRUPT' })
      times.push(performance.now() - started)
    }
    expect(Math.min(...times)).toBeLessThan(50)
  })
})

describe('the recovery code', () => {
  it('is six groups of five base32 characters and opens whatever the case, spacing or dashes', async () => {
    const { vaultDir, recoveryCode, key } = await newVault()
    expect(recoveryCode).toMatch(/^[A-Z2-7]{5}(-[A-Z2-7]{5}){5}$/)
    const typed = [recoveryCode, recoveryCode.toLowerCase(), recoveryCode.replace(/-/g, ' '), `  ${recoveryCode.replace(/-/g, '')}\n`, recoveryCode.replace(/-/g, ' - ')]
    for (const code of typed) expect((await unlockWithRecoveryCode(realFs, vaultDir, code)).keyId).toBe(key.keyId)
  })

  it('a wrong or malformed code is BAD_PASSPHRASE', async () => {
    const { vaultDir, recoveryCode } = await newVault()
    const wrong = (recoveryCode[0] === 'A' ? 'B' : 'A') + recoveryCode.slice(1)
    await expect(unlockWithRecoveryCode(realFs, vaultDir, wrong)).rejects.toMatchObject({ code: 'BAD_PASSPHRASE' })
    await expect(unlockWithRecoveryCode(realFs, vaultDir, 'ABCDE')).rejects.toMatchObject({ code: 'BAD_PASSPHRASE' })
  })

  it('recovering: unlock with the code, set a new passphrase; the old one stops working, the code keeps working', async () => {
    const { vaultDir, passphrase, recoveryCode, key } = await newVault()
    const recovered = await unlockWithRecoveryCode(realFs, vaultDir, recoveryCode.toLowerCase())
    await changePassphrase(realFs, vaultDir, recovered, 'a brand new passphrase', { kdf })
    expect((await unlockWithPassphrase(realFs, vaultDir, 'a brand new passphrase')).keyId).toBe(key.keyId)
    await expect(unlockWithPassphrase(realFs, vaultDir, passphrase)).rejects.toMatchObject({ code: 'BAD_PASSPHRASE' })
    expect((await unlockWithRecoveryCode(realFs, vaultDir, recoveryCode)).keyId).toBe(key.keyId)
    expect(await readFile(mainPath(vaultDir), 'utf8')).toBe(await readFile(backupPath(vaultDir), 'utf8'))
  })
})

describe('changing the passphrase, interrupted at each step', () => {
  const OLD = 'the old passphrase'
  const NEW = 'the new passphrase'
  const mainTemp = (p: string) => /keyfile\.json\.\d+\.\d+\.tmp$/.test(p)
  const backupTemp = (p: string) => /keyfile\.json\.bak\.\d+\.\d+\.tmp$/.test(p)

  // [step, fault, which passphrases open afterwards]
  const STEPS: Array<[string, FaultRule, { old: boolean; new: boolean }]> = [
    ['before the backup copy is written', { op: 'open', errno: 'EIO', when: backupTemp }, { old: true, new: false }],
    ['while the backup copy is written', { op: 'write', errno: 'ENOSPC', when: backupTemp }, { old: true, new: false }],
    ['before the backup copy is renamed into place', { op: 'rename', errno: 'EIO', when: backupTemp }, { old: true, new: false }],
    ['after the backup copy, before the main file is written', { op: 'open', errno: 'EIO', when: mainTemp }, { old: true, new: true }],
    ['while the main file is written', { op: 'sync', errno: 'EIO', when: mainTemp }, { old: true, new: true }],
    ['before the main file is renamed into place', { op: 'rename', errno: 'EIO', when: mainTemp }, { old: true, new: true }],
    ['after the main file is renamed, before the folder fsync', { op: 'open', errno: 'EIO', when: (p) => p.endsWith('vault'), nth: 2 }, { old: false, new: true }],
  ]

  it.each(STEPS)('%s: the old or the new passphrase opens, never neither', async (_step, fault, opens) => {
    const { vaultDir, key, recoveryCode } = await newVault(OLD)
    await expect(changePassphrase(faultyFs([fault]), vaultDir, key, NEW, { kdf })).rejects.toBeTruthy()
    // Each passphrase is tried on its own copy of the folder: an unlock brings the copies in step.
    const tryUnlock = async (p: string, copy: string) => {
      const dir = join(vaultDir, '..', copy)
      await cp(vaultDir, dir, { recursive: true })
      return unlockWithPassphrase(realFs, dir, p).then((k) => k.keyId, (e: { code: string }) => e.code)
    }
    const [oldResult, newResult] = [await tryUnlock(OLD, 'with-old'), await tryUnlock(NEW, 'with-new')]
    expect({ old: oldResult === key.keyId, new: newResult === key.keyId }).toEqual(opens)
    if (!opens.old) expect(oldResult).toBe('BAD_PASSPHRASE')
    if (!opens.new) expect(newResult).toBe('BAD_PASSPHRASE')
    expect((await unlockWithRecoveryCode(realFs, vaultDir, recoveryCode)).keyId).toBe(key.keyId)
  })

  it('an interrupted change is finished by unlocking with the new passphrase (both copies then agree)', async () => {
    const { vaultDir, key } = await newVault(OLD)
    await expect(changePassphrase(faultyFs([{ op: 'open', errno: 'EIO', when: mainTemp }]), vaultDir, key, NEW, { kdf })).rejects.toBeTruthy()
    await unlockWithPassphrase(realFs, vaultDir, NEW)
    expect(await readFile(mainPath(vaultDir), 'utf8')).toBe(await readFile(backupPath(vaultDir), 'utf8'))
    await expect(unlockWithPassphrase(realFs, vaultDir, OLD)).rejects.toMatchObject({ code: 'BAD_PASSPHRASE' })
  })

  it('an uninterrupted change: the new passphrase opens, the old does not, both copies agree', async () => {
    const { vaultDir, key } = await newVault(OLD)
    await changePassphrase(realFs, vaultDir, key, NEW, { kdf })
    expect((await unlockWithPassphrase(realFs, vaultDir, NEW)).keyId).toBe(key.keyId)
    await expect(unlockWithPassphrase(realFs, vaultDir, OLD)).rejects.toMatchObject({ code: 'BAD_PASSPHRASE' })
    expect(await readFile(mainPath(vaultDir), 'utf8')).toBe(await readFile(backupPath(vaultDir), 'utf8'))
  })
})

describe('changing the passphrase, the process killed (SIGKILL) at each step', () => {
  const OLD = 'the old passphrase'
  const NEW = 'the new passphrase'
  const root = resolve(__dirname, '..', '..')

  /** A child process unlocks with OLD, then changes to NEW through a seam that kills it at `op` on a path matching `pattern`. */
  function changeAndDie(vaultDir: string, op: string, pattern: string, nth: number) {
    const script = `
      import { faultyFs } from ${JSON.stringify(join(root, 'tests/support/faulty-fs.ts'))}
      import { realFs } from ${JSON.stringify(join(root, 'src-main/core/common/fs-seam.ts'))}
      import { changePassphrase, unlockWithPassphrase } from ${JSON.stringify(join(root, 'src-main/core/vault/key-file.ts'))}
      const key = await unlockWithPassphrase(realFs, ${JSON.stringify(vaultDir)}, ${JSON.stringify(OLD)})
      const fs = faultyFs([{ op: ${JSON.stringify(op)}, errno: 'EIO', nth: ${nth}, action: 'kill', when: (p) => new RegExp(${JSON.stringify(pattern)}).test(p) }])
      await changePassphrase(fs, ${JSON.stringify(vaultDir)}, key, ${JSON.stringify(NEW)}, { kdf: { N: 2 ** 14, r: 8, p: 1 } })
      console.log('CHANGED')
    `
    return spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { encoding: 'utf8', timeout: 60_000, cwd: root })
  }

  const STEPS: Array<[string, string, string, number, { old: boolean; new: boolean }]> = [
    ['while the backup copy is written', 'write', 'keyfile\\.json\\.bak\\..*\\.tmp$', 1, { old: true, new: false }],
    ['before the backup copy is renamed into place', 'rename', 'keyfile\\.json\\.bak\\..*\\.tmp$', 1, { old: true, new: false }],
    ['after the backup copy, before the main file is written', 'open', 'keyfile\\.json\\.\\d+\\.\\d+\\.tmp$', 1, { old: true, new: true }],
    ['before the main file is renamed into place', 'rename', 'keyfile\\.json\\.\\d+\\.\\d+\\.tmp$', 1, { old: true, new: true }],
    ['after the main file is renamed, before the folder fsync', 'open', 'vault$', 2, { old: false, new: true }],
  ]

  it.each(STEPS)('%s: the old or the new passphrase opens, never neither', async (_step, op, pattern, nth, opens) => {
    const { vaultDir, key } = await newVault(OLD)
    const child = changeAndDie(vaultDir, op, pattern, nth)
    expect(child.signal, child.stderr).toBe('SIGKILL')
    expect(child.stdout).not.toContain('CHANGED')
    const tryUnlock = async (p: string, copy: string) => {
      const dir = join(vaultDir, '..', copy)
      await cp(vaultDir, dir, { recursive: true })
      return unlockWithPassphrase(realFs, dir, p).then((k) => k.keyId, (e: { code: string }) => e.code)
    }
    const results = { old: await tryUnlock(OLD, 'with-old'), new: await tryUnlock(NEW, 'with-new') }
    expect({ old: results.old === key.keyId, new: results.new === key.keyId }).toEqual(opens)
    // The unlock that worked tidied what the crash left: two agreeing copies and nothing else.
    const opened = join(vaultDir, '..', opens.old ? 'with-old' : 'with-new')
    expect((await readdir(opened)).sort()).toEqual([KEY_FILE_NAME, KEY_FILE_BACKUP_NAME])
    expect(await readFile(mainPath(opened), 'utf8')).toBe(await readFile(backupPath(opened), 'utf8'))
  })
})
