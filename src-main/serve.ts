/**
 * Loopback entry: serves the built renderer and the contract on 127.0.0.1 for development,
 * tests, and machines where Electron cannot run. `--library DIR` opens that folder for this
 * run; without it the remembered library (or TROVE_LIBRARY, or ~/Trove) is opened.
 */
import { existsSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { composeApp, openStartupLibrary, type StartupLibrary } from './compose'
import { defaultConfigDir } from './core/settings/config-dir'
import { nodeHost, stderrLogger } from './host'
import { startLoopbackServer } from './web/loopback-server'

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      library: { type: 'string' },
      port: { type: 'string' },
      renderer: { type: 'string' },
      ask: { type: 'boolean', default: false },
      verbose: { type: 'boolean', default: false },
    },
  })
  const port = values.port === undefined ? 0 : Number(values.port)
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be a port number, not ${values.port}`)
  const rendererDir = resolve(values.renderer ?? join(__dirname, '..', 'out', 'renderer'))
  if (!existsSync(join(rendererDir, 'index.html'))) {
    throw new Error(`The renderer is not built (no ${join(rendererDir, 'index.html')}). Run: npm run build`)
  }

  const logger = stderrLogger(values.verbose ? 'debug' : 'warn')
  const host = nodeHost('loopback')
  const app = composeApp({ configDir: defaultConfigDir(), host, logger })
  const startup: StartupLibrary = values.ask
    ? { kind: 'ask' }
    : values.library
      ? { kind: 'explicit', path: resolve(values.library) }
      : { kind: 'remembered-or-default' }
  await openStartupLibrary(app, startup, host.defaultLibraryPath)

  const server = await startLoopbackServer({ api: app.api, rendererDir, port, logger })
  const library = app.libraries.current?.layout.root ?? '(none yet: choose one in the app)'
  process.stdout.write(
    `Trove is serving on ${server.url}\n` +
      `  library: ${library}\n` +
      '  bound to 127.0.0.1 only: other machines cannot connect. Press Ctrl+C to stop.\n',
  )
  if (app.libraries.error) process.stdout.write(`  the library could not be opened: ${app.libraries.error.message}\n`)

  let stopping = false
  const stop = async () => {
    if (stopping) return
    stopping = true
    await server.close()
    await app.shutdown()
    process.exit(0)
  }
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
}

main().catch((err: unknown) => {
  process.stderr.write(`trove web: ${err instanceof Error ? err.message : String(err)}\n`)
  process.exit(1)
})
