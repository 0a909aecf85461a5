/**
 * Photos, films and recordings in the window: dropped on the library, each shows its thumbnail
 * (the cut-off film and the empty photo their warning); in the detail panel a film Chromium can
 * decode plays, an HEVC film shows its poster and says why it cannot play, a song shows its
 * cover above the player with its tags, and a photo its camera and place.
 */
import { copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { basename, join } from 'node:path'
import type { Page } from '@playwright/test'
import { blackThenPatternMp4, geotaggedJpeg, HEIC_FIXTURE, hevcMp4, taggedMp3WithCover, truncatedCopy } from '../support/media-fixtures'
import { dropFiles, type PageFile } from './import-helpers'
import { expect, test } from './fixtures'

const tiles = (page: Page) => page.getByTestId('file-tile')
const tile = (page: Page, name: string) => tiles(page).filter({ has: page.getByText(name, { exact: true }) })
const MIMES: Record<string, string> = { mp4: 'video/mp4', mp3: 'audio/mpeg', jpg: 'image/jpeg', heic: 'image/heic' }

async function fixtureFiles(): Promise<PageFile[]> {
  const dir = await mkdtemp(join(tmpdir(), 'trove-media-'))
  try {
    const clip = await blackThenPatternMp4(dir)
    const photo = join(dir, 'geotagged.jpg')
    await writeFile(photo, await geotaggedJpeg())
    const heic = join(dir, 'iphone.heic')
    await copyFile(HEIC_FIXTURE, heic)
    const empty = join(dir, 'empty.jpg')
    await writeFile(empty, Buffer.alloc(0))
    const paths = [clip, await truncatedCopy(clip, dir, 'cut-off.mp4'), await hevcMp4(dir), await taggedMp3WithCover(dir), photo, heic, empty]
    return await Promise.all(
      paths.map(async (path) => ({ name: basename(path), type: MIMES[path.split('.').pop()!], base64: (await readFile(path)).toString('base64') })),
    )
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}

test.describe('media previews', () => {
  test.use({ viewport: { width: 1400, height: 900 } })

  test('drop photos, films and a song: thumbnails, warnings, playback where the codec plays, facts', async ({ page, app }) => {
    test.setTimeout(180_000)
    await page.goto(`${app.url}#/library`)
    await dropFiles(page.getByRole('main'), await fixtureFiles())
    const imports = page.getByRole('dialog', { name: 'Imports' })
    await expect(imports).toContainText('7 added', { timeout: 60_000 })
    await page.keyboard.press('Escape')
    await expect(imports).toBeHidden()
    for (const name of ['clip.mp4', 'phone-hevc.mp4', 'song.mp3', 'geotagged.jpg', 'iphone.heic']) {
      const img = tile(page, name).locator('img')
      await expect(img, name).toBeVisible({ timeout: 60_000 })
      await expect.poll(() => img.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth), { message: name }).toBeGreaterThan(0)
    }
    for (const name of ['cut-off.mp4', 'empty.jpg']) await expect(tile(page, name).getByTestId('preview-failed'), name).toBeVisible({ timeout: 30_000 })

    const details = page.getByTestId('file-details')
    await tile(page, 'phone-hevc.mp4').dblclick()
    await expect(details.getByTestId('video-unplayable')).toHaveText("This video's codec (HEVC) cannot be played here. Open it with another app to watch it.")
    await expect(details.locator('video')).toHaveCount(0)
    await expect(details.getByTestId('file-facts')).toContainText('HEVC')

    await tile(page, 'clip.mp4').dblclick()
    await expect(details.locator('video')).toHaveAttribute('src', /original/)
    await expect(details.getByTestId('file-facts')).toContainText('H.264')

    await tile(page, 'song.mp3').dblclick()
    await expect(details.getByRole('img', { name: 'Cover of song.mp3' })).toBeVisible()
    await expect(details.locator('audio')).toBeVisible()
    const facts = details.getByTestId('file-facts')
    for (const text of ['Quiet Harbour', 'The Test Tones', 'Generated Songs', '0:02']) await expect(facts).toContainText(text)

    await tile(page, 'geotagged.jpg').dblclick()
    await expect(facts).toContainText('Acme Snap 9')
    await expect(facts).toContainText('51.500000° N, 0.125000° W, 35 m')
    await expect(facts).toContainText('400 × 600 px')
    await page.screenshot({ path: '/tmp/media-previews.png' })
  })
})
