import { mkdir } from 'node:fs/promises'
import sharp from 'sharp'
import { describe, expect, it } from 'vitest'
import { searchFilesInputSchema } from '../../src-preload/contract/files'
import { makeOcrText } from '../../src-main/core/media/makers/ocr'
import { decodeText } from '../../src-main/core/media/makers/text-decode'
import { OcrEngine } from '../../src-main/core/media/ocr/ocr-engine'
import { ocrWorkerOptions } from '../../src-main/core/media/ocr/ocr-options'
import { thumbAbsolutePath } from '../../src-main/core/media/thumbnail'
import { parseContentPath, resolveContent } from '../../src-main/core/media/content-resolver'
import { pageImagePath } from '../../src-main/core/media/pdf/page-images'
import { extractedText, setExtractedText } from '../../src-main/core/library/search-index'
import { DOC_WORDS, writeDocumentFixtures } from '../support/document-fixtures'
import { useTestLibraries, type TestLibrary } from '../support/library'
import { existsSync, statSync } from 'node:fs'
import { join } from 'node:path'

const newLibrary = useTestLibraries()
const search = (lib: TestLibrary, query: string) => lib.search.search(searchFilesInputSchema.parse({ query }))
const rowsByName = async (lib: TestLibrary) => {
  const rows = await lib.library.connection.db.selectFrom('files').selectAll().execute()
  return new Map(rows.map((r) => [r.name, r]))
}

describe('document previews', () => {
  it('gives PDFs, scans, text and Markdown a thumbnail, facts and searchable text with its source; a damaged PDF fails with a reason', async () => {
    const lib = await newLibrary()
    await mkdir(lib.scratch, { recursive: true })
    const fx = await writeDocumentFixtures(lib.scratch)
    const summary = await lib.imports.start(Object.values(fx), { keepFolders: false }).done
    expect(summary.stored).toBe(6)
    const started = performance.now()
    await lib.previews.idle()
    const seconds = (performance.now() - started) / 1000

    const rows = await rowsByName(lib)
    const pdf = rows.get('garden-survey.pdf')!
    expect(pdf).toMatchObject({ preview_state: 'done', preview_error: null })
    expect(JSON.parse(pdf.metadata_json)).toMatchObject({ pages: 3, title: 'Garden survey', author: 'Ada Example', format: 'pdf' })
    // A portrait page: the thumbnail is 256 px high and mostly white paper.
    const thumb = await sharp(thumbAbsolutePath(lib.library.layout, pdf.sha256)).stats()
    expect(await sharp(thumbAbsolutePath(lib.library.layout, pdf.sha256)).metadata()).toMatchObject({ format: 'webp', height: 256 })
    expect(thumb.channels[0]!.mean).toBeGreaterThan(200)
    expect(thumb.channels[0]!.min).toBeLessThan(100) // and there is text on it

    for (const name of ['scan.pdf', 'note-photo.png', 'shopping.txt', 'trip-notes.md']) {
      expect(rows.get(name), name).toMatchObject({ preview_state: 'done', preview_error: null })
      expect(existsSync(thumbAbsolutePath(lib.library.layout, rows.get(name)!.sha256)), name).toBe(true)
    }
    expect(JSON.parse(rows.get('scan.pdf')!.metadata_json)).toMatchObject({ pages: 1 })
    expect(JSON.parse(rows.get('trip-notes.md')!.metadata_json)).toMatchObject({ format: 'markdown' })

    const broken = rows.get('broken.pdf')!
    expect(broken.preview_state).toBe('failed')
    expect(broken.preview_error).toMatch(/^The PDF is damaged: .+/)

    // The word on page 3 is found in the document text, with an excerpt around it.
    const page3 = await search(lib, DOC_WORDS.pdfPage3)
    expect(page3.hits.map((h) => h.file.name)).toEqual(['garden-survey.pdf'])
    expect(page3.hits[0]!.matchedIn).toEqual(['text'])
    expect(page3.hits[0]!.highlights.text).toContainEqual({ text: DOC_WORDS.pdfPage3, match: true })

    // Words only in pictures are found by OCR, and said to be.
    for (const [word, name] of [[DOC_WORDS.scannedPdf, 'scan.pdf'], [DOC_WORDS.photo, 'note-photo.png']] as const) {
      const hits = (await search(lib, word)).hits
      expect(hits.map((h) => h.file.name), word).toEqual([name])
      expect(hits[0]!.matchedIn).toEqual(['ocr'])
      expect(hits[0]!.highlights.ocr?.some((s) => s.match && s.text.toLowerCase() === word)).toBe(true)
    }
    expect((await search(lib, DOC_WORDS.markdown)).hits[0]).toMatchObject({ file: { name: 'trip-notes.md' }, matchedIn: ['text'] })
    expect((await search(lib, DOC_WORDS.text)).hits[0]).toMatchObject({ file: { name: 'shopping.txt' }, matchedIn: ['text'] })
    console.log(`document previews with OCR of 2 pictures: ${seconds.toFixed(1)} s`)
  }, 120_000)

  it('keeps document text and OCR text apart, each replaced on its own, and both kept when the name changes', async () => {
    const lib = await newLibrary()
    await mkdir(lib.scratch, { recursive: true })
    const fx = await writeDocumentFixtures(lib.scratch)
    await lib.imports.start([fx.text], { keepFolders: false }).done
    await lib.previews.idle()
    const id = (await rowsByName(lib)).get('shopping.txt')!.id
    const db = lib.library.connection.db
    await setExtractedText(db, id, 'ocr', 'a faded stamp reading lighthouse')
    await lib.notes.set(id, 'for the weekend')
    expect((await search(lib, 'lighthouse')).hits[0]?.matchedIn).toEqual(['ocr'])
    expect((await search(lib, DOC_WORDS.text)).hits[0]?.matchedIn).toEqual(['text'])
    await setExtractedText(db, id, 'document', 'replaced words')
    expect((await search(lib, DOC_WORDS.text)).hits).toEqual([])
    expect((await search(lib, 'lighthouse')).hits).toHaveLength(1)
    expect(await extractedText(db, id, 8)).toEqual({ document: { text: 'replaced', length: 14 }, ocr: { text: 'a faded ', length: 32 } })
    expect(await setExtractedText(db, 999_999, 'ocr', 'nobody')).toBe(false)
  })

  it('serves page n of a PDF as a PNG by hash, kept with the thumbnails; no page past the end, none of a damaged PDF', async () => {
    const lib = await newLibrary()
    await mkdir(lib.scratch, { recursive: true })
    const fx = await writeDocumentFixtures(lib.scratch)
    await lib.imports.start([fx.pdf, fx.corruptPdf, fx.text], { keepFolders: false }).done
    const rows = await rowsByName(lib)
    const deps = { db: lib.library.connection.db, fs: lib.ingest.fs, store: lib.store, layout: lib.library.layout }
    const sha = rows.get('garden-survey.pdf')!.sha256
    const answer = await resolveContent(deps, { path: `/page/${sha}/3` })
    expect(answer).toMatchObject({ status: 200, kind: 'page', headers: { 'Content-Type': 'image/png' } })
    expect(answer.status === 200 && answer.file).toBe(pageImagePath(lib.library.layout, sha, 3))
    expect(await sharp(pageImagePath(lib.library.layout, sha, 3)).metadata()).toMatchObject({ format: 'png', height: 1400 })
    expect(await resolveContent(deps, { path: `/page/${sha}/4` })).toMatchObject({ status: 404 })
    expect(await resolveContent(deps, { path: `/page/${rows.get('broken.pdf')!.sha256}/1` })).toMatchObject({ status: 404 })
    expect(await resolveContent(deps, { path: `/page/${rows.get('shopping.txt')!.sha256}/1` })).toMatchObject({ status: 404 })
    for (const bad of [`/page/${sha}/0`, `/page/${sha}/01`, `/page/${sha}/-1`, `/page/${sha}/1.5`, `/page/${sha}/100000`, `/page/${sha}/1/`, `/page/${sha}`, `/page/${sha}/%31`]) {
      expect(parseContentPath(bad), bad).toBeNull()
    }
  })

  it('reads UTF-8 with or without a mark and UTF-16 either way round', () => {
    const text = 'Grüße, café ☕'
    const bom8 = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)])
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')])
    const be = Buffer.from(le).swap16()
    const leNoMark = Buffer.from('plain words here', 'utf16le')
    expect([bom8, le, be].map(decodeText)).toEqual([text, text, text])
    expect(decodeText(Buffer.from(text))).toBe(text)
    expect(decodeText(leNoMark)).toBe('plain words here')
  })

  it('OCR reads its English data from the installed package and writes no cache', async () => {
    const options = ocrWorkerOptions()
    expect(options.cacheMethod).toBe('none')
    expect(options.langPath).not.toMatch(/^[a-z]+:\/\//i)
    expect(statSync(join(options.langPath, 'eng.traineddata.gz')).size).toBeGreaterThan(1_000_000)
    // With fetch gone from this process, OCR still works (its worker thread reads files only).
    const realFetch = globalThis.fetch
    const lib = await newLibrary()
    await mkdir(lib.scratch, { recursive: true })
    const fx = await writeDocumentFixtures(lib.scratch)
    const engine = new OcrEngine()
    try {
      globalThis.fetch = () => Promise.reject(new Error('no network in this test'))
      const started = performance.now()
      const made = await makeOcrText({ path: fx.scannedPdf, mime: 'application/pdf', size: statSync(fx.scannedPdf).size, signal: new AbortController().signal }, engine)
      console.log(`OCR of one scanned page: ${((performance.now() - started) / 1000).toFixed(1)} s (engine start included)`)
      expect(made.text).toEqual({ source: 'ocr', content: expect.stringContaining(DOC_WORDS.scannedPdf) })
    } finally {
      globalThis.fetch = realFetch
      await engine.close()
    }
    expect(existsSync(join(process.cwd(), 'eng.traineddata'))).toBe(false)
  }, 60_000)
})
