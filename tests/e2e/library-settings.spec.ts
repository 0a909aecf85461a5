import { expect, test } from './fixtures'

/** The library's own settings in the window: checked as typed, saved, still there after a reload. */
test('the largest file and the trash period are checked, saved and kept', async ({ app, page }) => {
  await page.goto(`${app.url}#/settings`)
  const form = page.getByRole('form', { name: 'Library settings' })
  const days = form.getByRole('textbox', { name: 'Keep trashed files for' })
  const size = form.getByRole('textbox', { name: 'Largest file' })
  await expect(days).toHaveValue('30')
  await expect(size).toHaveValue('68.719')
  await expect(form.getByRole('button', { name: 'Save' })).toBeDisabled()

  await days.fill('0')
  await size.fill('nothing')
  await form.getByRole('button', { name: 'Save' }).click()
  await expect(form).toContainText('Between 1 and 3,650 days')
  await expect(form).toContainText('Type a size')

  await days.fill('90')
  await size.fill('2')
  await form.getByRole('combobox', { name: 'Unit' }).selectOption('GB')
  await form.getByRole('button', { name: 'Save' }).click()
  await expect(page.getByText('Saved: files up to 2 GB; the trash keeps files 90 days.')).toBeVisible()

  await page.reload()
  await expect(days).toHaveValue('90')
  await expect(size).toHaveValue('2')
  await expect(form.getByRole('combobox', { name: 'Unit' })).toHaveValue('GB')
})
