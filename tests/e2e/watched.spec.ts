import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Page } from '@playwright/test'
import { expect, test } from './fixtures'

/**
 * Watched folders as a person uses them: a folder typed into the path field is watched, its
 * files appear in the library, a file saved into it later appears on its own (real watcher),
 * "Reconcile now" runs and the history says what it did; the library narrows to one folder.
 */

let scratch: string
test.beforeEach(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'trove-watched-'))
})
test.afterEach(async () => {
  await rm(scratch, { recursive: true, force: true })
})

async function folderWith(name: string, files: Record<string, string>): Promise<string> {
  const root = join(scratch, name)
  await mkdir(root, { recursive: true })
  for (const [rel, text] of Object.entries(files)) {
    await mkdir(join(root, rel, '..'), { recursive: true })
    await writeFile(join(root, rel), text)
  }
  return root
}

async function watch(page: Page, path: string) {
  const form = page.getByRole('form', { name: 'Watch a folder' })
  const open = page.getByRole('button', { name: 'Watch a folder…' })
  await expect(form.or(open)).toBeVisible()
  if (await open.isVisible()) await open.click()
  await form.getByRole('textbox', { name: 'Folder' }).fill(path)
  await form.getByRole('button', { name: 'Watch this folder' }).click()
}

const card = (page: Page, name: string) => page.getByRole('region', { name: `Watched folder ${name}` })

async function libraryNames(page: Page): Promise<string[]> {
  const names = await page.getByTestId('file-tile').evaluateAll((tiles) => tiles.map((t) => t.getAttribute('aria-label') ?? ''))
  return names.sort()
}

test('a watched folder: its files appear, a new file appears, Reconcile now, the history', async ({ app, page }) => {
  const photos = await folderWith('Photos', { 'beach.txt': 'Sand and sea.\n', 'trip/rome.md': '# Rome\nColosseum at noon.\n' })

  await page.goto(`${app.url}#/watched`)
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Watched folders')
  await expect(page.getByText('No watched folders yet')).toBeVisible()

  // A path that is not a folder is refused with the human message, the input kept.
  await watch(page, join(scratch, 'nowhere'))
  await expect(page.getByRole('alert')).toContainText('The folder could not be watched')
  await expect(page.getByRole('textbox', { name: 'Folder' })).toHaveValue(join(scratch, 'nowhere'))

  await watch(page, photos)
  const photosCard = card(page, 'Photos')
  await expect(photosCard).toBeVisible()
  await expect(photosCard.getByTestId('folder-files')).toHaveText('2', { timeout: 15_000 })
  await expect(photosCard.getByTestId('folder-status')).toHaveText(/Watching|Polling/)
  await expect(page.getByTestId('sync-indicator')).toHaveText('Watching 1 folder')

  // Its files are in the library.
  await page.getByRole('link', { name: 'Library', exact: true }).click()
  await expect.poll(() => libraryNames(page)).toEqual(['beach.txt', 'rome.md'])

  // A file saved into the folder now appears by itself, through the watcher.
  await writeFile(join(photos, 'trip', 'notes.txt'), 'Gelato twice a day.\n')
  await expect.poll(() => libraryNames(page), { timeout: 15_000 }).toEqual(['beach.txt', 'notes.txt', 'rome.md'])

  // Reconcile now: one manual operation, read in the history with its details.
  await page.getByTestId('sync-indicator').click()
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Watched folders')
  await expect(card(page, 'Photos').getByTestId('folder-files')).toHaveText('3')
  await writeFile(join(scratch, 'Photos', 'late.txt'), 'Arrived late.\n')
  // The first scan, when the folder was added, is in the history already; live changes come between.
  const manualRows = page.getByTestId('sync-row').and(page.locator('[data-type="manual"]'))
  await expect(manualRows).toHaveCount(1)
  await expect(manualRows.getByTestId('sync-outcome')).toHaveText('2 added')
  await card(page, 'Photos').getByRole('button', { name: 'Reconcile now' }).click()
  await expect(manualRows).toHaveCount(2)
  const manual = manualRows.first()
  await expect(manual).toHaveAttribute('data-status', 'completed')
  // The watcher may have taken late.txt first; either way the folder ends with four files.
  await expect(card(page, 'Photos').getByTestId('folder-files')).toHaveText('4')
  await expect(manual.getByTestId('sync-outcome')).toHaveText(/^(1 added|No changes)$/)
  await manual.getByRole('button', { name: 'Details' }).click()
  const details = page.getByTestId('sync-details')
  await expect(details).toContainText(photos)
  await expect(details).toContainText('Looked at4')
  await expect(card(page, 'Photos').getByTestId('folder-last-outcome')).toHaveText(/^(1 added|No changes)$/)
})

test('the library narrows to one watched folder, and to what can be opened now', async ({ app, page }) => {
  const photos = await folderWith('Photos', { 'beach.txt': 'Sand and sea.\n', 'shared.txt': 'In both folders.\n' })
  const papers = await folderWith('Papers', { 'tax.txt': 'Receipts for 2024.\n', 'copy.txt': 'In both folders.\n' })

  await page.goto(`${app.url}#/watched`)
  await watch(page, photos)
  await expect(card(page, 'Photos').getByTestId('folder-files')).toHaveText('2', { timeout: 15_000 })
  await watch(page, papers)
  await expect(card(page, 'Papers').getByTestId('folder-files')).toHaveText('2', { timeout: 15_000 })
  await expect(page.getByTestId('sync-indicator')).toHaveText('Watching 2 folders')

  // "Show its files" opens the library narrowed to that folder (one content, two places, one entry).
  await card(page, 'Papers').getByRole('link', { name: 'Show its files' }).click()
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Library')
  await expect(page.getByRole('combobox', { name: 'Source' })).toHaveValue('Papers')
  await expect.poll(() => libraryNames(page)).toEqual(['shared.txt', 'tax.txt'])

  // The filter in the toolbar: another folder, then none.
  await page.getByRole('combobox', { name: 'Source' }).click()
  await page.getByRole('option', { name: 'Photos' }).click()
  await expect.poll(() => libraryNames(page)).toEqual(['beach.txt', 'shared.txt'])
  await page.getByRole('button', { name: 'Clear filters' }).click()
  await expect.poll(() => libraryNames(page)).toEqual(['beach.txt', 'shared.txt', 'tax.txt'])

  // Papers unplugged: its own file is unavailable; the shared one is still readable from Photos.
  await rm(papers, { recursive: true, force: true })
  await page.goto(`${app.url}#/watched`)
  await card(page, 'Papers').getByRole('button', { name: 'Reconcile now' }).click()
  await expect(card(page, 'Papers').getByTestId('folder-status')).toHaveText('Offline')
  await expect(page.getByTestId('sync-indicator')).toHaveText('1 folder offline')
  await page.getByRole('link', { name: 'Library', exact: true }).click()
  await page.getByRole('combobox', { name: 'Availability' }).click()
  await page.getByRole('option', { name: 'Unavailable' }).click()
  await expect.poll(() => libraryNames(page)).toEqual(['tax.txt'])
  await page.getByRole('combobox', { name: 'Availability' }).click()
  await page.getByRole('option', { name: 'Available', exact: true }).click()
  await expect.poll(() => libraryNames(page)).toEqual(['beach.txt', 'shared.txt'])
})
