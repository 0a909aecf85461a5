import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'

/**
 * Where tesseract.js finds its English data: the `@tesseract.js-data/eng` package, LSTM
 * "best_int" model (2.9 MB gzipped), read from disk. A local folder (not a URL) as `langPath`
 * makes tesseract.js read the file with fs; `cacheMethod: 'none'` stops it writing a copy into
 * the working folder. Its engine (tesseract.js-core, wasm) is required from node_modules.
 * Nothing is downloaded, at install or at run time.
 */
const localRequire = typeof require === 'function' ? require : createRequire(import.meta.url)

export interface OcrWorkerOptions {
  langPath: string
  cachePath: string
  cacheMethod: 'none'
  gzip: true
}

export function ocrWorkerOptions(): OcrWorkerOptions {
  const root = dirname(localRequire.resolve('@tesseract.js-data/eng/package.json'))
  const langPath = join(root, '4.0.0_best_int')
  if (!existsSync(join(langPath, 'eng.traineddata.gz'))) {
    throw new Error(`The English OCR data is missing from ${langPath}.`)
  }
  return { langPath, cachePath: langPath, cacheMethod: 'none', gzip: true }
}

export const OCR_LANGUAGE = 'eng'
