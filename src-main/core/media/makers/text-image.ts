import { createCanvas, GlobalFonts } from '@napi-rs/canvas'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'

/**
 * Drawing text onto an image with @napi-rs/canvas (skia) and a font that ships inside an npm
 * package (Liberation Sans/Mono-metric fonts of pdfjs-dist's standard_fonts, SIL OFL), so a
 * text thumbnail looks the same on Windows, macOS and Linux whatever fonts are installed.
 */
export const TEXT_FONT_FAMILY = 'Trove Text'

const localRequire = typeof require === 'function' ? require : createRequire(import.meta.url)
let registered = false

export function registerBundledFont(): string {
  if (!registered) {
    const root = dirname(localRequire.resolve('pdfjs-dist/package.json'))
    GlobalFonts.registerFromPath(join(root, 'standard_fonts', 'LiberationSans-Regular.ttf'), TEXT_FONT_FAMILY)
    registered = true
  }
  return TEXT_FONT_FAMILY
}

export interface TextImageOptions {
  width: number
  height: number
  fontSize: number
  /** Space around the text, in pixels. */
  margin: number
  lineHeight?: number
  maxLines?: number
}

/** Draws lines of dark text on white, each cut at the right edge; returns a PNG. */
export async function drawTextImage(lines: string[], options: TextImageOptions): Promise<Buffer> {
  const family = registerBundledFont()
  const { width, height, fontSize, margin } = options
  const lineHeight = options.lineHeight ?? Math.round(fontSize * 1.35)
  const canvas = createCanvas(width, height)
  const ctx = canvas.getContext('2d')
  ctx.fillStyle = '#ffffff'
  ctx.fillRect(0, 0, width, height)
  ctx.fillStyle = '#1f2328'
  ctx.font = `${fontSize}px "${family}"`
  ctx.textBaseline = 'top'
  const maxLines = Math.min(options.maxLines ?? Infinity, Math.floor((height - margin * 2) / lineHeight))
  lines.slice(0, maxLines).forEach((line, i) => {
    ctx.fillText(fitLine(ctx, line, width - margin * 2), margin, margin + i * lineHeight)
  })
  return canvas.encode('png')
}

/** Cuts a line to what fits in `maxWidth` (by halving, then one character at a time). */
function fitLine(ctx: { measureText(text: string): { width: number } }, line: string, maxWidth: number): string {
  let text = line
  if (ctx.measureText(text).width <= maxWidth) return text
  while (text.length > 8 && ctx.measureText(text.slice(0, Math.ceil(text.length / 2))).width > maxWidth) text = text.slice(0, Math.ceil(text.length / 2))
  while (text.length > 0 && ctx.measureText(text).width > maxWidth) text = text.slice(0, -1)
  return text
}
