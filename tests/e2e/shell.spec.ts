import { existsSync } from 'node:fs'
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Page } from '@playwright/test'
import { serveApp, type ServedApp } from '../support/serve-app'
import { expect, test } from './fixtures'

/** The six sections, in navigation order, with the address each opens. */
const SECTIONS = [
  ['Library', '#/library'],
  ['Collections', '#/collections'],
  ['Watched folders', '#/watched'],
  ['Diary', '#/diary'],
  ['Import history', '#/history'],
  ['Settings', '#/settings'],
] as const

const sections = (page: Page) => page.getByRole('navigation', { name: 'Sections' })
const pageHeading = (page: Page) => page.getByRole('heading', { level: 1 })

/** A scratch folder outside any library, removed after the test. */
async function scratchFolder(): Promise<{ path: string; dispose: () => Promise<void> }> {
  const path = await mkdtemp(join(tmpdir(), 'trove-shell-'))
  return { path, dispose: () => rm(path, { recursive: true, force: true }) }
}

async function withServer<T>(served: Promise<ServedApp>, body: (app: ServedApp) => Promise<T>): Promise<T> {
  const app = await served
  try {
    return await body(app)
  } finally {
    await app.stop()
  }
}

test.describe('app shell', () => {
  test('shows the frame and opens each section from the navigation', async ({ page, app }) => {
    await page.goto(app.url)

    await expect(page.getByRole('banner')).toContainText('Trove')
    await expect(page.getByTestId('job-status')).toHaveText('No jobs running')
    await expect(page.getByRole('main')).toBeVisible()
    // The default section is the library; a new library says how to add files.
    await expect(pageHeading(page)).toHaveText('Library')
    await expect(page.getByTestId('library-empty')).toContainText('Your library is empty')

    for (const [name, hash] of SECTIONS) {
      const link = sections(page).getByRole('link', { name, exact: true })
      await link.click()
      await expect(page).toHaveURL(new RegExp(`${hash}$`))
      await expect(pageHeading(page)).toHaveText(name)
      await expect(link).toHaveAttribute('aria-current', 'page')
      await expect(page).toHaveTitle(`${name} – Trove`)
    }
    await expect(sections(page).getByRole('link', { name: 'Library', exact: true })).not.toHaveAttribute('aria-current')

    // Back goes to the previous section, like any window with history.
    await page.goBack()
    await expect(pageHeading(page)).toHaveText('Import history')
  })

  test('opens a section from its address, and an unknown address shows the library', async ({ page, app }) => {
    await page.goto(`${app.url}#/diary`)
    await expect(pageHeading(page)).toHaveText('Diary')
    await page.goto(`${app.url}#/no-such-section`)
    await expect(pageHeading(page)).toHaveText('Library')
    await expect(page).toHaveURL(/#\/library$/)
  })

  test('can be used from the keyboard, with the focus visible', async ({ page, app }) => {
    await page.goto(app.url)
    await expect(pageHeading(page)).toHaveText('Library')

    await page.keyboard.press('Tab')
    const skip = page.getByRole('button', { name: 'Skip to content' })
    await expect(skip).toBeFocused()
    await expect(skip).toBeInViewport()

    // Then the header's controls, in the order they are seen: Add files, the job status.
    await page.keyboard.press('Tab')
    await expect(page.getByRole('banner').getByRole('button', { name: 'Add files' })).toBeFocused()
    await page.keyboard.press('Tab')
    await expect(page.getByTestId('job-status').getByRole('button')).toBeFocused()

    await page.keyboard.press('Tab')
    const first = sections(page).getByRole('link', { name: 'Library', exact: true })
    await expect(first).toBeFocused()
    const outline = await first.evaluate((el) => getComputedStyle(el).outlineStyle)
    expect(outline).not.toBe('none')

    // Down the list to Diary, and Enter opens it.
    for (let i = 0; i < 3; i++) await page.keyboard.press('Tab')
    await expect(sections(page).getByRole('link', { name: 'Diary', exact: true })).toBeFocused()
    await page.keyboard.press('Enter')
    await expect(pageHeading(page)).toHaveText('Diary')
  })
})

test.describe('settings', () => {
  test('shows the open library and what Trove runs on', async ({ page, app }) => {
    await page.goto(`${app.url}#/settings`)
    await expect(pageHeading(page)).toHaveText('Settings')

    await expect(page.getByTestId('library-path')).toHaveText(app.library)
    const schema = Number(await page.getByTestId('schema-version').textContent())
    expect(schema).toBeGreaterThanOrEqual(1)
    await expect(page.getByTestId('free-space')).toContainText(/^\d[\d.,]* (bytes|kB|MB|GB|TB|PB)/)

    const about = page.getByRole('region', { name: 'About Trove' })
    await expect(about).toContainText('0.1.0')
    await expect(about).toContainText('loopback')
    await expect(about).toContainText(/SQLite\s*3\.\d+/)
    await expect(about).toContainText(/Node\.js\s*\d+\.\d+/)

    // The loopback transport has no native folder dialog, so no Browse… button is offered.
    await expect(page.getByRole('button', { name: /Browse/ })).toHaveCount(0)
  })

  test('refuses a file as the library and keeps the current one', async ({ page, app }) => {
    const scratch = await scratchFolder()
    try {
      const file = join(scratch.path, 'notes.txt')
      await writeFile(file, 'not a folder\n')
      await page.goto(`${app.url}#/settings`)
      await expect(page.getByTestId('library-path')).toHaveText(app.library)

      await page.getByRole('textbox', { name: 'Library folder' }).fill(file)
      await page.getByRole('button', { name: 'Open', exact: true }).click()

      const alert = page.getByRole('alert').filter({ hasText: 'That path is a file, not a folder.' })
      await expect(alert).toBeVisible()
      await expect(alert).toContainText(`${file} is a file, not a folder`)
      await expect(alert).toContainText('NOT_A_FOLDER')

      // Still in the app, still on the same library, also after asking main afresh.
      await expect(pageHeading(page)).toHaveText('Settings')
      await expect(page.getByTestId('library-path')).toHaveText(app.library)
      await page.reload()
      await expect(pageHeading(page)).toHaveText('Settings')
      await expect(page.getByTestId('library-path')).toHaveText(app.library)
    } finally {
      await scratch.dispose()
    }
  })

  test('opens another library folder', async ({ page, app }) => {
    const scratch = await scratchFolder()
    try {
      const other = join(scratch.path, 'Other library')
      await page.goto(`${app.url}#/settings`)
      await page.getByRole('textbox', { name: 'Library folder' }).fill(other)
      await page.getByRole('button', { name: 'Open', exact: true }).click()

      await expect(page.getByRole('alert').filter({ hasText: 'Library opened' })).toContainText(other)
      await expect(page.getByTestId('library-path')).toHaveText(other)
      await expect(page.getByRole('textbox', { name: 'Library folder' })).toHaveValue('')
      expect(existsSync(join(other, 'trove.db'))).toBe(true)
    } finally {
      await scratch.dispose()
    }
  })
})

test.describe('first run', () => {
  test('proposes a folder, explains a bad choice, then opens the chosen library', async ({ page }) => {
    const scratch = await scratchFolder()
    try {
      await withServer(serveApp({ args: ['--ask'] }), async (first) => {
        await page.goto(first.url)

        await expect(pageHeading(page)).toHaveText('Welcome to Trove')
        await expect(page.getByRole('navigation')).toHaveCount(0)
        const folder = page.getByRole('textbox', { name: 'Library folder' })
        await expect(folder).toHaveValue(first.library)

        const file = join(scratch.path, 'a-file.txt')
        await writeFile(file, 'hello\n')
        await folder.fill(file)
        await page.getByRole('button', { name: 'Create or open library' }).click()
        const alert = page.getByRole('alert').filter({ hasText: 'That path is a file, not a folder.' })
        await expect(alert).toContainText(`${file} is a file, not a folder`)
        await expect(pageHeading(page)).toHaveText('Welcome to Trove')
        await expect(folder).toHaveValue(file)

        const fresh = join(scratch.path, 'My Trove')
        await folder.fill(fresh)
        await page.getByRole('button', { name: 'Create or open library' }).click()

        await expect(pageHeading(page)).toHaveText('Library')
        await expect(sections(page)).toBeVisible()
        await sections(page).getByRole('link', { name: 'Settings', exact: true }).click()
        await expect(page.getByTestId('library-path')).toHaveText(fresh)
        expect(existsSync(join(fresh, 'trove.db'))).toBe(true)
      })
    } finally {
      await scratch.dispose()
    }
  })

  test('says why the library could not be opened at start-up', async ({ page }) => {
    const scratch = await scratchFolder()
    try {
      const blocked = join(scratch.path, 'library-file')
      await writeFile(blocked, 'this is a file where the library should be\n')
      await withServer(serveApp({ library: blocked }), async (served) => {
        await page.goto(served.url)
        await expect(pageHeading(page)).toHaveText('Choose a library folder')
        const alert = page.getByRole('alert').filter({ hasText: `The library at ${blocked} could not be opened` })
        await expect(alert).toContainText('That path is a file, not a folder.')

        const fresh = join(scratch.path, 'fresh')
        await mkdir(fresh)
        await page.getByRole('textbox', { name: 'Library folder' }).fill(fresh)
        await page.getByRole('button', { name: 'Create or open library' }).click()
        await expect(pageHeading(page)).toHaveText('Library')
      })
    } finally {
      await scratch.dispose()
    }
  })
})

test.describe('start-up', () => {
  test('explains when Trove cannot be reached, and recovers on Try again', async ({ page, app }) => {
    await page.route('**/api/call', (route) => route.abort('connectionrefused'))
    await page.goto(app.url)
    await expect(pageHeading(page)).toHaveText('Trove could not start')
    await expect(page.getByRole('alert')).toContainText('Trove cannot do that right now.')

    await page.unroute('**/api/call')
    await page.getByRole('button', { name: 'Try again' }).click()
    await expect(pageHeading(page)).toHaveText('Library')
  })
})

test.describe('appearance', () => {
  test.use({ viewport: { width: 1280, height: 800 } })

  test.describe('light', () => {
    test.use({ colorScheme: 'light' })
    test('follows a light system theme', async ({ page, app }, testInfo) => {
      // The README screenshot (a populated library) is taken by library.spec.ts.
      await page.goto(app.url)
      await expect(pageHeading(page)).toHaveText('Library')
      await expect(page.locator('html')).toHaveAttribute('data-mantine-color-scheme', 'light')
      await page.screenshot({ path: testInfo.outputPath('library-light.png') })
    })
  })

  test.describe('dark', () => {
    test.use({ colorScheme: 'dark' })
    test('follows a dark system theme', async ({ page, app }, testInfo) => {
      await page.goto(app.url)
      await expect(pageHeading(page)).toHaveText('Library')
      await expect(page.locator('html')).toHaveAttribute('data-mantine-color-scheme', 'dark')
      const background = await page.locator('body').evaluate((el) => getComputedStyle(el).backgroundColor)
      expect(background).not.toBe('rgb(255, 255, 255)')
      await page.screenshot({ path: testInfo.outputPath('library-dark.png') })
    })
  })
})
