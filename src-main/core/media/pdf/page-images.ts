import { join } from 'node:path'
import { writeFileAtomic, type FsSeam } from '../../common/fs-seam'
import type { LibraryLayout } from '../../library/library-layout'
import { renderPdfPage } from './pdf-thread'

/** Longer side of a page shown in the detail panel: readable at the panel's width, ~100–300 KB. */
export const PAGE_IMAGE_PX = 1400
/** Highest page number a request may name (a guard on the URL, not on the PDF). */
export const MAX_PAGE_NUMBER = 99_999

/** `thumbs/ab/<sha256>.p<n>.png`: derived like a thumbnail, so it can always be made again. */
export function pageImagePath(layout: LibraryLayout, sha256: string, page: number): string {
  return join(layout.thumbs, sha256.slice(0, 2), `${sha256}.p${page}.png`)
}

const inFlight = new Map<string, Promise<string | null>>()
let turn: Promise<unknown> = Promise.resolve()

/**
 * The PNG of page `page` of the PDF at `source`, rendered on first request with pdf.js (on a
 * worker thread) and kept in thumbs/ (written atomically). Null when the PDF has fewer pages.
 * Renders one page at a time for the whole process, and a page asked for twice at once is
 * rendered once.
 */
export function pageImage(deps: { fs: FsSeam; layout: LibraryLayout }, sha256: string, source: string, page: number): Promise<string | null> {
  const key = `${sha256}/${page}`
  const running = inFlight.get(key)
  if (running) return running
  const target = pageImagePath(deps.layout, sha256, page)
  const work = turn.then(async () => {
    if (await exists(deps.fs, target)) return target
    const { png } = await renderPdfPage({ path: source, page, px: PAGE_IMAGE_PX })
    if (!png) return null
    await deps.fs.mkdir(join(deps.layout.thumbs, sha256.slice(0, 2)), { recursive: true })
    await writeFileAtomic(deps.fs, target, png)
    return target
  })
  turn = work.catch(() => undefined)
  inFlight.set(key, work)
  void work.catch(() => undefined).finally(() => inFlight.delete(key))
  return work
}

async function exists(fs: FsSeam, path: string): Promise<boolean> {
  try {
    return (await fs.stat(path)).isFile()
  } catch {
    return false
  }
}
