/**
 * Documents in the window: PDFs, a scan, a photo of a note, text and Markdown dropped on the
 * library each show their thumbnail (the damaged PDF its warning), a word that exists only in
 * pictures is found by search and said to come from OCR, and a PDF is read page by page in the
 * detail panel with its text below.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { basename, join } from 'node:path'
import type { Page } from '@playwright/test'
import { DOC_WORDS, writeDocumentFixtures } from '../support/document-fixtures'
import { dropFiles, type PageFile } from './import-helpers'
import { expect, test } from './fixtures'

const tiles = (page: Page) => page.getByTestId('file-tile')
const tile = (page: Page, name: string) => tiles(page).filter({ has: page.getByText(name, { exact: true }) })
const MIMES: Record<string, string> = { pdf: 'application/pdf', png: 'image/png', txt: 'text/plain', md: 'text/markdown' }

async function fixtureFiles(): Promise<PageFile[]> {
  const dir = await mkdtemp(join(tmpdir(), 'trove-docs-'))
  try {
    const paths = Object.values(await writeDocumentFixtures(dir))
    return await Promise.all(
      paths.map(async (path) => ({ name: basename(path), type: MIMES[path.split('.').pop()!], base64: (await readFile(path)).toString('base64') })),
    )
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}

test.describe('document previews', () => {
  test.use({ viewport: { width: 1400, height: 900 } })

  test('drop documents: every thumbnail, the OCR word found with its source, PDF pages and text in the panel', async ({ page, app }) => {
    test.setTimeout(180_000)
    await page.goto(`${app.url}#/library`)
    await dropFiles(page.getByRole('main'), await fixtureFiles())
    await expect(tiles(page)).toHaveCount(6, { timeout: 30_000 })
    const imports = page.getByRole('dialog', { name: 'Imports' })
    await expect(imports).toContainText('6 added')
    await page.keyboard.press('Escape')
    await expect(imports).toBeHidden()

    for (const name of ['garden-survey.pdf', 'scan.pdf', 'note-photo.png', 'shopping.txt', 'trip-notes.md']) {
      const img = tile(page, name).locator('img')
      await expect(img, name).toBeVisible({ timeout: 30_000 })
      await expect.poll(() => img.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth), { message: name }).toBeGreaterThan(0)
    }
    await expect(tile(page, 'broken.pdf').getByTestId('preview-failed')).toBeVisible({ timeout: 30_000 })
    await page.screenshot({ path: '/tmp/previews-library.png' })

    // The word is only in the picture inside scan.pdf: found once OCR has read it.
    const search = page.getByRole('searchbox', { name: 'Search the library' })
    const hits = page.getByTestId('search-hit')
    // (Searching for something else in between makes the next search a new one. The search
    // waits 200 ms after typing, and a search for the word before OCR has read it also shows
    // "0 matches": wait for the other search's own result, or it never runs and the query
    // never changes.)
    await expect(async () => {
      await search.fill('zzzz')
      await expect(page.getByRole('heading', { name: 'Nothing matches “zzzz”' })).toBeVisible({ timeout: 2_000 })
      await search.fill(DOC_WORDS.scannedPdf)
      await expect(hits).toHaveCount(1, { timeout: 2_000 })
    }).toPass({ timeout: 100_000 })
    await expect(hits.first()).toHaveAttribute('aria-label', 'scan.pdf')
    await expect(hits.first().getByTestId('matched-in')).toHaveText(['text in images'])
    const snippet = hits.first().getByTestId('search-snippet')
    await expect(snippet).toHaveAttribute('data-field', 'ocr')
    await expect(snippet).toContainText('In text read from images (OCR):')
    await expect(snippet.locator('mark')).toHaveText(DOC_WORDS.scannedPdf)
    await page.screenshot({ path: '/tmp/previews-search-ocr.png' })

    // The word on page 3 of the PDF: in the document text.
    await search.fill(DOC_WORDS.pdfPage3)
    await expect(hits).toHaveCount(1)
    await expect(hits.first().getByTestId('matched-in')).toHaveText(['document text'])
    await expect(hits.first().getByTestId('search-snippet')).toContainText('In the document text:')

    // The PDF in the detail panel: its pages one by one, and its text.
    await hits.first().dblclick()
    const details = page.getByTestId('file-details')
    await expect(details).toBeVisible()
    const pages = details.getByTestId('pdf-pages')
    const pageImage = pages.locator('img')
    await expect(pageImage).toHaveAttribute('alt', 'Page 1 of garden-survey.pdf')
    await expect.poll(() => pageImage.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth)).toBeGreaterThan(0)
    await expect(pages.getByTestId('pdf-page-number')).toHaveText('Page 1 of 3')
    await page.screenshot({ path: '/tmp/previews-pdf-page.png' })
    await pages.getByRole('button', { name: 'Next page' }).click()
    await pages.getByRole('button', { name: 'Next page' }).click()
    await expect(pages.getByTestId('pdf-page-number')).toHaveText('Page 3 of 3')
    await expect(pageImage).toHaveAttribute('alt', 'Page 3 of garden-survey.pdf')
    await expect.poll(() => pageImage.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth)).toBeGreaterThan(0)
    await expect(pages.getByRole('button', { name: 'Next page' })).toBeDisabled()

    const text = details.getByTestId('extracted-text')
    await expect(text.getByTestId('extracted-text-source')).toHaveText(['from the document'])
    await text.getByRole('button', { name: /Text in this file/ }).click()
    await expect(text).toContainText(`a patch of ${DOC_WORDS.pdfPage3} near the gate`)
    await page.screenshot({ path: '/tmp/previews-pdf-detail.png' })
  })
})
