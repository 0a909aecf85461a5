import { audioMaker } from './audio'
import { heicMaker } from './heic'
import { imageMaker } from './image'
import { pdfMaker } from './pdf'
import type { PreviewMaker } from './preview-maker'
import { textMaker } from './text'
import { videoMaker } from './video'

/**
 * The makers the pipeline tries, in order: the first that accepts a file's mime makes its
 * preview. One line per maker; the OCR maker is not here (it is a later pass of its own).
 */
export const MAIN_MAKERS: readonly PreviewMaker[] = [imageMaker, heicMaker, videoMaker, audioMaker, pdfMaker, textMaker]

export function makerFor(makers: readonly PreviewMaker[], mime: string): PreviewMaker | null {
  return makers.find((m) => m.accepts(mime)) ?? null
}
