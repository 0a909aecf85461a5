import { readFile } from 'node:fs/promises'
import type { Locator, Page } from '@playwright/test'
import { orientedJpeg } from '../support/images'
import { expect, test } from './fixtures'

/**
 * The diary as a person uses it, in Chromium over the loopback server: set up (the recovery
 * code saved and its last group typed back), an entry written with a photo and a short video,
 * locked (the media stop being served), unlocked, the entry read back, the photo's encrypted
 * thumbnail decoded, and the video played from a seek point.
 *
 * The key file uses the real scrypt cost, as a person's would: setup and unlock take seconds.
 */

const PASSPHRASE = 'plum orchard lantern quietly 1987 ferry'

// A fake microphone (a tone) for the voice-note test; launch options apply to the whole file.
test.use({
  launchOptions: {
    executablePath: process.env.TROVE_CHROMIUM ?? '/usr/bin/chromium',
    args: ['--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream'],
  },
})

/** A WebM made in the page (MediaRecorder over a canvas stream): about three seconds, 160×120. */
async function recordWebm(page: Page): Promise<Buffer> {
  const base64 = await page.evaluate(async () => {
    const canvas = document.createElement('canvas')
    canvas.width = 160
    canvas.height = 120
    const ctx = canvas.getContext('2d')!
    let frame = 0
    const draw = () => {
      ctx.fillStyle = `hsl(${(frame * 12) % 360}, 80%, 50%)`
      ctx.fillRect(0, 0, 160, 120)
      ctx.fillStyle = '#fff'
      ctx.font = '40px sans-serif'
      ctx.fillText(String(frame++), 20, 80)
    }
    draw()
    const stream = canvas.captureStream(25)
    const recorder = new MediaRecorder(stream, { mimeType: 'video/webm;codecs=vp8' })
    const chunks: Blob[] = []
    recorder.ondataavailable = (e) => chunks.push(e.data)
    const stopped = new Promise((r) => (recorder.onstop = r))
    const timer = setInterval(draw, 40)
    recorder.start(250)
    await new Promise((r) => setTimeout(r, 3000))
    recorder.stop()
    await stopped
    clearInterval(timer)
    const bytes = new Uint8Array(await new Blob(chunks).arrayBuffer())
    let binary = ''
    for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000))
    return btoa(binary)
  })
  return Buffer.from(base64, 'base64')
}

/** Resolves once an image has been decoded (naturalWidth > 0), with its natural size. */
async function decodedSize(image: Locator): Promise<{ width: number; height: number }> {
  await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0), { timeout: 15_000 }).toBe(true)
  return image.evaluate((img: HTMLImageElement) => ({ width: img.naturalWidth, height: img.naturalHeight }))
}

/** Sets the diary up through the screens and returns the recovery code. */
async function setUpDiary(page: Page, passphrase: string): Promise<string> {
  const setup = page.getByTestId('diary-setup')
  await setup.getByLabel('Passphrase', { exact: true }).fill(passphrase)
  await setup.getByLabel('Type it again').fill(passphrase)
  await expect(setup.getByTestId('passphrase-strength')).toHaveAttribute('data-score', /[34]/)
  await setup.getByRole('button', { name: 'Create the diary' }).click()
  const code = (await page.getByTestId('recovery-code').textContent({ timeout: 60_000 }))!.trim()
  await page.getByLabel(/type the last group/).fill(code.slice(-5))
  await page.getByRole('button', { name: /I kept it/ }).click()
  await expect(page.getByTestId('diary-editor')).toBeVisible()
  return code
}

test.describe('diary', () => {
  test('set up, write with a photo and a video, lock, unlock, read it back and play from a seek point', async ({ page, app }) => {
    test.setTimeout(180_000)
    await page.goto(`${app.url}#/diary`)

    // --- Setup: a weak passphrase is refused; a strong one typed twice is accepted.
    const setup = page.getByTestId('diary-setup')
    await expect(setup).toBeVisible()
    const create = setup.getByRole('button', { name: 'Create the diary' })
    await setup.getByLabel('Passphrase', { exact: true }).fill('password1')
    await setup.getByLabel('Type it again').fill('password1')
    await expect(setup.getByTestId('passphrase-strength')).toHaveAttribute('data-score', /[0-2]/)
    await expect(create).toBeDisabled()
    await setup.getByLabel('Passphrase', { exact: true }).fill(PASSPHRASE)
    await setup.getByLabel('Type it again').fill(PASSPHRASE)
    await expect(setup.getByTestId('passphrase-strength')).toHaveAttribute('data-score', /[34]/)
    await create.click()

    // --- The recovery code, shown once: saved as a file, and its last group typed back.
    const recovery = page.getByTestId('diary-recovery-code')
    await expect(recovery).toBeVisible({ timeout: 60_000 })
    const code = (await recovery.getByTestId('recovery-code').textContent())!.trim()
    expect(code).toMatch(/^[A-Z2-7]{5}(-[A-Z2-7]{5}){5}$/)
    const [download] = await Promise.all([page.waitForEvent('download'), recovery.getByRole('button', { name: 'Save as file' }).click()])
    expect(await readFile((await download.path())!, 'utf8')).toContain(code)
    const kept = recovery.getByRole('button', { name: /I kept it/ })
    await expect(kept).toBeDisabled()
    const check = recovery.getByLabel(/type the last group/)
    await check.fill(code.slice(0, 5) === code.slice(-5) ? 'AAAAA' : code.slice(0, 5))
    await expect(kept).toBeDisabled()
    await check.fill(code.slice(-5).toLowerCase())
    await kept.click()

    // --- Write an entry, then attach a photo and a video to it.
    const editor = page.getByTestId('diary-editor')
    await expect(editor).toBeVisible()
    await expect(page.getByTestId('shell-lock-diary')).toBeVisible()
    await editor.getByLabel('Title').fill('Plums at the market')
    await editor.getByLabel('Entry text (Markdown)').fill('We bought **ripe** plums and watched the ferry.')
    await editor.getByRole('button', { name: 'Save entry' }).click()
    await expect(editor.getByTestId('diary-media-section')).toBeVisible()
    await expect(page.getByTestId('diary-entry-card')).toContainText('Plums at the market')

    const video = await recordWebm(page)
    expect(video.length).toBeGreaterThan(1000)
    const photo = await orientedJpeg({ width: 600, height: 400 })
    await editor.getByTestId('diary-file-input').setInputFiles([
      { name: 'market.jpg', mimeType: 'image/jpeg', buffer: photo },
      { name: 'ferry.webm', mimeType: 'video/webm', buffer: video },
    ])
    await expect(editor.getByTestId('diary-media')).toHaveCount(2, { timeout: 30_000 })
    const thumb = editor.getByTestId('diary-photo-thumb')
    expect((await decodedSize(thumb)).width).toBeGreaterThan(0)
    const thumbUrl = await thumb.getAttribute('src')
    expect(thumbUrl).toMatch(/\/content\/diary-thumb\/[0-9a-f]{32}\?t=/)

    // --- Lock: the unlock screen is shown and the media are no longer served.
    await page.getByTestId('diary-lock').click()
    const unlock = page.getByTestId('diary-unlock')
    await expect(unlock).toBeVisible()
    await expect(page.getByTestId('shell-lock-diary')).toHaveCount(0)
    await expect(page.getByText('Plums at the market')).toHaveCount(0)
    expect(await page.evaluate((url) => fetch(url!).then((r) => r.status), thumbUrl)).toBe(423)

    // A wrong passphrase says so; the right one opens the diary.
    await unlock.getByLabel('Passphrase', { exact: true }).fill('not the passphrase')
    await unlock.getByRole('button', { name: 'Unlock' }).click()
    await expect(unlock.getByRole('alert')).toHaveAttribute('data-error-code', 'BAD_PASSPHRASE', { timeout: 60_000 })
    await unlock.getByLabel('Passphrase', { exact: true }).fill(PASSPHRASE)
    await unlock.getByRole('button', { name: 'Unlock' }).click()

    // --- See it: the entry in the timeline with its thumbnail, then opened.
    const card = page.getByTestId('diary-entry-card').filter({ hasText: 'Plums at the market' })
    await expect(card).toBeVisible({ timeout: 60_000 })
    expect((await decodedSize(card.locator('img'))).width).toBeGreaterThan(0)
    await card.click()
    await expect(editor.getByLabel('Title')).toHaveValue('Plums at the market')
    await expect(editor.getByLabel('Entry text (Markdown)')).toHaveValue(/ripe\*\* plums/)
    await editor.getByRole('tab', { name: 'Preview' }).click()
    await expect(editor.getByTestId('diary-markdown').locator('strong')).toHaveText('ripe')
    expect((await decodedSize(editor.getByTestId('diary-photo-thumb'))).width).toBeGreaterThan(0)
    // The lightbox shows the photo itself, decrypted, at its full size (600×400 stored, shown upright).
    await editor.getByRole('button', { name: 'Open market.jpg' }).click()
    expect(await decodedSize(page.getByTestId('diary-lightbox-image'))).toEqual({ width: 400, height: 600 }) // EXIF orientation 6: turned upright
    await page.keyboard.press('Escape')
    await expect(page.getByTestId('diary-lightbox-image')).toHaveCount(0)

    // --- Play the video from a seek point (the diary URL answers ranges).
    const player = editor.getByTestId('diary-video')
    const seek = await player.evaluate(
      (v: HTMLVideoElement) =>
        new Promise<{ currentTime: number; readyState: number }>((resolve, reject) => {
          const timer = setTimeout(() => reject(new Error(`no seek: readyState ${v.readyState}, error ${v.error?.code}`)), 20_000)
          v.addEventListener('error', () => reject(new Error(`video error ${v.error?.code}: ${v.error?.message}`)))
          const go = () => {
            v.addEventListener(
              'seeked',
              () => {
                const ready = () => {
                  if (v.readyState >= 2) {
                    clearTimeout(timer)
                    resolve({ currentTime: v.currentTime, readyState: v.readyState })
                  } else setTimeout(ready, 50)
                }
                ready()
              },
              { once: true },
            )
            v.currentTime = 1.5
          }
          if (v.readyState >= 1) go()
          else {
            v.addEventListener('loadedmetadata', go, { once: true })
            v.load()
          }
        }),
    )
    expect(seek.readyState).toBeGreaterThanOrEqual(2)
    expect(seek.currentTime).toBeGreaterThan(1)
    const played = await player.evaluate(async (v: HTMLVideoElement) => {
      v.muted = true
      await v.play()
      await new Promise<void>((r) => {
        const tick = () => (v.currentTime > 1.7 ? r() : setTimeout(tick, 50))
        tick()
      })
      v.pause()
      return v.currentTime
    })
    expect(played).toBeGreaterThan(1.7)
  })

  test('calendar, search, auto-lock, passphrase change, recovery code and delete', async ({ page, app }) => {
    test.setTimeout(180_000)
    await page.goto(`${app.url}#/diary`)
    const code = await setUpDiary(page, PASSPHRASE)
    const editor = page.getByTestId('diary-editor')

    // Two entries: one today, one on an earlier day.
    await editor.getByLabel('Title').fill('Rain on the ferry')
    await editor.getByLabel('Entry text (Markdown)').fill('Grey water, a **warm** coat.')
    await editor.getByRole('button', { name: 'Save entry' }).click()
    await expect(editor.getByRole('button', { name: 'Delete entry' })).toBeVisible()
    const today = await editor.getByLabel('Day').inputValue()
    await page.getByTestId('diary-new-entry').click()
    await editor.getByLabel('Day').fill('2025-03-14')
    await editor.getByLabel('Title').fill('Plum blossom')
    await editor.getByLabel('Title').press('Control+s')
    const cards = page.getByTestId('diary-entry-card')
    await expect(cards).toHaveCount(2)
    await expect(cards.first()).toContainText('Rain on the ferry') // newest first

    // The calendar marks today's entry; picking the day shows entries up to it.
    const day = page.getByTestId('diary-calendar').getByRole('button', { name: `${today}, 1 entry` })
    await day.click()
    await expect(day).toHaveAttribute('aria-pressed', 'true')
    await expect(page.getByText('2 entries up to this day')).toBeVisible()

    // Search marks the words it found.
    await page.getByLabel('Search the diary').fill('ferry')
    const hits = page.getByTestId('diary-search-hits')
    await expect(hits.getByTestId('diary-entry-card')).toHaveCount(1)
    await expect(hits.locator('mark').first()).toHaveText(/ferry/i)
    await page.getByLabel('Search the diary').fill('')

    // Auto-lock: the chosen delay is kept by the library.
    await page.getByRole('combobox', { name: 'Lock after idle' }).click()
    await page.getByRole('option', { name: '5 minutes', exact: true }).click()
    await page.reload()
    await expect(page.getByRole('combobox', { name: 'Lock after idle' })).toHaveValue('5 minutes')

    // Change the passphrase: the wrong current one is refused, then the new one is set.
    const next = 'harbour kettle violet seventy quietly'
    await page.getByRole('button', { name: 'Change passphrase…' }).click()
    const dialog = page.getByRole('dialog', { name: 'Change the diary’s passphrase' })
    await dialog.getByRole('textbox', { name: 'Current passphrase' }).fill('not it at all')
    await dialog.getByLabel('New passphrase', { exact: true }).fill(next)
    await dialog.getByLabel('Type it again').fill(next)
    await dialog.getByRole('button', { name: 'Change passphrase' }).click()
    await expect(dialog.getByRole('alert')).toHaveAttribute('data-error-code', 'BAD_PASSPHRASE', { timeout: 60_000 })
    await dialog.getByRole('textbox', { name: 'Current passphrase' }).fill(PASSPHRASE)
    await dialog.getByRole('button', { name: 'Change passphrase' }).click()
    await expect(dialog).toHaveCount(0, { timeout: 60_000 })

    // Lock from the window's header; the old passphrase no longer opens it, the new one does.
    await page.getByTestId('shell-lock-diary').click()
    const unlock = page.getByTestId('diary-unlock')
    await unlock.getByLabel('Passphrase', { exact: true }).fill(PASSPHRASE)
    await unlock.getByRole('button', { name: 'Unlock' }).click()
    await expect(unlock.getByRole('alert')).toHaveAttribute('data-error-code', 'BAD_PASSPHRASE', { timeout: 60_000 })
    await unlock.getByLabel('Passphrase', { exact: true }).fill(next)
    await unlock.getByRole('button', { name: 'Unlock' }).click()
    await expect(cards).toHaveCount(2, { timeout: 60_000 })

    // Forgot it: the recovery code and a new passphrase open the diary.
    await page.getByTestId('diary-lock').click()
    await unlock.getByRole('button', { name: 'Forgot it? Use the recovery code' }).click()
    const third = 'lantern pebble orchard ninety gently'
    await unlock.getByLabel('Recovery code').fill(code.toLowerCase().replaceAll('-', ' '))
    await unlock.getByLabel('New passphrase', { exact: true }).fill(third)
    await unlock.getByLabel('Type it again').fill(third)
    await unlock.getByRole('button', { name: 'Unlock and set the new passphrase' }).click()
    await expect(cards).toHaveCount(2, { timeout: 60_000 })

    // Unsaved text is not dropped without asking.
    await editor.getByLabel('Title').fill('Half a thought')
    await cards.filter({ hasText: 'Plum blossom' }).click()
    const discard = page.getByRole('dialog', { name: 'Discard unsaved changes?' })
    await discard.getByRole('button', { name: 'Keep writing' }).click()
    await expect(editor.getByLabel('Title')).toHaveValue('Half a thought')
    await cards.filter({ hasText: 'Plum blossom' }).click()
    await discard.getByRole('button', { name: 'Discard changes' }).click()

    // Delete asks first; then the entry is gone.
    await expect(editor.getByLabel('Title')).toHaveValue('Plum blossom')
    await editor.getByRole('button', { name: 'Delete entry' }).click()
    await page.getByRole('dialog', { name: 'Delete this entry?' }).getByRole('button', { name: 'Delete' }).click()
    await expect(cards).toHaveCount(1)
    await expect(cards.first()).toContainText('Rain on the ferry')
  })

  test.describe('with a (fake) microphone', () => {
    test.use({ permissions: ['microphone'] })

    test('records a voice note in the app and plays it back', async ({ page, app }) => {
      test.setTimeout(120_000)
      await page.goto(`${app.url}#/diary`)
      await setUpDiary(page, PASSPHRASE)
      const editor = page.getByTestId('diary-editor')
      await editor.getByLabel('Title').fill('A voice from the garden')
      await editor.getByRole('button', { name: 'Save entry' }).click()
      await editor.getByRole('button', { name: 'Record a voice note' }).click()
      const stop = editor.getByTestId('diary-record-stop')
      await expect(stop).toContainText('0:02', { timeout: 10_000 })
      await stop.click()

      const note = editor.locator('[data-testid="diary-media"][data-kind="audio"]')
      await expect(note).toHaveCount(1, { timeout: 30_000 })
      await expect(note).toContainText(/Voice note .*\.webm/)
      const audio = note.getByTestId('diary-audio')
      const state = await audio.evaluate(
        (a: HTMLAudioElement) =>
          new Promise<{ readyState: number; error: number | null }>((resolve) => {
            const done = () => resolve({ readyState: a.readyState, error: a.error?.code ?? null })
            if (a.readyState >= 1) return done()
            a.addEventListener('loadedmetadata', done, { once: true })
            a.addEventListener('error', done, { once: true })
            a.load()
          }),
      )
      expect(state).toEqual({ readyState: expect.any(Number), error: null })
      expect(state.readyState).toBeGreaterThanOrEqual(1)
    })
  })
})

