/**
 * What the import specs share: files made in the page (real bytes), drags and drops
 * synthesised with a DataTransfer (a person dragging from a file manager), and a library with
 * a small size limit so a file can be rejected.
 */
import Database from 'better-sqlite3'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Locator, Page } from '@playwright/test'
import { serveApp, type ServedApp } from '../support/serve-app'

/** A file to make in the page: text, base64 bytes, or `size` bytes of a pattern that depends on `seed`. */
export type PageFile = { name: string; type?: string; lastModified?: number } & ({ text: string } | { base64: string } | { size: number; seed: number })

/** Makes the files in the page and fires drag events at `target` with them; `hold` keeps repeating dragover. */
async function fireDrag(target: Locator, files: PageFile[], events: string[], hold = false): Promise<void> {
  await target.evaluate(
    (element, { files, events, hold }) => {
      const transfer = new DataTransfer()
      for (const spec of files) {
        let bytes: Uint8Array<ArrayBuffer>
        if ('text' in spec) bytes = new TextEncoder().encode(spec.text)
        else if ('base64' in spec) bytes = Uint8Array.from(atob(spec.base64), (c) => c.charCodeAt(0))
        else {
          bytes = new Uint8Array(spec.size)
          for (let i = 0; i < spec.size; i++) bytes[i] = (i * 31 + spec.seed + (i >> 10)) & 0xff
        }
        transfer.items.add(new File([bytes], spec.name, { type: spec.type ?? '', lastModified: spec.lastModified ?? 1_700_000_000_000 }))
      }
      const box = element.getBoundingClientRect()
      const point = { clientX: box.left + Math.min(40, box.width / 2), clientY: box.top + box.height / 2 }
      const fire = (type: string) =>
        element.dispatchEvent(new DragEvent(type, { bubbles: true, cancelable: true, composed: true, dataTransfer: transfer, ...point }))
      for (const type of events) fire(type)
      if (hold) {
        // As a browser does while a drag rests over the window.
        const timer = window.setInterval(() => fire('dragover'), 200)
        ;(window as unknown as { stopHeldDrag?: () => void }).stopHeldDrag = () => {
          window.clearInterval(timer)
          fire('dragleave')
        }
      }
    },
    { files, events, hold },
  )
}

/** Drags files over `target` and drops them there. */
export function dropFiles(target: Locator, files: PageFile[]): Promise<void> {
  return fireDrag(target, files, ['dragenter', 'dragover', 'drop'])
}

/** Drags files over `target` and keeps them there until the returned function drags them away. */
export async function holdDrag(page: Page, target: Locator, files: PageFile[]): Promise<() => Promise<void>> {
  await fireDrag(target, files, ['dragenter', 'dragover'], true)
  return async () => {
    await page.evaluate(() => (window as unknown as { stopHeldDrag?: () => void }).stopHeldDrag?.())
  }
}

/** Pastes files as Ctrl/Cmd+V of copied content does. */
export async function pasteFiles(page: Page, files: PageFile[]): Promise<void> {
  await page.evaluate((files) => {
    const transfer = new DataTransfer()
    for (const spec of files) {
      const bytes =
        'text' in spec
          ? new TextEncoder().encode(spec.text)
          : 'base64' in spec
            ? Uint8Array.from(atob(spec.base64), (c) => c.charCodeAt(0))
            : new Uint8Array(spec.size).map((_, i) => (i * 7 + spec.seed) & 0xff)
      transfer.items.add(new File([bytes], spec.name, { type: spec.type ?? '' }))
    }
    document.body.dispatchEvent(new ClipboardEvent('paste', { bubbles: true, cancelable: true, clipboardData: transfer }))
  }, files)
}

/** A PNG of 1×1 pixel, as base64: a real image, detected by its bytes. */
export const TINY_PNG_BASE64 = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=='

/**
 * A served app whose library accepts files up to `maxFileBytes` only: the library is made by a
 * first run, the limit written into its settings while no server holds it, then served again.
 */
export async function serveWithLimit(maxFileBytes: number): Promise<ServedApp & { dispose(): Promise<void> }> {
  const scratch = await mkdtemp(join(tmpdir(), 'trove-limit-'))
  const library = join(scratch, 'Trove')
  const first = await serveApp({ library })
  await first.stop()
  const db = new Database(join(library, 'trove.db'))
  try {
    db.prepare('INSERT INTO settings (key, value_json) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value_json = excluded.value_json').run(
      'maxFileBytes',
      JSON.stringify(maxFileBytes),
    )
  } finally {
    db.close()
  }
  const served = await serveApp({ library })
  return {
    ...served,
    async dispose() {
      await served.stop()
      await rm(scratch, { recursive: true, force: true })
    },
  }
}
