import { mkdir, readFile, stat, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { DesktopHost } from '../../src-main/api/desktop.handlers'
import { composeApp, type TroveApp } from '../../src-main/compose'
import { silentLogger } from '../../src-main/core/common/logger'
import { useTempDirs } from '../support/temp-dir'

const tempDir = useTempDirs()
let app: TroveApp | null = null
afterEach(async () => {
  await app?.shutdown()
  app = null
})

/** The OS side as Electron gives it, recording what Trove asked for (no window can open here). */
function recordingHost(savePath: string | null) {
  const calls = { opened: [] as string[], revealed: [] as string[], asked: [] as string[] }
  const desktop: DesktopHost = {
    openPath: async (path) => (calls.opened.push(path), ''),
    showItemInFolder: (path) => void calls.revealed.push(path),
    chooseSavePath: async (name) => (calls.asked.push(name), savePath),
  }
  return { desktop, calls }
}

async function setUp(desktop?: DesktopHost) {
  const dir = await tempDir()
  const host = { appName: 'Trove', appVersion: 't', transport: 'electron' as const, versions: { node: '22', sqlite: '?' }, defaultLibraryPath: join(dir, 'lib'), desktop }
  app = composeApp({ configDir: join(dir, 'config'), logger: silentLogger, host, watchFolders: false })
  await app.libraries.open(join(dir, 'lib'), { remember: false })
  await mkdir(join(dir, 'src'))
  await writeFile(join(dir, 'src', 'letter.txt'), 'Dear diary')
  await writeFile(join(dir, 'src', 'install.sh'), '#!/bin/sh\nrm -rf ~\n')
  const summary = await app.libraries.require().imports.start([join(dir, 'src')], { keepFolders: false }).done
  const idOf = (name: string) => summary.files.find((f) => f.name === name)!.fileId!
  const call = (method: string, input: unknown) => app!.api.dispatch(method, input, { transport: 'electron' })
  return { dir, idOf, call }
}

describe('desktop actions on a file', () => {
  it('open, show in folder and export a copy work on the stored bytes; export writes an ordinary file', async () => {
    const dir = await tempDir()
    const { desktop, calls } = recordingHost(join(dir, 'exported letter.txt'))
    const { idOf, call } = await setUp(desktop)
    expect(await call('desktop:open-file', { id: idOf('letter.txt') })).toEqual({ ok: true, value: { opened: true } })
    expect(await readFile(calls.opened[0]!, 'utf8')).toBe('Dear diary')
    expect(await call('desktop:show-in-folder', { id: idOf('letter.txt') })).toMatchObject({ ok: true })
    expect(calls.revealed[0]).toBe(calls.opened[0])

    expect(await call('desktop:export-copy', { id: idOf('letter.txt') })).toEqual({ ok: true, value: { path: join(dir, 'exported letter.txt') } })
    expect(calls.asked).toEqual(['letter.txt'])
    expect(await readFile(join(dir, 'exported letter.txt'), 'utf8')).toBe('Dear diary')
    expect((await stat(join(dir, 'exported letter.txt'))).mode & 0o200).toBe(0o200)
  })

  it('never launches a program, and says why', async () => {
    const { desktop, calls } = recordingHost(null)
    const { idOf, call } = await setUp(desktop)
    const result = await call('desktop:open-file', { id: idOf('install.sh') })
    expect(result).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', message: expect.stringContaining('does not run programs') } })
    expect(calls.opened).toEqual([])
  })

  it('reports a cancelled save as path null and writes nothing', async () => {
    const { desktop } = recordingHost(null)
    const { idOf, call } = await setUp(desktop)
    expect(await call('desktop:export-copy', { id: idOf('letter.txt') })).toEqual({ ok: true, value: { path: null } })
  })

  it('answers UNAVAILABLE where there is no desktop (loopback, CLI) and NOT_FOUND for an unknown file', async () => {
    const { idOf, call } = await setUp(undefined)
    expect(await call('desktop:open-file', { id: idOf('letter.txt') })).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE' } })
    const { desktop } = recordingHost(null)
    await app!.shutdown()
    const second = await setUp(desktop)
    expect(await second.call('desktop:show-in-folder', { id: 999_999 })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
  })
})
