/**
 * The bridge under attack: generated inputs thrown at every method of the contract (iterated
 * from the contract's own method map, so new methods are covered without touching this file)
 * through the real dispatcher over a real library in a temporary folder. The process must
 * survive, and every answer must be a result or a typed error with a known code; INTERNAL
 * (a handler surprised by its input) counts as a failure.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { z } from 'zod'
import { ERROR_CODES, methods, type Result } from '../../src-preload/contract'
import { composeApp, type TroveApp } from '../../src-main/compose'
import { createJsonLogger } from '../../src-main/core/common/logger'
import { nodeHost } from '../../src-main/host'
import { sandboxFs } from './sandbox-fs'

const RUNS_PER_METHOD = Number(process.env.FUZZ_RUNS ?? 200)
const SEED = Number(process.env.FUZZ_SEED ?? 20261122)
const ctx = { transport: 'loopback' as const }
const MIB = 'x'.repeat(1 << 20)

/** Answers per outcome, to show the fuzz reaches the handlers and not only the validators. */
const outcomes = new Map<string, number>()
let base: string
let app: TroveApp
const logLines: string[] = []

/** A value nested `depth` levels deep, built without recursion. */
function deep(depth: number, kind: 'object' | 'array'): unknown {
  let value: unknown = 1
  for (let i = 0; i < depth; i++) value = kind === 'object' ? { a: value } : [value]
  return value
}

/** Paths a hostile caller would try; everything under `base` is the sandbox. */
const pathValues = () => [
  '/etc/passwd', '/etc/hostname', '/nonexistent/file', '\\\\server\\share\\file.txt', '//server/share/file', 'C:\\Windows\\win.ini',
  '../../etc/passwd', 'etc/passwd', '/etc/passwd\u0000.png', '/etc/pass%00wd', `${base}/outside/secret.txt`, `${base}/outside`,
  `${base}/sandbox/new-folder`, `${base}/sandbox/../outside/secret.txt`, `${base}/library/objects`, `/${'a'.repeat(5000)}`,
]

const special = (): fc.Arbitrary<unknown> =>
  fc.constantFrom<unknown>(
    NaN, Infinity, -Infinity, -1, 0, -0, 1, 2, 3, 1.5, 2 ** 53, -(2 ** 53), Number.MAX_VALUE, Number.MIN_VALUE,
    '', ' ', '\u0000', '__proto__', 'constructor', 'prototype', 'toString', MIB, '💥'.repeat(1000), 'e\u0301', '\u202etxt.exe',
    'A'.repeat(64), 'a'.repeat(64), '0'.repeat(64), 'g'.repeat(64), '%2e%2e%2f', null, undefined, true, false, [], {},
    ...pathValues(),
  )

/** Keys an attacker likes, plus the method's own keys so values reach the fields' validators. */
const keyArb = (own: string[]) => fc.oneof(fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', ...(own.length ? own : ['x'])), fc.string({ maxLength: 8 }))

const leaf = (): fc.Arbitrary<unknown> => fc.oneof(special(), fc.string({ maxLength: 40 }), fc.integer(), fc.double(), fc.boolean(), fc.constant(null))

const valueArb = (own: string[]): fc.Arbitrary<unknown> =>
  fc.letrec<{ v: unknown }>((tie) => ({
    v: fc.oneof(
      { depthSize: 'small', maxDepth: 3 },
      leaf(),
      fc.array(tie('v'), { maxLength: 4 }),
      fc.dictionary(keyArb(own), tie('v'), { maxKeys: 4 }),
    ),
  })).v

/** The top-level keys of a method's input schema (objects and unions of objects), if it has any. */
function keysOf(schema: z.ZodType): string[] {
  const keys = new Set<string>()
  const visit = (s: unknown, depth: number) => {
    if (depth > 4 || !s || typeof s !== 'object') return
    if (s instanceof z.ZodObject) for (const [key, child] of Object.entries(s.shape as Record<string, unknown>)) {
      keys.add(key)
      visit(child, depth + 1)
    }
    const def = (s as { def?: { options?: unknown[]; innerType?: unknown; in?: unknown; schema?: unknown } }).def
    for (const option of def?.options ?? []) visit(option, depth + 1)
    visit(def?.innerType, depth + 1)
    visit(def?.in, depth + 1)
    visit(def?.schema, depth + 1)
  }
  visit(schema, 0)
  return [...keys]
}

/** Values close to what fields take: ids that exist or almost, paths, names, kinds; one level of nesting. */
function nearValid(own: string[], depth = 0): fc.Arbitrary<Record<string, unknown>> {
  const idLike = fc.oneof(fc.constantFrom(1, 2, 3, 4, 0, -1, NaN, Infinity, 2 ** 53, 1.5), fc.integer({ min: -5, max: 50 }))
  const pathLike = fc.constantFrom(...pathValues())
  const word = fc.oneof(fc.constantFrom('files', 'collection', 'tag', 'fuzz', 'Fuzz', 'added', 'name', 'asc', 'desc', 'image', 'red', 'index', 'import', '__proto__', ''), fc.string({ maxLength: 12 }))
  const field: fc.Arbitrary<unknown> = fc.oneof(
    idLike, pathLike, word, fc.boolean(), fc.constant(null),
    fc.array(fc.oneof(idLike, pathLike, word), { minLength: 1, maxLength: 3 }),
    depth === 0 ? fc.constant(null).chain(() => nearValid(own, 1)) : fc.constant({}),
  )
  return fc.record(Object.fromEntries(own.map((k) => [k, field])) as Record<string, fc.Arbitrary<unknown>>, { requiredKeys: [] })
}

/** Inputs for one method: anything, the method's own keys with hostile values, and handcrafted attacks. */
function inputArb(own: string[]): fc.Arbitrary<unknown> {
  const value = valueArb(own)
  const shaped = own.length
    ? fc.record(Object.fromEntries(own.map((k) => [k, value])) as Record<string, fc.Arbitrary<unknown>>, { requiredKeys: [] })
    : fc.constant({})
  const withProto = fc.tuple(fc.constantFrom(...(own.length ? own : ['x'])), value).map(([k, v]) =>
    JSON.parse(`{"__proto__": {"polluted": true, "isAdmin": true}, "constructor": {"prototype": {"polluted": true}}, ${JSON.stringify(k)}: ${JSON.stringify(v ?? null) ?? 'null'}}`),
  )
  const near = own.length ? nearValid(own) : fc.constant({})
  return fc.oneof(fc.anything({ maxDepth: 3 }), shaped, shaped, near, near, near, withProto, special())
}

function expectTyped(method: string, input: unknown, result: Result<unknown>): void {
  const outcome = result.ok ? 'ok' : result.error.code
  outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1)
  if (result.ok) return
  const { code, message } = result.error
  const where = `${method} with ${preview(input)}`
  expect(ERROR_CODES, where).toContain(code)
  expect(typeof message, where).toBe('string')
  expect(code, `${where}: ${message}`).not.toBe('INTERNAL')
}

const preview = (value: unknown) => {
  try {
    const text = JSON.stringify(value, (_k, v: unknown) => (typeof v === 'string' && v.length > 40 ? `${v.slice(0, 40)}…(${v.length})` : v))
    return (text ?? String(value)).slice(0, 300)
  } catch {
    return String(value).slice(0, 300)
  }
}

beforeAll(async () => {
  base = await mkdtemp(join(tmpdir(), 'trove-fuzz-'))
  await mkdir(join(base, 'outside'), { recursive: true })
  await mkdir(join(base, 'sandbox'), { recursive: true })
  await writeFile(join(base, 'outside', 'secret.txt'), 'the secret next to the library')
  app = composeApp({
    configDir: join(base, 'config'),
    host: nodeHost('loopback'),
    logger: createJsonLogger((line) => logLines.push(line), 'debug'),
    fs: sandboxFs(base),
    watchFolders: false,
  })
  await app.libraries.open(join(base, 'library'), { remember: false })
  // Something to aim at: files 1–3, a tag and a collection.
  const files = ['a.txt', 'b.md', 'c.csv'].map((n) => join(base, 'sandbox', n))
  for (const [i, f] of files.entries()) await writeFile(f, `file ${i}\n`)
  const { done } = app.libraries.require().imports.start(files, {})
  await done
  await app.api.dispatch('tags:create', { name: 'fuzz' }, ctx)
  await app.api.dispatch('collections:create', { name: 'Fuzz' }, ctx)
}, 60_000)

afterAll(async () => {
  await app?.shutdown()
  if (base) await rm(base, { recursive: true, force: true })
})

describe('the bridge under generated input', () => {
  const names = Object.keys(methods) as (keyof typeof methods)[]

  it('covers every method of the contract', () => {
    expect(names.length).toBeGreaterThan(40)
  })

  for (const method of names) {
    it(`${method}: every answer is a result or a typed error, never INTERNAL`, async () => {
      const own = keysOf(methods[method].input)
      await fc.assert(
        fc.asyncProperty(inputArb(own), async (input) => {
          const result = await app.api.dispatch(method, input, ctx)
          expectTyped(method, input, result)
        }),
        { numRuns: RUNS_PER_METHOD, seed: SEED, endOnFailure: true },
      )
      expect(({} as Record<string, unknown>).polluted).toBeUndefined()
      expect(Object.prototype).not.toHaveProperty('isAdmin')
    }, 60_000)
  }

  it('survives inputs nested 10,000 levels deep, as the input and as each field, on every method', async () => {
    // Not through fast-check: its own reporting would recurse through such values.
    for (const method of names) {
      const own = keysOf(methods[method].input)
      for (const kind of ['object', 'array'] as const) {
        const value = deep(10_000, kind)
        expectTyped(method, `(${kind} 10,000 deep)`, await app.api.dispatch(method, value, ctx))
        for (const key of own) expectTyped(method, `{ ${key}: (${kind} 10,000 deep) }`, await app.api.dispatch(method, { [key]: value }, ctx))
      }
    }
  }, 60_000)

  it('refuses unknown and hostile method names with UNKNOWN_METHOD', async () => {
    const hostileNames = fc.oneof(fc.anything({ maxDepth: 2 }), fc.string(), fc.constantFrom('__proto__', 'constructor', 'toString', 'hasOwnProperty', 'library:import ', 'LIBRARY:IMPORT', 'library:import\u0000', MIB))
    await fc.assert(
      fc.asyncProperty(hostileNames, fc.anything({ maxDepth: 2 }), async (name, input) => {
        fc.pre(!(typeof name === 'string' && name in methods && Object.prototype.hasOwnProperty.call(methods, name)))
        const result = await app.api.dispatch(name, input, ctx)
        expect(result).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } })
      }),
      { numRuns: 300, seed: SEED },
    )
  })

  it('never writes a request payload into the log', () => {
    const log = logLines.join('')
    expect(log).not.toContain(MIB.slice(0, 4096))
    expect(log).not.toContain('polluted')
  })

  it('reached the handlers, not only the validators', () => {
    // Some answers must be results and handler-level refusals, or the fuzz only tested zod.
    expect(outcomes.get('ok') ?? 0).toBeGreaterThan(50)
    expect((outcomes.get('NOT_FOUND') ?? 0) + (outcomes.get('PERMISSION_DENIED') ?? 0) + (outcomes.get('NOT_A_FOLDER') ?? 0)).toBeGreaterThan(10)
    for (const line of logLines) if (line.includes('unexpected error')) console.info(line.slice(0, 600))
    console.info('bridge fuzz outcomes', Object.fromEntries([...outcomes].sort((a, b) => b[1] - a[1])))
  })

  it('imports /etc/passwd only as the method allows: a copy in objects/, served by its hash, never by its path', async () => {
    const { readFile } = await import('node:fs/promises')
    // The storm may have switched libraries (app:choose-library) and lowered the size limit.
    await app.libraries.open(join(base, 'library'), { remember: false })
    await app.api.dispatch('library:set-settings', { maxFileBytes: 1 << 30 }, ctx)
    const started = await app.api.dispatch('library:import', { paths: ['/etc/passwd'] }, ctx)
    expect(started.ok).toBe(true)
    if (!started.ok) return
    const summary = await app.libraries.require().imports.result((started.value as { batchId: string }).batchId)
    expect(summary?.files.map((f) => f.outcome)).toEqual([expect.stringMatching(/^(stored|duplicate)$/)])
    const { createHash } = await import('node:crypto')
    const sha256 = createHash('sha256').update(await readFile('/etc/passwd')).digest('hex')
    const answer = await app.api.content.resolve({ path: `/original/${sha256}` })
    const { layout } = app.libraries.require().library
    expect(answer.status).toBe(200)
    expect('file' in answer && answer.file.startsWith(`${layout.objects}/`)).toBe(true)
    expect((await app.api.content.resolve({ path: '/original//etc/passwd' })).status).toBe(404)
    expect((await app.api.content.resolve({ path: '/etc/passwd' })).status).toBe(404)
  })

  it('leaves the library intact after the storm: it still opens and verifies, and nothing beside it was touched', async () => {
    const { readFile } = await import('node:fs/promises')
    expect(await readFile(join(base, 'outside', 'secret.txt'), 'utf8')).toBe('the secret next to the library')
    await app.libraries.open(join(base, 'library'), { remember: false })
    const verified = await app.api.dispatch('library:verify', {}, ctx)
    expect(verified).toMatchObject({ ok: true, value: { missing: [], corrupt: [] } })
  }, 60_000)
})
