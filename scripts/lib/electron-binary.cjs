// CommonJS so that both the .mjs launchers and the Playwright specs can load it.
const { spawnSync } = require('node:child_process')
const { existsSync, readFileSync } = require('node:fs')
const { join } = require('node:path')

const ROOT = join(__dirname, '..', '..')

const ELECTRON_DIR = join(ROOT, 'node_modules', 'electron')

/** The installed Electron executable, or null. Reads the package's files; never loads electron. */
function findElectronBinary() {
  if (process.env.ELECTRON_OVERRIDE_DIST_PATH) {
    const candidate = join(process.env.ELECTRON_OVERRIDE_DIST_PATH, process.platform === 'win32' ? 'electron.exe' : 'electron')
    return existsSync(candidate) ? candidate : null
  }
  try {
    const relative = readFileSync(join(ELECTRON_DIR, 'path.txt'), 'utf8').trim()
    const full = join(ELECTRON_DIR, 'dist', relative)
    return existsSync(full) ? full : null
  } catch {
    return null
  }
}

/**
 * Electron downloads its binary on first use. Try once; return the binary or the reason
 * it could not be had (e.g. no network), without a stack trace.
 */
function installElectronBinary() {
  const result = spawnSync(process.execPath, [join(ELECTRON_DIR, 'install.js')], { encoding: 'utf8', timeout: 5 * 60_000 })
  const binary = findElectronBinary()
  if (binary) return { binary }
  const output = `${result.stderr ?? ''}\n${result.stdout ?? ''}`
  const firstLine = output.split('\n').map((l) => l.trim()).find((l) => l && !l.startsWith('at ')) ?? `exit code ${result.status}`
  return { reason: result.error ? result.error.message : firstLine }
}

/** Why a desktop window cannot open on this machine even with a binary, or null. */
function displayProblem() {
  if (process.platform !== 'linux') return null
  if (process.env.DISPLAY || process.env.WAYLAND_DISPLAY) return null
  return 'no graphical display (neither DISPLAY nor WAYLAND_DISPLAY is set)'
}

module.exports = { findElectronBinary, installElectronBinary, displayProblem }
