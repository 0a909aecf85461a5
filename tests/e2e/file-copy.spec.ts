import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { LibraryApi } from '../support/library-api'
import { expect, test } from './fixtures'

test('in a browser, the details panel offers the original as a download, byte for byte', async ({ page, app }) => {
  const folder = await mkdtemp(join(tmpdir(), 'trove-copy-src-'))
  const words = 'Dear diary,\nthe plums were ripe today.\n'
  try {
    await writeFile(join(folder, 'Plums.txt'), words)
    const api = await LibraryApi.connect(app.url)
    expect((await api.importPaths([join(folder, 'Plums.txt')])).state).toBe('completed')
  } finally {
    await rm(folder, { recursive: true, force: true })
  }
  await page.goto(`${app.url}#/library`)
  await page.getByTestId('file-tile').filter({ hasText: 'Plums.txt' }).dblclick()
  const link = page.getByTestId('file-details').getByRole('link', { name: 'Download a copy' })
  await expect(link).toHaveAttribute('download', 'Plums.txt')
  // Desktop-only actions are not offered where they cannot work.
  await expect(page.getByTestId('file-details').getByRole('button', { name: 'Show in folder' })).toHaveCount(0)
  const download = page.waitForEvent('download')
  await link.click()
  const saved = await (await download).path()
  const { readFile } = await import('node:fs/promises')
  expect(await readFile(saved!, 'utf8')).toBe(words)
})
