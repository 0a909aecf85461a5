import { spawn } from 'node:child_process'
import { join } from 'node:path'
import { ROOT } from './paths.mjs'

/** Runs the loopback server (src-main/serve.ts) in the foreground with the given arguments. */
export function serveOnLoopback(args) {
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'src-main', 'serve.ts'), ...args], { cwd: ROOT, stdio: 'inherit' })
  const forward = (signal) => child.kill(signal)
  process.on('SIGINT', forward)
  process.on('SIGTERM', forward)
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 0 : 1)))
}
