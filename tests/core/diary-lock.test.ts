import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { methods, type InputOf, type MethodName } from '../../src-preload/contract'
import { useDiaryApps } from '../support/diary'

type DiaryMethod = Extract<MethodName, `diary:${string}`>

const ENTRY = 'a'.repeat(32)
/** A valid input for every diary method: a new method without one is a compile error here. */
const SAMPLES: { [M in DiaryMethod]: InputOf<M> } = {
  'diary:status': {},
  'diary:setup': { passphrase: 'correct horse battery' },
  'diary:unlock': { passphrase: 'correct horse battery' },
  'diary:unlock-with-recovery': { recoveryCode: 'ABCD-EFGH', newPassphrase: 'another passphrase' },
  'diary:lock': {},
  'diary:touch': {},
  'diary:change-passphrase': { oldPassphrase: 'correct horse battery', newPassphrase: 'another passphrase' },
  'diary:set-auto-lock': { minutes: 5 },
  'diary:list': {},
  'diary:calendar': { month: '2026-01' },
  'diary:get': { id: ENTRY },
  'diary:save': { date: '2026-01-01', title: 'A title', body: 'A body' },
  'diary:delete': { id: ENTRY },
  'diary:attach': { entryId: ENTRY, paths: ['/tmp/photo.jpg'] },
  'diary:detach': { mediaId: ENTRY },
  'diary:search': { query: 'walk' },
  'diary:verify': {},
}
/** What may be called while locked: they reveal nothing of the diary or open it. */
const ALLOWED_WHILE_LOCKED = new Set<DiaryMethod>(['diary:status', 'diary:setup', 'diary:unlock', 'diary:unlock-with-recovery', 'diary:lock'])

const diaryMethods = Object.keys(methods).filter((m): m is DiaryMethod => m.startsWith('diary:'))
const PASS = 'correct horse battery'

describe('diary lock', () => {
  const open = useDiaryApps()

  it('has a sample input for every diary method of the contract', () => {
    expect(diaryMethods.sort()).toEqual(Object.keys(SAMPLES).sort())
  })

  it('refuses every diary call with VAULT_LOCKED while locked, before setup and after a lock', async () => {
    const d = await open()
    const refusals = async () => {
      const answers: Record<string, string> = {}
      for (const method of diaryMethods.filter((m) => !ALLOWED_WHILE_LOCKED.has(m))) {
        const result = await d.call(method, SAMPLES[method] as never)
        answers[method] = result.ok ? 'ok' : result.error.code
      }
      return answers
    }
    const allLocked = Object.fromEntries(diaryMethods.filter((m) => !ALLOWED_WHILE_LOCKED.has(m)).map((m) => [m, 'VAULT_LOCKED']))
    expect(await refusals()).toEqual(allLocked)
    expect(await d.ok('diary:status', {})).toMatchObject({ setUp: false, unlocked: false, lockDeadline: null })
    expect(await d.call('diary:unlock', { passphrase: PASS })).toMatchObject({ ok: false, error: { code: 'VAULT_NOT_SET_UP' } })

    const { recoveryCode } = await d.ok('diary:setup', { passphrase: PASS })
    expect(recoveryCode.length).toBeGreaterThan(10)
    const entry = await d.ok('diary:save', { date: '2026-01-02', title: 'Unlocked', body: 'Written while unlocked' })
    expect((await d.ok('diary:list', {})).entries.map((e) => e.id)).toEqual([entry.id])

    await d.ok('diary:lock', {})
    expect(await refusals()).toEqual(allLocked)
    expect(await d.call('diary:get', { id: entry.id })).toMatchObject({ ok: false, error: { code: 'VAULT_LOCKED' } })
    expect(await d.ok('diary:status', {})).toEqual({ setUp: true, unlocked: false, autoLockMinutes: 10, lockDeadline: null })
    expect(d.events.map((e) => e.event)).toEqual(['diary:unlocked', 'diary:changed', 'diary:locked'])
    expect(d.events[2]!.payload).toEqual({ reason: 'manual' })

    expect(await d.call('diary:unlock', { passphrase: 'wrong passphrase' })).toMatchObject({ ok: false, error: { code: 'BAD_PASSPHRASE' } })
    await d.ok('diary:unlock', { passphrase: PASS })
    expect((await d.ok('diary:get', { id: entry.id })).body).toBe('Written while unlocked')
  })

  it('locks by itself after the idle time, and activity postpones it', async () => {
    const d = await open()
    await d.ok('diary:setup', { passphrase: PASS })
    await d.ok('diary:set-auto-lock', { minutes: 5 })
    d.clock.advance(4 * 60_000)
    d.timer.fireDue()
    await d.ok('diary:list', {}) // activity at 4 min: the deadline moves to 9 min
    d.clock.advance(4 * 60_000)
    d.timer.fireDue()
    expect((await d.ok('diary:status', {})).unlocked).toBe(true)
    d.clock.advance(60_000 + 1)
    d.timer.fireDue()
    expect(d.events.at(-1)).toEqual({ event: 'diary:locked', payload: { reason: 'idle' } })
    expect(await d.ok('diary:status', {})).toMatchObject({ unlocked: false, autoLockMinutes: 5 })
    expect(await d.call('diary:list', {})).toMatchObject({ ok: false, error: { code: 'VAULT_LOCKED' } })
  })

  it('locks at the next call when the deadline passed without the timer firing (a sleeping machine)', async () => {
    const d = await open()
    await d.ok('diary:setup', { passphrase: PASS })
    d.clock.advance(10 * 60_000)
    expect(await d.call('diary:search', { query: 'x' })).toMatchObject({ ok: false, error: { code: 'VAULT_LOCKED' } })
    expect(d.events.at(-1)).toEqual({ event: 'diary:locked', payload: { reason: 'idle' } })
  })

  it('keeps the auto-lock setting with the library, and locks when the library closes', async () => {
    const d = await open()
    await d.ok('diary:setup', { passphrase: PASS })
    await d.ok('diary:set-auto-lock', { minutes: 42 })
    await d.app.libraries.open(d.root, { remember: false })
    expect(d.events.at(-1)).toEqual({ event: 'diary:locked', payload: { reason: 'library-closed' } })
    expect(await d.ok('diary:status', {})).toMatchObject({ setUp: true, unlocked: false, autoLockMinutes: 42 })
  })

  it('unlocks with the recovery code and a new passphrase; the old passphrase stops working', async () => {
    const d = await open()
    const { recoveryCode } = await d.ok('diary:setup', { passphrase: PASS })
    await d.ok('diary:lock', {})
    expect(await d.call('diary:unlock-with-recovery', { recoveryCode: 'WRONG-CODE-0000', newPassphrase: 'a new passphrase' })).toMatchObject({ ok: false, error: { code: 'BAD_PASSPHRASE' } })
    await d.ok('diary:unlock-with-recovery', { recoveryCode: recoveryCode.toLowerCase(), newPassphrase: 'a new passphrase' })
    await d.ok('diary:lock', {})
    expect(await d.call('diary:unlock', { passphrase: PASS })).toMatchObject({ ok: false, error: { code: 'BAD_PASSPHRASE' } })
    await d.ok('diary:unlock', { passphrase: 'a new passphrase' })
    expect(await d.call('diary:change-passphrase', { oldPassphrase: PASS, newPassphrase: 'third passphrase' })).toMatchObject({ ok: false, error: { code: 'BAD_PASSPHRASE' } })
    await d.ok('diary:change-passphrase', { oldPassphrase: 'a new passphrase', newPassphrase: 'third passphrase' })
    await d.ok('diary:lock', {})
    await d.ok('diary:unlock', { passphrase: 'third passphrase' })
  })

  it('tells a wrong passphrase from a damaged key file', async () => {
    const d = await open()
    await d.ok('diary:setup', { passphrase: PASS })
    await d.ok('diary:lock', {})
    expect(await d.call('diary:unlock', { passphrase: 'not the passphrase' })).toMatchObject({ ok: false, error: { code: 'BAD_PASSPHRASE' } })
    for (const name of ['keyfile.json', 'keyfile.json.bak']) {
      const path = join(d.root, 'vault', name)
      const bytes = await readFile(path)
      bytes[Math.floor(bytes.length / 2)]! ^= 0x02
      await writeFile(path, bytes)
    }
    const damaged = await d.call('diary:unlock', { passphrase: PASS })
    expect(damaged).toMatchObject({ ok: false, error: { code: 'CORRUPT' } })
    expect(!damaged.ok && damaged.error.message).toMatch(/backup/i)
  })
})
