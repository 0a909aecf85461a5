import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import type { Locator, Page } from '@playwright/test'
import { corruptJpeg } from '../support/images'
import { LibraryApi } from '../support/library-api'
import { sceneJpeg, scenePng } from '../support/scenes'
import { REPO_ROOT, serveApp, type ServedApp } from '../support/serve-app'
import { expect, test } from './fixtures'

/**
 * The library as a person uses it: files imported (through the loopback API, as a drop would)
 * appear with thumbnails, in a grid or a list, sorted, searched, tagged, noted, selected,
 * trashed and restored; and a big library stays a small page.
 */

type Content = string | Buffer | (() => Promise<Buffer>)

/** Writes files into a fresh folder outside the library, imports them, waits for previews. */
/** Imports the files, then waits for their previews (`previewsMs`: how long that may take). */
async function populate(app: ServedApp, files: Record<string, Content>, { previewsMs = 60_000 } = {}): Promise<LibraryApi> {
  const folder = await mkdtemp(join(tmpdir(), 'trove-library-src-'))
  try {
    const paths: string[] = []
    for (const [name, content] of Object.entries(files)) {
      const path = join(folder, name)
      await writeFile(path, typeof content === 'function' ? await content() : content)
      paths.push(path)
    }
    const api = await LibraryApi.connect(app.url)
    const job = await api.importPaths(paths)
    expect(job.state, job.error ?? '').toBe('completed')
    await api.previewsSettled(previewsMs)
    return api
  } finally {
    await rm(folder, { recursive: true, force: true })
  }
}

const SAMPLE: Record<string, Content> = {
  'Lake at dawn.jpg': () => sceneJpeg(0, 640, 420),
  'Orchard.jpg': () => sceneJpeg(1, 640, 420),
  'Harbour.png': () => scenePng(2, 480, 320),
  'Dusk.png': () => scenePng(3, 480, 360),
  'Meadow.jpg': () => sceneJpeg(4, 600, 400),
  'Recipes.txt': 'Grandmother’s apple cake\n\nButter, flour, sugar and three apples. Bake until golden.\n',
  'packing-list.txt': 'Tent, stove, headlamp, a thermos of tea.\n',
}

const browser = (page: Page) => page.getByTestId('file-browser')
const tiles = (page: Page) => page.getByTestId('file-tile')
const tile = (page: Page, name: string) => tiles(page).filter({ has: page.getByText(name, { exact: true }) })
const details = (page: Page) => page.getByTestId('file-details')

async function openLibrary(page: Page, app: ServedApp, hash = '#/library') {
  await page.goto(`${app.url}${hash}`)
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(hash === '#/trash' ? 'Trash' : 'Library')
}

async function chooseView(page: Page, view: 'Grid' | 'List') {
  await page.locator('label').filter({ hasText: new RegExp(`^${view}$`) }).click()
}

async function sortBy(page: Page, label: 'Date added' | 'Name' | 'Size') {
  await page.getByRole('combobox', { name: 'Sort by', exact: true }).click()
  await page.getByRole('option', { name: label, exact: true }).click()
}

async function visibleNames(list: Locator): Promise<string[]> {
  return list.evaluateAll((els) => els.map((el) => el.getAttribute('aria-label') ?? ''))
}

test.use({ viewport: { width: 1280, height: 800 } })

test.describe('library', () => {
  test('shows imported files with thumbnails, as a grid or a list, sorted by name', async ({ page, app }, testInfo) => {
    await populate(app, SAMPLE)
    await openLibrary(page, app)

    await expect(tiles(page)).toHaveCount(7)
    await expect(page.getByTestId('file-count')).toHaveText('7 files')
    // Every file shows its thumbnail, decoded (not a broken image): pictures and the text files' first lines.
    const images = browser(page).locator('img')
    await expect(images).toHaveCount(7)
    for (const img of await images.all()) {
      await expect.poll(() => img.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth)).toBeGreaterThan(0)
    }
    await expect(tile(page, 'Recipes.txt').locator('img')).toHaveCount(1)
    await page.screenshot({ path: testInfo.outputPath('library-grid-light.png') })

    await chooseView(page, 'List')
    const row = page.getByTestId('file-row').filter({ hasText: 'Recipes.txt' })
    await expect(row.locator('[data-column="kind"]')).toHaveText('Text')
    await expect(row.locator('[data-column="size"]')).toHaveText('86 bytes')
    await expect(page.getByTestId('file-row').filter({ hasText: 'Harbour.png' }).locator('[data-column="kind"]')).toHaveText('Image')
    await page.screenshot({ path: testInfo.outputPath('library-list.png') })

    await sortBy(page, 'Name')
    const names = Object.keys(SAMPLE).sort((a, b) => a.localeCompare(b, 'en', { sensitivity: 'base' }))
    await expect.poll(() => visibleNames(page.getByTestId('file-row'))).toEqual(names)
    await page.getByTestId('sort-order').click()
    await expect.poll(() => visibleNames(page.getByTestId('file-row'))).toEqual([...names].reverse())

    // The layout is remembered, like a file manager's.
    await page.reload()
    await expect(page.getByTestId('file-row')).toHaveCount(7)
    await expect.poll(() => visibleNames(page.getByTestId('file-row'))).toEqual([...names].reverse())
  })

  test('search finds a text file by a word inside it and marks the word', async ({ page, app }, testInfo) => {
    await populate(app, SAMPLE)
    await openLibrary(page, app)
    await expect(tiles(page)).toHaveCount(7)

    // Ctrl+F goes to the library's search box.
    await browser(page).focus()
    await page.keyboard.press('Control+f')
    const search = page.getByRole('searchbox', { name: 'Search the library' })
    await expect(search).toBeFocused()
    await search.fill('thermos')

    const hits = page.getByTestId('search-hit')
    await expect(hits).toHaveCount(1)
    await expect(hits.first()).toHaveAttribute('aria-label', 'packing-list.txt')
    await expect(hits.first().getByTestId('matched-in')).toHaveText(['document text'])
    await expect(hits.first().getByTestId('search-snippet').locator('mark')).toHaveText('thermos')
    await expect(page.getByTestId('file-count')).toHaveText('1 match')
    await page.screenshot({ path: testInfo.outputPath('library-search.png') })

    await search.fill('no such words anywhere')
    await expect(page.getByText('Nothing matches “no such words anywhere”')).toBeVisible()
    await page.getByRole('button', { name: 'Clear the search' }).click()
    await expect(tiles(page)).toHaveCount(7)
  })

  test('tags a file from its details with autocomplete, then filters by that tag', async ({ page, app }, testInfo) => {
    const api = await populate(app, SAMPLE)
    await api.call('tags:create', { name: 'holiday' })
    await openLibrary(page, app)

    await tile(page, 'Orchard.jpg').dblclick()
    await expect(details(page).getByRole('heading', { name: 'Orchard.jpg' })).toBeVisible()
    await expect(details(page).getByRole('img', { name: 'Preview of Orchard.jpg' })).toBeVisible()
    await expect(details(page).getByTestId('file-facts')).toContainText('640 × 420 px')
    await expect(details(page).getByTestId('file-sources')).toContainText('Orchard.jpg')
    await expect(details(page).getByTestId('file-sources')).toContainText('Available')

    const tagField = details(page).getByRole('combobox', { name: 'Add a tag' })
    await tagField.fill('hol')
    await page.getByRole('listbox', { name: 'Tag suggestions' }).getByRole('option', { name: /holiday/ }).click()
    await expect(details(page).getByRole('listitem').filter({ hasText: 'holiday' })).toBeVisible()
    // A new tag is made with Enter.
    await tagField.fill('apples')
    await tagField.press('Enter')
    await expect(details(page).getByRole('listitem').filter({ hasText: 'apples' })).toBeVisible()
    await page.screenshot({ path: testInfo.outputPath('library-details.png') })

    await page.getByRole('combobox', { name: 'Tag', exact: true }).fill('holi')
    await page.getByRole('option', { name: /^holiday/ }).click()
    await expect(tiles(page)).toHaveCount(1)
    await expect(tiles(page).first()).toHaveAttribute('aria-label', 'Orchard.jpg')
    await expect(page.getByTestId('file-count')).toHaveText('1 matching')

    // Removing the tag in the details takes the file out of the filtered view.
    await details(page).getByRole('button', { name: 'Remove the tag holiday' }).click()
    await expect(page.getByText('No files match these filters')).toBeVisible()
  })

  test('a note saved in the details survives a reload', async ({ page, app }) => {
    await populate(app, SAMPLE)
    await openLibrary(page, app)
    await tile(page, 'Harbour.png').click()
    await page.keyboard.press('Enter')
    const note = details(page).getByRole('textbox', { name: 'Note' })
    await note.fill('Taken from the old lighthouse, windy afternoon.')
    await note.blur()
    await expect(details(page).getByTestId('note-saved')).toHaveText('Saved')

    await page.reload()
    await tile(page, 'Harbour.png').dblclick()
    await expect(details(page).getByRole('textbox', { name: 'Note' })).toHaveValue('Taken from the old lighthouse, windy afternoon.')
    // The note is searchable at once.
    await page.getByRole('searchbox', { name: 'Search the library' }).fill('lighthouse')
    await expect(page.getByTestId('search-hit')).toHaveCount(1)
    await expect(page.getByTestId('search-hit').getByTestId('matched-in')).toHaveText(['note'])
  })

  test('Delete trashes the selection with Undo; the Trash page restores, and empties for good', async ({ page, app }) => {
    const api = await populate(app, SAMPLE)
    await openLibrary(page, app)
    await expect(tiles(page)).toHaveCount(7)

    await tile(page, 'Meadow.jpg').click()
    await page.keyboard.press('Delete')
    await expect(tile(page, 'Meadow.jpg')).toHaveCount(0)
    await expect(tiles(page)).toHaveCount(6)
    const notice = page.locator('.mantine-Notification-root').filter({ hasText: 'Moved 1 file to the trash.' })
    await notice.getByRole('button', { name: 'Undo' }).click()
    await expect(tile(page, 'Meadow.jpg')).toHaveCount(1)

    // Two files (Ctrl-click adds the second) go to the trash; one comes back from the Trash page.
    await tile(page, 'Meadow.jpg').click()
    await tile(page, 'Dusk.png').click({ modifiers: ['ControlOrMeta'] })
    await page.keyboard.press('Delete')
    await expect(tiles(page)).toHaveCount(5)

    await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Trash' }).click()
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Trash')
    await expect(page.getByTestId('trash-summary')).toContainText('2 files')
    await expect(page.getByTestId('trash-summary')).toContainText('deleted for good after 30 days')
    await expect(tiles(page)).toHaveCount(2)
    await tile(page, 'Meadow.jpg').click()
    await page.getByTestId('selection-bar').getByRole('button', { name: 'Restore' }).click()
    await expect(tiles(page)).toHaveCount(1)

    const dusk = await api.fileId('Dusk.png').catch(() => null)
    expect(dusk).toBeNull() // trashed files are not found by search
    const trashed = (await api.call('files:list', { trashed: true })).items
    expect(trashed.map((f) => f.name)).toEqual(['Dusk.png'])

    await page.getByRole('button', { name: 'Empty trash' }).click()
    const dialog = page.getByRole('dialog', { name: 'Empty the trash?' })
    await expect(dialog).toContainText(/This deletes 1 file \(\d[\d.]* kB\) for good/)
    await dialog.getByRole('button', { name: 'Delete 1 file for good' }).click()
    await expect(page.getByTestId('trash-empty')).toBeVisible()
    await expect(api.call('files:get', { id: trashed[0]!.id })).rejects.toThrow(/NOT_FOUND/)

    await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Library' }).click()
    await expect(tiles(page)).toHaveCount(6)
    await expect(tile(page, 'Meadow.jpg')).toHaveCount(1)
  })

  test('Shift-click selects a range, Ctrl/Cmd-click one more, arrows move, Escape clears', async ({ page, app }) => {
    await populate(app, SAMPLE)
    await openLibrary(page, app)
    await sortBy(page, 'Name')
    const names = Object.keys(SAMPLE).sort((a, b) => a.localeCompare(b, 'en', { sensitivity: 'base' }))
    await expect.poll(() => visibleNames(tiles(page))).toEqual(names)

    const selected = () => visibleNames(browser(page).locator('[aria-selected="true"]'))
    await tile(page, names[1]!).click()
    await tile(page, names[4]!).click({ modifiers: ['Shift'] })
    await expect.poll(selected).toEqual(names.slice(1, 5))
    await expect(page.getByTestId('selection-bar')).toContainText('4 selected')

    await tile(page, names[6]!).click({ modifiers: ['ControlOrMeta'] })
    await expect.poll(selected).toEqual([...names.slice(1, 5), names[6]])

    // Arrows move the selection; Shift+arrow extends it; Ctrl/Cmd+A selects everything.
    await tile(page, names[0]!).click()
    await page.keyboard.press('ArrowRight')
    await expect.poll(selected).toEqual([names[1]])
    await page.keyboard.press('Shift+ArrowRight')
    await expect.poll(selected).toEqual(names.slice(1, 3))
    await page.keyboard.press('ControlOrMeta+a')
    await expect.poll(selected).toEqual(names)

    await page.keyboard.press('Escape')
    await expect.poll(selected).toEqual([])
    await expect(page.getByTestId('selection-bar')).toHaveCount(0)
  })

  test('a file whose preview failed says why, and offers to try again', async ({ page, app }) => {
    await populate(app, { 'Broken.jpg': corruptJpeg, 'Fine.png': () => scenePng(5) })
    await openLibrary(page, app)
    const warning = tile(page, 'Broken.jpg').getByTestId('preview-failed')
    await expect(warning).toBeVisible()
    await expect(tile(page, 'Fine.png').locator('img')).toBeVisible()
    await warning.hover()
    await expect(page.getByRole('tooltip')).not.toBeEmpty()

    await tile(page, 'Broken.jpg').dblclick()
    const alert = details(page).getByRole('alert').filter({ hasText: 'No preview could be made' })
    await expect(alert).toBeVisible()
    await alert.getByRole('button', { name: 'Retry preview' }).click()
    await expect(page.locator('.mantine-Notification-root').filter({ hasText: /preview/ })).toBeVisible()
    // Still damaged: it fails again and says so again.
    await expect(alert).toBeVisible()
  })

  test('2,000 files: the grid pages in as it scrolls, the last file is reachable, the page stays small', async ({ page, app }) => {
    test.setTimeout(240_000)
    const files: Record<string, Content> = {}
    for (let i = 1; i <= 2000; i++) files[`item-${String(i).padStart(4, '0')}.txt`] = `item number ${i}\n`
    // 2,000 text thumbnails take a while on a small machine; the grid is tested once they are made.
    await populate(app, files, { previewsMs: 150_000 })
    await openLibrary(page, app)
    await expect(page.getByTestId('file-count')).toHaveText('2,000 files')
    await sortBy(page, 'Name')
    await expect(tiles(page).first()).toHaveAttribute('aria-label', 'item-0001.txt')

    // Scrolled to the bottom like a person dragging the scroll bar: the last file appears.
    await browser(page).evaluate((el) => el.scrollTo({ top: el.scrollHeight }))
    await expect(tile(page, 'item-2000.txt')).toBeVisible()
    expect(await tiles(page).count()).toBeLessThan(150)

    // And from the keyboard: Home, then End.
    await tile(page, 'item-2000.txt').click()
    await page.keyboard.press('Home')
    await expect(tile(page, 'item-0001.txt')).toBeVisible()
    await page.keyboard.press('End')
    await expect(tile(page, 'item-2000.txt')).toBeVisible()
    await expect(tile(page, 'item-2000.txt')).toHaveAttribute('aria-selected', 'true')
    expect(await page.locator('[role="option"]').count()).toBeLessThan(150)

    // The list mode is virtualized too.
    await chooseView(page, 'List')
    await browser(page).evaluate((el) => el.scrollTo({ top: el.scrollHeight }))
    await expect(page.getByTestId('file-row').filter({ hasText: 'item-2000.txt' })).toBeVisible()
    expect(await page.getByTestId('file-row').count()).toBeLessThan(100)
  })
})

test.describe('appearance', () => {
  test.describe('dark', () => {
    test.use({ colorScheme: 'dark' })
    test('the grid and the details look right in a dark theme', async ({ page, app }, testInfo) => {
      await populate(app, SAMPLE)
      await openLibrary(page, app)
      await expect(page.locator('html')).toHaveAttribute('data-mantine-color-scheme', 'dark')
      await expect(tiles(page)).toHaveCount(7)
      await tile(page, 'Lake at dawn.jpg').dblclick()
      await expect(details(page).getByRole('img', { name: 'Preview of Lake at dawn.jpg' })).toBeVisible()
      await page.screenshot({ path: testInfo.outputPath('library-grid-dark.png') })
    })
  })

  test.describe('light', () => {
    test.use({ colorScheme: 'light' })
    test('a populated library: the README screenshot', async ({ page }) => {
      // A fixed, plain library path, so the picture does not change from run to run.
      const docsScratch = join(tmpdir(), 'trove-docs')
      await rm(docsScratch, { recursive: true, force: true })
      const served = await serveApp({ library: join(docsScratch, 'Trove') })
      try {
        const files: Record<string, Content> = {}
        const titles = ['Lake at dawn', 'Orchard', 'Harbour', 'Dusk', 'Meadow', 'Night ferry', 'Field trip', 'Garden', 'Bay', 'Cliffs', 'Hills', 'Sunset']
        titles.forEach((title, i) => (files[`${title}.jpg`] = () => sceneJpeg(i, 600, 400)))
        files['Recipes.txt'] = SAMPLE['Recipes.txt']!
        files['packing-list.txt'] = SAMPLE['packing-list.txt']!
        await populate(served, files)
        await openLibrary(page, served)
        await expect(tiles(page)).not.toHaveCount(0)
        await sortBy(page, 'Name')
        await tile(page, 'Cliffs.jpg').dblclick()
        await expect(details(page).getByRole('img', { name: 'Preview of Cliffs.jpg' })).toBeVisible()
        await page.keyboard.press('Escape') // the selection bar aside; the details stay
        await expect(page.getByTestId('selection-bar')).toHaveCount(0)
        for (const img of await browser(page).locator('img').all()) {
          await expect.poll(() => img.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth)).toBeGreaterThan(0)
        }
        await page.screenshot({ path: resolve(REPO_ROOT, 'docs', 'screenshot.png') })
      } finally {
        await served.stop()
        await rm(docsScratch, { recursive: true, force: true })
      }
    })
  })
})
