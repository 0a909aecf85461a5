import { createCanvas, GlobalFonts } from '@napi-rs/canvas'
import { writeFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { PDFDocument, StandardFonts } from 'pdf-lib'

/** Words that appear only where each fixture puts them, so a search hit proves where it came from. */
export const DOC_WORDS = {
  /** On page 3 of report.pdf, and nowhere else. */
  pdfPage3: 'quillwort',
  /** In the picture of text inside scan.pdf (no text layer). */
  scannedPdf: 'marmalade',
  /** In the picture of text in note-photo.png. */
  photo: 'harbour',
  text: 'juniper',
  markdown: 'lantern',
} as const

export interface DocumentFixtures {
  pdf: string
  scannedPdf: string
  textPng: string
  corruptPdf: string
  text: string
  markdown: string
}

/** A PNG of black text on white, as a phone photo of a printed page would be after cropping. */
export async function textPicture(lines: string[], width = 1200, height = 500): Promise<Buffer> {
  // Drawn here rather than with the app's own text drawing, so the test does not grade itself.
  // (Resolved from the repository root: this module runs under vitest and Playwright alike.)
  const fontRoot = dirname(createRequire(join(process.cwd(), 'package.json')).resolve('pdfjs-dist/package.json'))
  GlobalFonts.registerFromPath(join(fontRoot, 'standard_fonts', 'LiberationSans-Regular.ttf'), 'Fixture Sans')
  const canvas = createCanvas(width, height)
  const ctx = canvas.getContext('2d')
  ctx.fillStyle = '#ffffff'
  ctx.fillRect(0, 0, width, height)
  ctx.fillStyle = '#111111'
  ctx.font = '56px "Fixture Sans"'
  ctx.textBaseline = 'top'
  lines.forEach((line, i) => ctx.fillText(line, 60, 60 + i * 80))
  return canvas.encode('png')
}

/** A three-page PDF with a text layer: DOC_WORDS.pdfPage3 on page 3 only; title and author set. */
export async function textPdf(): Promise<Uint8Array> {
  const doc = await PDFDocument.create()
  doc.setTitle('Garden survey')
  doc.setAuthor('Ada Example')
  const font = await doc.embedFont(StandardFonts.Helvetica)
  const pages = [
    ['Garden survey', 'Page one: the beds by the wall.'],
    ['Page two: the orchard and the pond.'],
    ['Page three: a patch of ' + DOC_WORDS.pdfPage3 + ' near the gate.'],
  ]
  for (const lines of pages) {
    const page = doc.addPage([595, 842])
    lines.forEach((line, i) => page.drawText(line, { x: 60, y: 760 - i * 36, size: 22, font }))
  }
  return doc.save()
}

/** A PDF whose only page is a picture of text: what a scanner makes. */
export async function scannedPdf(): Promise<Uint8Array> {
  const doc = await PDFDocument.create()
  const image = await doc.embedPng(await textPicture(['Grandmother', 'recipe for ' + DOC_WORDS.scannedPdf], 1200, 400))
  const page = doc.addPage([595, 842])
  page.drawImage(image, { x: 40, y: 560, width: 515, height: 172 })
  return doc.save()
}

/** A PDF that starts well and then turns to noise: its cross-reference table and objects are gone. */
export async function corruptPdf(): Promise<Uint8Array> {
  const bytes = Buffer.from(await textPdf())
  const head = bytes.subarray(0, 120)
  return Buffer.concat([head, Buffer.from('%%garbled'.repeat(40))])
}

/** Writes every document fixture into `dir`; returns their paths. */
export async function writeDocumentFixtures(dir: string): Promise<DocumentFixtures> {
  const paths: DocumentFixtures = {
    pdf: join(dir, 'garden-survey.pdf'),
    scannedPdf: join(dir, 'scan.pdf'),
    textPng: join(dir, 'note-photo.png'),
    corruptPdf: join(dir, 'broken.pdf'),
    text: join(dir, 'shopping.txt'),
    markdown: join(dir, 'trip-notes.md'),
  }
  await writeFile(paths.pdf, await textPdf())
  await writeFile(paths.scannedPdf, await scannedPdf())
  await writeFile(paths.textPng, await textPicture(['Meet at the', DOC_WORDS.photo + ' at noon']))
  await writeFile(paths.corruptPdf, await corruptPdf())
  await writeFile(paths.text, `Shopping\n- bread\n- ${DOC_WORDS.text} berries\n- milk\n`)
  await writeFile(paths.markdown, `# Trip notes\n\nBring the ${DOC_WORDS.markdown} and a map.\n\n\`\`\`sh\necho ready\n\`\`\`\n`)
  return paths
}
