import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Page } from '@playwright/test'
import { installDesktopBridge } from './desktop-bridge'
import { dropFiles, holdDrag, pasteFiles, serveWithLimit, TINY_PNG_BASE64 } from './import-helpers'
import { expect, test } from './fixtures'

const panel = (page: Page) => page.getByRole('dialog', { name: 'Imports' })
const notifications = (page: Page) => page.getByTestId('import-notification')

test.describe('importing', () => {
  test.use({ viewport: { width: 1280, height: 860 } })

  test('drops files on the window: overlay, progress, outcomes, summary and history', async ({ page }, testInfo) => {
    const app = await serveWithLimit(2 * 1024 * 1024)
    try {
      await page.goto(app.url)
      await expect(page.getByTestId('job-status')).toHaveText('No jobs running')
      const main = page.getByRole('main')

      // A first drop puts one note in the library, so the next drop holds a duplicate.
      await dropFiles(main, [{ name: 'first note.txt', type: 'text/plain', text: 'The same words, twice.\n' }])
      await expect(notifications(page).filter({ hasText: 'Imported first note.txt' })).toContainText('1 added')

      // Dragging over the window says what a drop will do.
      const release = await holdDrag(page, main, [
        { name: 'a.txt', type: 'text/plain', text: 'a' },
        { name: 'b.txt', type: 'text/plain', text: 'b' },
        { name: 'c.txt', type: 'text/plain', text: 'c' },
      ])
      const overlay = page.getByTestId('drop-overlay')
      await expect(overlay).toBeVisible()
      await expect(page.getByTestId('drop-message')).toHaveText('Drop to add 3 files to your library')
      await page.screenshot({ animations: 'disabled', path: testInfo.outputPath('drop-overlay.png') })
      await release()
      await expect(overlay).toBeHidden()

      // Slow the chunks down, so the progress can be seen.
      await page.route('**/api/call', async (route) => {
        if (route.request().postData()?.includes('"uploads:append"')) await new Promise((r) => setTimeout(r, 400))
        await route.continue()
      })
      await dropFiles(main, [
        { name: 'photo.png', type: 'image/png', base64: TINY_PNG_BASE64 },
        { name: 'same words.txt', type: 'text/plain', text: 'The same words, twice.\n' },
        { name: 'big recording.bin', size: 1536 * 1024, seed: 3 },
        { name: 'too big.bin', size: 2 * 1024 * 1024 + 1, seed: 5 },
      ])
      const card = panel(page).getByTestId('import-card').first()
      await expect(panel(page)).toBeVisible()
      await expect(card).toHaveAttribute('data-state', 'running')
      await expect(card.getByTestId('import-progress')).toContainText(/of 4 files/)
      await expect(card.getByTestId('upload-item').first()).toBeVisible()
      await expect(page.getByTestId('job-status')).toContainText('Uploading 4 files')
      await page.screenshot({ animations: 'disabled', path: testInfo.outputPath('import-panel-progress.png') })

      await expect(card).toHaveAttribute('data-state', 'completed', { timeout: 30_000 })
      await page.unroute('**/api/call')
      const summary = '2 added, 1 already in the library, 1 rejected'
      await expect(card.getByTestId('import-summary')).toContainText(summary)
      await expect(card.getByTestId('import-summary')).toContainText("over the library's limit")
      const outcome = (name: string) => card.getByTestId('import-outcome').filter({ hasText: name })
      await expect(outcome('photo.png')).toHaveAttribute('data-outcome', 'stored')
      await expect(outcome('big recording.bin')).toHaveAttribute('data-outcome', 'stored')
      await expect(outcome('same words.txt')).toHaveAttribute('data-outcome', 'duplicate')
      await expect(outcome('same words.txt')).toContainText('Already in the library since')
      await expect(outcome('too big.bin')).toHaveAttribute('data-outcome', 'rejected')
      await expect(outcome('too big.bin')).toContainText('That is larger than Trove accepts.')
      await expect(notifications(page).filter({ hasText: 'Imported 4 files' })).toContainText(summary)
      await expect(page.getByTestId('job-status')).toHaveText('No jobs running')
      await page.screenshot({ animations: 'disabled', path: testInfo.outputPath('import-panel-done.png') })

      // Every file is in the history, with what became of it.
      await card.getByRole('link', { name: 'See this import in the history' }).click()
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('Import history')
      const rows = page.getByTestId('history-row')
      await expect(rows).toHaveCount(4)
      await expect(rows.filter({ hasText: 'too big.bin' })).toHaveAttribute('data-outcome', 'rejected')
      await expect(rows.filter({ hasText: 'same words.txt' })).toHaveAttribute('data-outcome', 'duplicate')
      await page.getByRole('button', { name: 'Show every import' }).click()
      await expect(rows).toHaveCount(5)
    } finally {
      await app.dispose()
    }
  })
})

test.describe('resuming', () => {
  test('an upload cut off by a reload continues where it stopped when the same file is dropped again', async ({ page, app }) => {
    await page.goto(app.url)
    const main = page.getByRole('main')
    const file = { name: 'long recording.bin', size: 3 * 1024 * 1024, seed: 11, lastModified: 1_700_000_123_000 }

    // The first chunk goes through; the second is held, and the window is reloaded while it waits.
    let appends = 0
    await page.route('**/api/call', async (route) => {
      if (route.request().postData()?.includes('"uploads:append"') && ++appends >= 2) return
      await route.continue()
    })
    await dropFiles(main, [file])
    const item = panel(page).getByTestId('upload-item')
    await expect(item).toContainText('1 MB of 3.1 MB')
    await expect.poll(() => appends).toBeGreaterThanOrEqual(2)
    await page.reload()
    await page.unrouteAll({ behavior: 'ignoreErrors' })
    await expect(page.getByTestId('job-status')).toHaveText('No jobs running')

    const offsets: number[] = []
    page.on('request', (request) => {
      const body = request.url().endsWith('/api/call') ? (JSON.parse(request.postData() ?? '{}') as { method?: string; input?: { offset?: number } }) : {}
      if (body.method === 'uploads:append') offsets.push(body.input?.offset ?? -1)
    })
    await dropFiles(main, [file])
    const card = panel(page).getByTestId('import-card').first()
    await expect(card).toHaveAttribute('data-state', 'completed')
    await expect(card.getByTestId('upload-resumed')).toHaveText('Continued an interrupted upload from 1 MB.')
    await expect(card.getByTestId('import-outcome')).toHaveAttribute('data-outcome', 'stored')
    expect(offsets).toEqual([1024 * 1024, 2 * 1024 * 1024])

    // One file in the library, one record in the history: nothing was sent twice or lost.
    await page.goto(`${app.url}#/history`)
    await expect(page.getByTestId('history-row')).toHaveCount(1)
    await expect(page.getByTestId('history-row')).toContainText('3.1 MB')
  })
})

test.describe('adding', () => {
  test('Add files, a folder (kept as collections) and a pasted image', async ({ page, app }) => {
    const scratch = await mkdtemp(join(tmpdir(), 'trove-add-'))
    try {
      await mkdir(join(scratch, 'Trips', '2024'), { recursive: true })
      await writeFile(join(scratch, 'Trips', 'plan.txt'), 'Where to go.\n')
      await writeFile(join(scratch, 'Trips', '2024', 'beach.txt'), 'Sand.\n')
      await writeFile(join(scratch, 'loose note.txt'), 'A note on its own.\n')
      await page.goto(app.url)

      await page.getByTestId('add-files-input').setInputFiles(join(scratch, 'loose note.txt'))
      await expect(notifications(page).filter({ hasText: 'Imported loose note.txt' })).toContainText('1 added')

      await page.getByTestId('add-folder-input').setInputFiles(join(scratch, 'Trips'))
      await expect(notifications(page).filter({ hasText: 'Imported 2 files from dropped folders' })).toContainText('2 added')
      const tree = page.getByRole('tree', { name: 'Collections' })
      await expect(tree.getByRole('treeitem', { name: /Trips/ })).toBeVisible()
      await tree.getByRole('button', { name: 'Open Trips' }).click()
      await expect(tree.getByRole('link', { name: '2024' })).toBeVisible()
      await tree.getByRole('link', { name: '2024' }).click()
      await expect(page.getByRole('listbox', { name: 'Files in this collection' })).toContainText('beach.txt')

      // Pasting while a collection is shown puts the image into it.
      await pasteFiles(page, [{ name: '', type: 'image/png', base64: TINY_PNG_BASE64 }])
      await expect(notifications(page).filter({ hasText: 'Imported Pasted image.png into “2024”' })).toContainText('1 added')
      await expect(page.getByRole('listbox', { name: 'Files in this collection' })).toContainText('Pasted image.png')
    } finally {
      await rm(scratch, { recursive: true, force: true })
    }
  })
})

test.describe('desktop import by path', () => {
  test('dropped files and folders with paths are imported by main as one job', async ({ page, app }) => {
    const scratch = await mkdtemp(join(tmpdir(), 'trove-paths-'))
    try {
      const folder = join(scratch, 'Scans')
      await mkdir(join(folder, 'Receipts'), { recursive: true })
      await writeFile(join(folder, 'letter.txt'), 'Dear reader.\n')
      await writeFile(join(folder, 'Receipts', 'shop.txt'), 'Bread, milk.\n')
      await writeFile(join(folder, '.DS_Store'), 'junk')
      await writeFile(join(scratch, 'single.txt'), 'Dear reader.\n')
      await installDesktopBridge(page, { Scans: folder, 'single.txt': join(scratch, 'single.txt') })
      await page.goto(app.url)

      await dropFiles(page.getByRole('main'), [
        { name: 'Scans', text: '' },
        { name: 'single.txt', type: 'text/plain', text: 'Dear reader.\n' },
      ])
      const card = panel(page).getByTestId('import-card').first()
      await expect(card).toHaveAttribute('data-state', 'completed')
      await expect(card).toContainText('From this computer')
      await expect(card.getByTestId('import-summary')).toContainText('2 added, 1 already in the library, 1 rejected')
      await expect(card.getByTestId('import-outcome').filter({ hasText: '.DS_Store' })).toContainText('system file')
      await expect(notifications(page).filter({ hasText: 'Imported 2 items' })).toContainText('2 added, 1 already in the library')

      // The dropped folder became collections, as it was on disk.
      const tree = page.getByRole('tree', { name: 'Collections' })
      await tree.getByRole('button', { name: 'Open Scans' }).click()
      await expect(tree.getByRole('link', { name: 'Receipts' })).toBeVisible()
    } finally {
      await rm(scratch, { recursive: true, force: true })
    }
  })
})

test.describe('dark', () => {
  test.use({ colorScheme: 'dark', viewport: { width: 1280, height: 860 } })

  test('the overlay, the panel and the history read well in a dark theme', async ({ page, app }, testInfo) => {
    await page.goto(app.url)
    await expect(page.locator('html')).toHaveAttribute('data-mantine-color-scheme', 'dark')
    await page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'New collection' }).click()
    await page.getByRole('dialog', { name: 'New collection' }).getByRole('textbox', { name: 'Name' }).fill('Letters')
    await page.getByRole('dialog', { name: 'New collection' }).getByRole('button', { name: 'Create' }).click()
    const row = page.getByTestId('collection-row').filter({ hasText: 'Letters' })

    const release = await holdDrag(page, row, [{ name: 'letter.txt', type: 'text/plain', text: 'Dear friend.\n' }])
    await expect(page.getByTestId('drop-message')).toHaveText('Drop to add 1 file into the collection “Letters”')
    await page.screenshot({ animations: 'disabled', path: testInfo.outputPath('drop-overlay-dark.png') })
    await release()

    await dropFiles(row, [
      { name: 'letter.txt', type: 'text/plain', text: 'Dear friend.\n' },
      { name: 'letter again.txt', type: 'text/plain', text: 'Dear friend.\n' },
    ])
    const card = panel(page).getByTestId('import-card').first()
    await expect(card).toHaveAttribute('data-state', 'completed')
    await expect(card.getByTestId('import-summary')).toHaveText('1 added, 1 already in the library')
    await page.screenshot({ animations: 'disabled', path: testInfo.outputPath('import-panel-dark.png') })

    await page.goto(`${app.url}#/history`)
    await expect(page.getByTestId('history-row')).toHaveCount(2)
    await page.screenshot({ animations: 'disabled', path: testInfo.outputPath('history-dark.png') })
  })
})
