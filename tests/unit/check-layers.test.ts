import { spawnSync } from 'node:child_process'
import { mkdir, writeFile } from 'node:fs/promises'
import { dirname, join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { useTempDirs } from '../support/temp-dir'

const tempDir = useTempDirs()
const SCRIPT = resolve(__dirname, '..', '..', 'scripts', 'check-layers.mjs')

async function tree(files: Record<string, string>): Promise<string> {
  const root = await tempDir()
  for (const [path, text] of Object.entries(files)) {
    await mkdir(dirname(join(root, path)), { recursive: true })
    await writeFile(join(root, path), text)
  }
  return root
}

const check = (root: string) => spawnSync(process.execPath, [SCRIPT, root], { encoding: 'utf8' })

const clean = {
  'src-main/core/library/a.ts': "import { z } from 'zod'\nimport { AppError } from '../common/app-error'\n",
  'src-main/api/app.handlers.ts': "import { x } from '../core/library/a'\n",
  'src-main/electron/window.ts': "import { BrowserWindow } from 'electron'\n",
  'src-preload/contract/app.ts': "import { z } from 'zod'\nimport { defineMethod } from './define'\n",
  'src-renderer/App.tsx': "import type { AppInfoDto } from '../src-preload/contract'\nimport { Button } from '@mantine/core'\n",
}

describe('layer check', () => {
  it('passes the project itself', () => {
    const result = check(resolve(__dirname, '..', '..'))
    expect(result.stderr).toBe('')
    expect(result.status).toBe(0)
  })

  it('passes a tree that follows the rules', async () => {
    expect(check(await tree(clean)).status).toBe(0)
  })

  it.each([
    ['core importing electron', 'src-main/core/library/b.ts', "import { app } from 'electron'", 'only src-main/electron/'],
    ['core importing api', 'src-main/core/library/b.ts', "import { appHandlers } from '../../api/app.handlers'", 'core/ must not import'],
    ['core importing a transport lazily', 'src-main/core/sync/c.ts', "const w = await import('../../web/loopback-server')", 'core/ must not import'],
    ['api importing electron', 'src-main/api/x.ts', "import { dialog } from 'electron'", 'only src-main/electron/'],
    ['api importing the IPC transport', 'src-main/api/x.ts', "export { registerIpcTransport } from '../electron/ipc-transport'", 'api/ must not import a transport'],
    ['the renderer importing main', 'src-renderer/pages/Settings.tsx', "import { openLibrary } from '../../src-main/core/library/open-library'", 'the renderer must not'],
    ['the renderer importing fs', 'src-renderer/x.ts', "import { readFileSync } from 'node:fs'", 'the renderer must not'],
    ['the contract importing main', 'src-preload/contract/x.ts', "import type { Library } from '../../src-main/core/library/open-library'", 'the contract may import only zod'],
    ['the contract importing react', 'src-preload/contract/y.ts', "import { useState } from 'react'", 'the contract may import only zod'],
  ])('fails on %s', async (_name, path, line, why) => {
    const result = check(await tree({ ...clean, [path]: `${line}\n` }))
    expect(result.status).toBe(1)
    expect(result.stderr).toContain(path)
    expect(result.stderr).toContain(why)
  })
})
