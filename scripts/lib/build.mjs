import { spawnSync } from 'node:child_process'
import { readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { ROOT, bin } from './paths.mjs'

const INPUTS = ['src-main', 'src-preload', 'src-renderer', 'resources', 'electron.vite.config.ts', 'package.json']
const OUTPUTS = ['out/main/index.js', 'out/preload/index.js', 'out/renderer/index.html']

function newestMtime(path) {
  let stat
  try {
    stat = statSync(path)
  } catch {
    return 0
  }
  if (!stat.isDirectory()) return stat.mtimeMs
  let newest = stat.mtimeMs
  for (const name of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, name)))
  return newest
}

/** True when out/ is missing or older than any source it is built from. */
export function buildIsStale() {
  const built = Math.min(...OUTPUTS.map((p) => newestMtime(join(ROOT, p))))
  if (built === 0) return true
  return INPUTS.some((p) => newestMtime(join(ROOT, p)) > built)
}

/** Builds main, preload and renderer with electron-vite when out/ is stale. */
export function buildIfNeeded() {
  if (!buildIsStale()) return
  console.log('Building Trove (electron-vite build)…')
  const result = spawnSync(bin('electron-vite'), ['build'], { cwd: ROOT, stdio: 'inherit', shell: process.platform === 'win32' })
  if (result.status !== 0) {
    console.error('The build failed; see the messages above.')
    process.exit(result.status ?? 1)
  }
}
