import { _electron as electron, expect, test } from '@playwright/test'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
// Reads node_modules/electron's files only: a test never loads the electron package itself.
import { displayProblem, findElectronBinary } from '../../scripts/lib/electron-binary.cjs'

const ROOT = resolve(__dirname, '..', '..')
const binary = findElectronBinary()
const noDisplay = displayProblem()
const SKIP_NO_BINARY =
  'No Electron binary: node_modules/electron/dist is missing (Electron downloads it on first use; run `npx install-electron` where downloads work)'
if (!binary) console.warn(`Electron end-to-end tests skipped. ${SKIP_NO_BINARY}`)

test.describe('the desktop app (Electron)', () => {
  test.skip(!binary, SKIP_NO_BINARY)
  test.skip(!!binary && !!noDisplay, `Electron cannot open a window here: ${noDisplay}`)

  test('first run asks for a library, opens it, and every section is reachable', async () => {
    const scratch = await mkdtemp(join(tmpdir(), 'trove-electron-'))
    const library = join(scratch, 'Trove')
    const app = await electron.launch({
      executablePath: binary!,
      args: [ROOT],
      env: { ...process.env, TROVE_CONFIG_DIR: join(scratch, 'config'), TROVE_LIBRARY: library },
    })
    try {
      const window = await app.firstWindow()
      // The page is sandboxed and isolated: no Node in the renderer, only the bridge.
      expect(await window.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe('undefined')
      expect(await window.evaluate(() => typeof (globalThis as { process?: unknown }).process)).toBe('undefined')
      expect(await window.evaluate(() => typeof (window as unknown as { trove?: { call?: unknown } }).trove?.call)).toBe('function')

      await expect(window.getByLabel(/library folder/i)).toHaveValue(library)
      await window.getByRole('button', { name: /create or open library/i }).click()
      for (const section of ['Library', 'Collections', 'Watched folders', 'Diary', 'Import history', 'Settings']) {
        await window.getByRole('link', { name: section }).click()
        await expect(window.getByRole('heading', { level: 1, name: section })).toBeVisible()
      }
      await expect(window.getByTestId('library-path')).toHaveText(library)

    } finally {
      await app.close()
      await rm(scratch, { recursive: true, force: true })
    }
  })
})
