import { describe, expect, it } from 'vitest'
import { createDispatcher } from '../../src-main/api/dispatcher'
import type { Handlers } from '../../src-main/api/handlers'
import { AppError } from '../../src-main/core/common/app-error'
import { createJsonLogger } from '../../src-main/core/common/logger'

const ctx = { transport: 'cli' as const }

function setup(overrides: Partial<Handlers> = {}) {
  const lines: string[] = []
  const logger = createJsonLogger((line) => lines.push(line), 'debug')
  const handlers = {
    'app:info': async () => {
      throw new Error('disk exploded at /secret/path')
    },
    'app:choose-library': async ({ path }: { path: string }) => {
      throw new AppError('NOT_A_FOLDER', `${path} is a file, not a folder.`, { path })
    },
    'app:pick-folder': async () => ({ path: '/picked' }),
    ...overrides,
  } as unknown as Handlers
  return { dispatch: createDispatcher(handlers, logger), lines }
}

describe('dispatcher', () => {
  it('refuses an unknown method without calling anything', async () => {
    const { dispatch } = setup()
    const result = await dispatch('files:delete-everything', {}, ctx)
    expect(result).toEqual({ ok: false, error: { code: 'UNKNOWN_METHOD', message: 'Unknown method: "files:delete-everything"' } })
  })

  it('refuses non-string and prototype method names', async () => {
    const { dispatch } = setup()
    for (const name of [42, null, undefined, { method: 'app:info' }, '__proto__', 'constructor', 'toString']) {
      const result = await dispatch(name, {}, ctx)
      expect(result.ok).toBe(false)
      if (!result.ok) expect(result.error.code).toBe('UNKNOWN_METHOD')
    }
  })

  it('rejects input that does not match the schema with INVALID_INPUT, before the handler runs', async () => {
    let ran = false
    const { dispatch } = setup({ 'app:choose-library': async () => ((ran = true), undefined as never) })
    for (const input of [{}, { path: 42 }, { path: '' }, { path: '/ok', extra: true }, 'not an object', { path: 'a\0b' }]) {
      const result = await dispatch('app:choose-library', input, ctx)
      expect(result.ok).toBe(false)
      if (!result.ok) {
        expect(result.error.code).toBe('INVALID_INPUT')
        expect(result.error.message).toMatch(/^Invalid input for app:choose-library/)
      }
    }
    expect(ran).toBe(false)
  })

  it('passes an AppError through with its code, message and details', async () => {
    const { dispatch } = setup()
    const result = await dispatch('app:choose-library', { path: '/etc/hosts' }, ctx)
    expect(result).toEqual({
      ok: false,
      error: { code: 'NOT_A_FOLDER', message: '/etc/hosts is a file, not a folder.', details: { path: '/etc/hosts' } },
    })
  })

  it('turns an unexpected throw into INTERNAL with a log id, no stack and no internals', async () => {
    const { dispatch, lines } = setup()
    const result = await dispatch('app:info', {}, ctx)
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.error.code).toBe('INTERNAL')
    const logId = result.error.details?.logId as string
    expect(logId).toMatch(/^[0-9a-f]{8}$/)
    expect(result.error.message).toContain(logId)
    const wire = JSON.stringify(result)
    expect(wire).not.toContain('/secret/path')
    expect(wire).not.toMatch(/\bat .*\(.*:\d+:\d+\)/)
    const logged = lines.map((l) => JSON.parse(l) as Record<string, unknown>).find((l) => l.logId === logId)
    expect(logged?.method).toBe('app:info')
    expect(JSON.stringify(logged)).toContain('disk exploded at /secret/path')
  })

  it('returns the value of a handler that succeeds', async () => {
    const { dispatch } = setup()
    expect(await dispatch('app:pick-folder', {}, ctx)).toEqual({ ok: true, value: { path: '/picked' } })
  })
})
