import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, test } from './fixtures'

/**
 * "Export diary…" in the diary's header: offered only while unlocked, it asks the person to
 * confirm that readable copies leave the vault before anything is written, then writes the
 * entry as Markdown. The key file uses the real scrypt cost: setup takes seconds.
 */

const PASSPHRASE = 'plum orchard lantern quietly 1987 ferry'

test('exports the diary as Markdown after the person confirms that the copies are readable', async ({ page, app }) => {
  test.setTimeout(120_000)
  const dest = await mkdtemp(join(tmpdir(), 'trove-e2e-diary-export-'))
  try {
    await page.goto(`${app.url}#/diary`)
    await expect(page.getByRole('button', { name: 'Export diary…' })).toHaveCount(0)
    const setup = page.getByTestId('diary-setup')
    await setup.getByLabel('Passphrase', { exact: true }).fill(PASSPHRASE)
    await setup.getByLabel('Type it again').fill(PASSPHRASE)
    await setup.getByRole('button', { name: 'Create the diary' }).click()
    const code = (await page.getByTestId('recovery-code').textContent({ timeout: 60_000 }))!.trim()
    await page.getByLabel(/type the last group/).fill(code.slice(-5))
    await page.getByRole('button', { name: /I kept it/ }).click()
    const editor = page.getByTestId('diary-editor')
    await editor.getByLabel('Day').fill('2025-03-14')
    await editor.getByLabel('Title').fill('Plum blossom')
    await editor.getByLabel('Entry text (Markdown)').fill('The first **plum** blossom.')
    await editor.getByRole('button', { name: 'Save entry' }).click()
    await expect(editor.getByRole('button', { name: 'Delete entry' })).toBeVisible()

    await page.getByRole('button', { name: 'Export diary…' }).click()
    const dialog = page.getByRole('dialog', { name: 'Export the diary' })
    await expect(dialog).toContainText('These copies are not encrypted')
    await dialog.getByRole('textbox', { name: 'Export to folder' }).fill(join(dest, 'out'))
    const exportButton = dialog.getByRole('button', { name: 'Export', exact: true })
    await expect(exportButton).toBeDisabled()
    await dialog.getByRole('checkbox', { name: /readable copies of my diary outside the vault/ }).check()
    await exportButton.click()
    await expect(dialog).toHaveCount(0)
    await expect(page.getByText(`Exporting the diary to ${join(dest, 'out')}`)).toBeVisible()

    await expect.poll(async () => (await readdir(join(dest, 'out', 'Diary')).catch(() => [])).sort(), { timeout: 10_000 }).toEqual(['2025-03-14 Plum blossom.md'])
    const markdown = await readFile(join(dest, 'out', 'Diary', '2025-03-14 Plum blossom.md'), 'utf8')
    expect(markdown).toContain('date: "2025-03-14"')
    expect(markdown).toContain('# Plum blossom\n\nThe first **plum** blossom.')
  } finally {
    await rm(dest, { recursive: true, force: true })
  }
})
