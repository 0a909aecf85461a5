#!/usr/bin/env node
/**
 * npm start: opens Trove's desktop window. Electron fetches its binary on first use; where it
 * cannot be had (no network, no display), this says why and serves the same app on loopback
 * instead, with the default library, so `npm start` always leaves you with a working Trove.
 */
import { spawn } from 'node:child_process'
import { ROOT } from './lib/paths.mjs'
import { buildIfNeeded } from './lib/build.mjs'
import electronBinary from './lib/electron-binary.cjs'

const { displayProblem, findElectronBinary, installElectronBinary } = electronBinary
import { serveOnLoopback } from './lib/serve.mjs'

let binary = findElectronBinary()
let reason = null
if (!binary) {
  console.log("Electron's binary is not installed yet; fetching it once…")
  const installed = installElectronBinary()
  binary = installed.binary ?? null
  reason = installed.reason ? `Electron's binary could not be downloaded (${installed.reason})` : null
}
if (binary && displayProblem()) reason = `Electron cannot open a window here: ${displayProblem()}`

if (reason) {
  console.log(`${reason}.`)
  console.log('Serving the same app on this machine only instead: open the address it prints in a browser.\n')
}
buildIfNeeded()
if (binary && !reason) {
  const child = spawn(binary, ['.', ...process.argv.slice(2)], { cwd: ROOT, stdio: 'inherit' })
  child.on('exit', (code) => process.exit(code ?? 0))
} else {
  serveOnLoopback(process.argv.slice(2))
}
