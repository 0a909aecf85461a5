import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'

export const REPO_ROOT = resolve(__dirname, '..', '..')

export interface ServedApp {
  url: string
  /** The library folder opened for this run (a fresh temporary folder unless given). */
  library: string
  /** The per-user config folder (settings.json) of this run. */
  configDir: string
  /** Everything the server printed so far. */
  output(): string
  stop(): Promise<void>
}

/**
 * Starts the real loopback server (src-main/serve.ts, the same entry as `npm run web`) on a
 * free port with a fresh library and config folder, and waits for it to print its URL.
 * The renderer must already be built (npm test builds it first).
 */
export async function serveApp(options: { library?: string; args?: string[] } = {}): Promise<ServedApp> {
  const scratch = await mkdtemp(join(tmpdir(), 'trove-e2e-'))
  const library = options.library ?? join(scratch, 'library')
  const configDir = join(scratch, 'config')
  const args = ['--import', 'tsx', join(REPO_ROOT, 'src-main', 'serve.ts'), '--port', '0', ...(options.args ?? ['--library', library])]
  const child: ChildProcess = spawn(process.execPath, args, {
    cwd: REPO_ROOT,
    env: { ...process.env, TROVE_CONFIG_DIR: configDir, TROVE_LIBRARY: library },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  child.stdout!.on('data', (d: Buffer) => (output += d.toString()))
  child.stderr!.on('data', (d: Buffer) => (output += d.toString()))
  const url = await new Promise<string>((resolveUrl, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start in 30 s:\n${output}`)), 30_000)
    const check = () => {
      const match = /Trove is serving on (http:\/\/127\.0\.0\.1:\d+\/)/.exec(output)
      if (match) {
        clearTimeout(timer)
        resolveUrl(match[1]!)
      }
    }
    child.stdout!.on('data', check)
    child.on('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`server exited with ${code}:\n${output}`))
    })
  })
  return {
    url,
    library,
    configDir,
    output: () => output,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r))
        child.kill('SIGTERM')
        await exited
      }
      await rm(scratch, { recursive: true, force: true })
    },
  }
}
