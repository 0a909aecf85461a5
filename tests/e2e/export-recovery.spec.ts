import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { serveApp } from '../support/serve-app'
import { LibraryApi } from '../support/library-api'
import { expect, test } from './fixtures'

test.use({ viewport: { width: 1280, height: 800 } })

test('the start-up recovery report is shown once: a leftover of an interrupted import, removed', async ({ page }) => {
  const scratch = await mkdtemp(join(tmpdir(), 'trove-e2e-recovery-'))
  const library = join(scratch, 'library')
  // What a crash mid-import leaves behind: a half-written file in tmp/.
  await mkdir(join(library, 'tmp'), { recursive: true })
  await writeFile(join(library, 'tmp', 'ingest-42.part'), 'half a file')
  const app = await serveApp({ library })
  try {
    await page.goto(app.url)
    const notice = page.getByRole('dialog', { name: 'Trove checked the library when it opened' })
    await expect(notice).toBeVisible()
    await expect(notice).toContainText('1 half-written file from an interrupted import or upload removed')
    await notice.getByRole('button', { name: 'OK' }).click()
    await expect(notice).toHaveCount(0)
    await page.reload()
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Library')
    await page.waitForTimeout(500)
    await expect(notice).toHaveCount(0)
  } finally {
    await app.stop()
    await rm(scratch, { recursive: true, force: true })
  }
})

test('export the selected files to a folder typed in, with the sidecar beside them', async ({ page, app }) => {
  const sources = await mkdtemp(join(tmpdir(), 'trove-e2e-export-src-'))
  const dest = await mkdtemp(join(tmpdir(), 'trove-e2e-export-dest-'))
  try {
    await writeFile(join(sources, 'Notes.txt'), 'some notes')
    await writeFile(join(sources, 'Plan.md'), '# plan')
    const api = await LibraryApi.connect(app.url)
    expect((await api.importPaths([join(sources, 'Notes.txt'), join(sources, 'Plan.md')])).state).toBe('completed')

    await page.goto(`${app.url}#/library`)
    const tiles = page.getByTestId('file-tile')
    await expect(tiles).toHaveCount(2)
    await tiles.first().click()
    await tiles.last().click({ modifiers: ['Shift'] })
    const bar = page.getByTestId('selection-bar')
    await expect(bar).toContainText('2 selected')
    await bar.getByRole('button', { name: 'Export…' }).click()
    const dialog = page.getByRole('dialog', { name: 'Export 2 files' })
    await dialog.getByRole('textbox', { name: 'Export to folder' }).fill(join(dest, 'out'))
    await dialog.getByRole('button', { name: 'Export', exact: true }).click()
    await expect(dialog).toHaveCount(0)
    await expect(page.getByText(`Exporting 2 files to ${join(dest, 'out')}`)).toBeVisible()

    await expect.poll(async () => (await readdir(join(dest, 'out')).catch(() => [])).sort(), { timeout: 10_000 }).toEqual(['Notes.txt', 'Plan.md', 'trove-export.json'])
    expect(await readFile(join(dest, 'out', 'Notes.txt'), 'utf8')).toBe('some notes')
    const sidecar = JSON.parse(await readFile(join(dest, 'out', 'trove-export.json'), 'utf8'))
    expect(sidecar).toMatchObject({ complete: true, source: { kind: 'files', count: 2 } })
  } finally {
    await rm(sources, { recursive: true, force: true })
    await rm(dest, { recursive: true, force: true })
  }
})

test('export a collection from its menu in the sidebar: subcollections become folders', async ({ page, app }) => {
  const sources = await mkdtemp(join(tmpdir(), 'trove-e2e-export-src-'))
  const dest = await mkdtemp(join(tmpdir(), 'trove-e2e-export-dest-'))
  try {
    await writeFile(join(sources, 'ticket.txt'), 'a ticket')
    const api = await LibraryApi.connect(app.url)
    expect((await api.importPaths([join(sources, 'ticket.txt')])).state).toBe('completed')
    const trips = await api.call('collections:create', { name: 'Trips' })
    const rome = await api.call('collections:create', { name: 'Rome', parentId: trips.id })
    await api.call('collections:add-files', { id: rome.id, fileIds: [await api.fileId('ticket.txt')] })

    await page.goto(`${app.url}#/library`)
    const tree = page.getByRole('tree', { name: 'Collections' })
    const row = tree.getByTestId('collection-row').filter({ has: page.getByRole('link', { name: 'Trips', exact: true }) })
    await row.hover()
    await tree.getByRole('button', { name: 'Actions for Trips' }).click()
    await page.getByRole('menuitem', { name: 'Export…' }).click()
    const dialog = page.getByRole('dialog', { name: 'Export the collection Trips' })
    await dialog.getByRole('textbox', { name: 'Export to folder' }).fill(dest)
    await dialog.getByRole('button', { name: 'Export', exact: true }).click()
    await expect(dialog).toHaveCount(0)
    // The destination is empty, so the export goes straight into it.
    await expect.poll(async () => readFile(join(dest, 'Rome', 'ticket.txt'), 'utf8').catch(() => ''), { timeout: 10_000 }).toBe('a ticket')
  } finally {
    await rm(sources, { recursive: true, force: true })
    await rm(dest, { recursive: true, force: true })
  }
})
