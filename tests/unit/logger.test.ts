import { readdir, readFile, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { loggableError } from '../../src-main/api/dispatcher'
import { createJsonLogger, createRotatingLogFile } from '../../src-main/core/common/logger'
import { useTempDirs } from '../support/temp-dir'

const tempDir = useTempDirs()

describe('logger', () => {
  it('rotates by size: never more than `keep` files, none much over the limit, the newest lines in the current file', async () => {
    const dir = await tempDir()
    const path = join(dir, 'logs', 'trove.log')
    const file = createRotatingLogFile(path, { maxBytes: 10_000, keep: 3 })
    const logger = createJsonLogger((line) => file.write(line), 'debug')
    for (let i = 0; i < 1_000; i++) logger.info('something happened', { n: i, path: `/some/where/${i}` })
    file.close()
    expect((await readdir(join(dir, 'logs'))).sort()).toEqual(['trove.log', 'trove.log.1', 'trove.log.2'])
    for (const name of ['trove.log', 'trove.log.1', 'trove.log.2']) expect((await stat(join(dir, 'logs', name))).size).toBeLessThanOrEqual(10_000)
    const current = (await readFile(path, 'utf8')).trim().split('\n').map((l) => JSON.parse(l) as { n: number })
    expect(current.at(-1)!.n).toBe(999)
    const older = (await readFile(`${path}.1`, 'utf8')).trim().split('\n').map((l) => JSON.parse(l) as { n: number })
    expect(older.at(-1)!.n).toBe(current[0]!.n - 1) // nothing lost between generations
    // Reopening appends to the current file and keeps rotating from its size.
    const again = createRotatingLogFile(path, { maxBytes: 10_000, keep: 3 })
    again.write('{"more":true}\n')
    again.close()
    expect(await readFile(path, 'utf8')).toContain('{"more":true}')
  })

  it('keeps secrets and what a person wrote out of every line, at any depth', () => {
    const lines: string[] = []
    const logger = createJsonLogger((line) => lines.push(line), 'debug')
    logger.info('unlock', { passphrase: 'correct horse', recoveryCode: 'ABCD-EFGH', nested: { text: 'Dear diary, today…', body: 'more', count: 3 } })
    logger.warn('call', { input: { content: 'secret words' }, method: 'diary:save' })
    const all = lines.join('')
    for (const secret of ['correct horse', 'ABCD-EFGH', 'Dear diary', 'more"', 'secret words']) expect(all).not.toContain(secret)
    expect(JSON.parse(lines[0]!)).toMatchObject({ passphrase: '[redacted]', nested: { text: '[redacted]', count: 3 } })
    expect(JSON.parse(lines[1]!)).toMatchObject({ input: '[redacted]', method: 'diary:save' })
  })

  it("logs an unexpected error of a diary method without its message or stack (they could quote the entry)", () => {
    const err = new TypeError('cannot read "Dear diary, today I…"')
    expect(JSON.stringify(loggableError('diary:save-entry', err))).not.toContain('Dear diary')
    expect(loggableError('diary:save-entry', err)).toMatchObject({ name: 'TypeError' })
    expect(loggableError('files:list', err)).toBe(err)
  })
})
