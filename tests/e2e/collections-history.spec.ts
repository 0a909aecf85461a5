import type { Page } from '@playwright/test'
import { dropFiles, holdDrag, TINY_PNG_BASE64 } from './import-helpers'
import { expect, test } from './fixtures'

const sections = (page: Page) => page.getByRole('navigation', { name: 'Sections' })
const tree = (page: Page) => page.getByRole('tree', { name: 'Collections' })
const pageHeading = (page: Page) => page.getByRole('heading', { level: 1 })
const notifications = (page: Page) => page.getByTestId('import-notification')
const rowOf = (page: Page, name: string) => tree(page).getByTestId('collection-row').filter({ has: page.getByRole('link', { name, exact: true }) })

async function rowAction(page: Page, name: string, action: string): Promise<void> {
  await rowOf(page, name).hover()
  await tree(page).getByRole('button', { name: `Actions for ${name}` }).click()
  await page.getByRole('menuitem', { name: action }).click()
}

async function nameDialog(page: Page, title: string, name: string, submit: string): Promise<void> {
  const dialog = page.getByRole('dialog', { name: title })
  await dialog.getByRole('textbox', { name: 'Name' }).fill(name)
  await dialog.getByRole('button', { name: submit, exact: true }).click()
}

test.use({ viewport: { width: 1280, height: 860 } })

test('collections: create, nest, rename, drop files onto one, see them on its page, move, delete (the files stay)', async ({ page, app }, testInfo) => {
  await page.goto(app.url)
  await expect(sections(page)).toContainText('None yet.')

  await sections(page).getByRole('button', { name: 'New collection' }).click()
  await nameDialog(page, 'New collection', 'Trips', 'Create')
  await expect(tree(page).getByRole('link', { name: 'Trips', exact: true })).toBeVisible()

  await rowAction(page, 'Trips', 'New collection inside…')
  await nameDialog(page, 'New collection inside “Trips”', '2024', 'Create')
  await expect(tree(page).getByRole('link', { name: '2024', exact: true })).toBeVisible()

  // The same name beside it is refused, with the library's reason.
  await rowAction(page, 'Trips', 'New collection inside…')
  await nameDialog(page, 'New collection inside “Trips”', '2024', 'Create')
  const refused = page.getByRole('dialog', { name: 'New collection inside “Trips”' }).getByRole('alert')
  await expect(refused).toContainText('Something with that name already exists.')
  await expect(refused).toContainText('A collection named "2024" already exists there.')
  await page.getByRole('dialog', { name: 'New collection inside “Trips”' }).getByRole('button', { name: 'Cancel' }).click()

  await rowAction(page, '2024', 'Rename…')
  await nameDialog(page, 'Rename “2024”', 'Summer 2024', 'Rename')
  await expect(tree(page).getByRole('link', { name: 'Summer 2024', exact: true })).toBeVisible()
  await expect(tree(page).getByRole('link', { name: '2024', exact: true })).toHaveCount(0)

  // Files dragged over a collection in the sidebar go into it.
  const summer = rowOf(page, 'Summer 2024')
  const files = [
    { name: 'beach.txt', type: 'text/plain', text: 'Sand and sea.\n' },
    { name: 'sunset.png', type: 'image/png', base64: TINY_PNG_BASE64 },
  ]
  const release = await holdDrag(page, summer, files)
  await expect(page.getByTestId('drop-message')).toHaveText('Drop to add 2 files into the collection “Summer 2024”')
  await expect(page.getByTestId('drop-overlay')).toHaveAttribute('data-target', 'collection')
  await page.screenshot({ animations: 'disabled', path: testInfo.outputPath('collections-drop.png') })
  await release()
  await dropFiles(summer, files)
  await expect(notifications(page).filter({ hasText: 'Imported 2 files into “Summer 2024”' })).toContainText('2 added')
  await expect(summer).toContainText('2')
  await page.getByRole('button', { name: 'Close the imports panel' }).click()
  await expect(page.getByRole('dialog', { name: 'Imports' })).toBeHidden()
  await page.screenshot({ animations: 'disabled', path: testInfo.outputPath('collections-tree.png') })

  // From the keyboard: arrows move along the tree, Enter opens a collection.
  await tree(page).getByRole('treeitem').first().focus()
  await page.keyboard.press('ArrowDown')
  await expect(tree(page).getByRole('treeitem', { name: /Summer 2024/ })).toBeFocused()
  const ring = await rowOf(page, 'Summer 2024').evaluate((el) => getComputedStyle(el).outlineStyle)
  expect(ring).not.toBe('none')
  await page.keyboard.press('Enter')
  await expect(page).toHaveURL(/#\/collections\/\d+$/)
  await expect(pageHeading(page)).toHaveText('Summer 2024')
  await expect(page.getByRole('main').getByRole('link', { name: 'Trips' })).toBeVisible()
  const listed = page.getByRole('listbox', { name: 'Files in this collection' })
  await expect(listed).toContainText('beach.txt')
  await expect(listed).toContainText('sunset.png')
  await page.screenshot({ animations: 'disabled', path: testInfo.outputPath('collection-page.png') })

  // The parent shows them too when asked to include what is inside it.
  await page.getByRole('main').getByRole('link', { name: 'Trips' }).click()
  await expect(pageHeading(page)).toHaveText('Trips')
  await expect(page.getByTestId('collection-empty')).toBeVisible()
  await page.getByRole('switch', { name: 'Show their files too' }).check()
  await expect(page.getByRole('listbox', { name: 'Files in this collection' })).toContainText('beach.txt')

  // Move it out to the top level with "Move to…".
  await rowAction(page, 'Summer 2024', 'Move to…')
  const move = page.getByRole('dialog', { name: 'Move “Summer 2024”' })
  await move.getByRole('combobox', { name: 'Move into' }).click()
  await page.getByRole('option', { name: 'Top level' }).click()
  await move.getByRole('button', { name: 'Move', exact: true }).click()
  await expect(tree(page).getByRole('treeitem', { name: /Summer 2024/ })).toHaveAttribute('data-level', '1')

  // Or drag a row onto another: it goes inside it.
  await sections(page).getByRole('button', { name: 'New collection' }).click()
  await nameDialog(page, 'New collection', 'Inbox', 'Create')
  await rowOf(page, 'Inbox').dragTo(rowOf(page, 'Trips'))
  await expect(tree(page).getByRole('treeitem', { name: /Inbox/ })).toHaveAttribute('data-level', '2')
  // And onto the heading: back to the top level.
  await rowOf(page, 'Inbox').dragTo(sections(page).getByRole('heading', { name: 'Collections' }))
  await expect(tree(page).getByRole('treeitem', { name: /Inbox/ })).toHaveAttribute('data-level', '1')

  // Deleting says the files stay, and they do.
  await rowAction(page, 'Summer 2024', 'Delete…')
  const confirm = page.getByRole('dialog', { name: 'Delete “Summer 2024”?' })
  await expect(confirm.getByTestId('delete-collection-files-stay')).toHaveText('The 2 files in it stay in your library; only the grouping goes.')
  await confirm.getByRole('button', { name: 'Delete collection' }).click()
  await expect(tree(page).getByRole('link', { name: 'Summer 2024', exact: true })).toHaveCount(0)
  await expect(tree(page).getByRole('link', { name: 'Trips', exact: true })).toBeVisible()

  await sections(page).getByRole('link', { name: 'Settings', exact: true }).click()
  await expect(page.getByRole('row', { name: /^files\s+2$/ })).toBeVisible()
})

test('import history: empty at first, then filters by outcome, name, date and import', async ({ page, app }, testInfo) => {
  await page.goto(`${app.url}#/history`)
  await expect(page.getByTestId('history-empty')).toContainText('Nothing imported yet')

  const main = page.getByRole('main')
  await dropFiles(main, [
    { name: 'beach.txt', type: 'text/plain', text: 'Sand and sea.\n' },
    { name: 'notes.txt', type: 'text/plain', text: 'Shopping list.\n' },
    { name: 'holiday beach.png', type: 'image/png', base64: TINY_PNG_BASE64 },
  ])
  await expect(notifications(page).filter({ hasText: 'Imported 3 files' })).toContainText('3 added')
  await dropFiles(main, [{ name: 'beach copy.txt', type: 'text/plain', text: 'Sand and sea.\n' }])
  await expect(notifications(page).filter({ hasText: 'Imported beach copy.txt' })).toContainText('0 added, 1 already in the library')
  await page.getByRole('button', { name: 'Close the imports panel' }).click()
  await expect(page.getByRole('dialog', { name: 'Imports' })).toBeHidden()

  const rows = page.getByTestId('history-row')
  await expect(rows).toHaveCount(4)
  await expect(page.getByTestId('history-batch')).toHaveCount(2)
  await expect(rows.filter({ hasText: 'beach copy.txt' })).toContainText('Already in the library since')

  const outcome = page.getByRole('combobox', { name: 'Outcome' })
  await outcome.click()
  await page.getByRole('option', { name: 'Already in library' }).click()
  await expect(rows).toHaveCount(1)
  await expect(rows).toContainText('beach copy.txt')

  await outcome.click()
  await page.getByRole('option', { name: 'Added' }).click()
  await expect(rows).toHaveCount(3)

  await page.getByRole('textbox', { name: 'Name contains' }).fill('beach')
  await expect(rows).toHaveCount(2)
  await expect(rows.filter({ hasText: 'notes.txt' })).toHaveCount(0)

  await outcome.click()
  await page.getByRole('option', { name: 'All outcomes' }).click()
  await expect(rows).toHaveCount(3)
  await page.screenshot({ animations: 'disabled', path: testInfo.outputPath('history.png'), fullPage: true })

  await page.getByRole('textbox', { name: 'From' }).fill('2099-01-01')
  await expect(page.getByTestId('history-no-match')).toBeVisible()
  await page.getByRole('button', { name: 'Clear filters' }).click()
  await expect(rows).toHaveCount(4)

  // One import only, from its heading, and back.
  await page.getByRole('link', { name: 'Only this import' }).first().click()
  await expect(rows).toHaveCount(1)
  await expect(page).toHaveURL(/#\/history\?batch=/)
  await page.getByRole('button', { name: 'Show every import' }).click()
  await expect(rows).toHaveCount(4)

  // Without grouping: one row per file, no headings.
  await page.getByRole('switch', { name: 'Group by import' }).uncheck()
  await expect(page.getByTestId('history-batch')).toHaveCount(0)
  await expect(rows).toHaveCount(4)
})

test('import history: a page at a time, with Load more', async ({ page, app }) => {
  await page.goto(`${app.url}#/history`)
  const files = Array.from({ length: 105 }, (_, i) => ({ name: `note ${String(i).padStart(3, '0')}.txt`, type: 'text/plain', text: `Note number ${i}.\n` }))
  await dropFiles(page.getByRole('main'), files)
  await expect(notifications(page).filter({ hasText: 'Imported 105 files' })).toContainText('105 added', { timeout: 60_000 })
  await page.getByRole('button', { name: 'Close the imports panel' }).click()

  const rows = page.getByTestId('history-row')
  await expect(rows).toHaveCount(100)
  await page.getByRole('button', { name: 'Load more' }).click()
  await expect(rows).toHaveCount(105)
  await expect(page.getByRole('button', { name: 'Load more' })).toHaveCount(0)
  // The grouping carries over the page boundary: still one import.
  await expect(page.getByTestId('history-batch')).toHaveCount(1)
})
