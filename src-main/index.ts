/**
 * Electron entry and composition root: one instance, sandboxed renderers, services built once,
 * the IPC transport registered, then the window. Everything below api/ is plain Node.
 */
import { app, BrowserWindow } from 'electron'
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { composeApp, openStartupLibrary } from './compose'
import { createJsonLogger, createRotatingLogFile } from './core/common/logger'
import { defaultLibraryPath } from './core/settings/config-dir'
import { electronDesktopHost } from './electron/desktop-host'
import { pickFolder } from './electron/dialogs'
import { registerIpcTransport } from './electron/ipc-transport'
import { createMainWindow } from './electron/main-window'
import { hardenSessions } from './electron/security'
import { handleTroveProtocol, registerTroveScheme } from './electron/trove-protocol'
import { onSystemLock } from './electron/system-lock'

if (process.env.TROVE_CONFIG_DIR) app.setPath('userData', process.env.TROVE_CONFIG_DIR)
// Before ready, as Electron requires: trove: serves library bytes by hash (and streams them).
registerTroveScheme()

if (!app.requestSingleInstanceLock()) {
  app.quit()
} else {
  app.enableSandbox()
  void start()
}

async function start(): Promise<void> {
  await app.whenReady()
  const configDir = app.getPath('userData')
  const logDir = join(configDir, 'logs')
  mkdirSync(logDir, { recursive: true })
  const logFile = createRotatingLogFile(join(logDir, 'trove.log'), { maxBytes: 5 * 1024 * 1024, keep: 3 })
  const logger = createJsonLogger((line) => {
    logFile.write(line)
    if (!app.isPackaged) process.stderr.write(line)
  })

  const rendererUrl = process.env.ELECTRON_RENDERER_URL ?? pathToFileURL(join(__dirname, '../renderer/index.html')).href
  hardenSessions(rendererUrl)

  const trove = composeApp({
    configDir,
    logger,
    host: {
      appName: 'Trove',
      appVersion: app.getVersion(),
      transport: 'electron',
      versions: { node: process.versions.node, sqlite: 'not open', electron: process.versions.electron, chrome: process.versions.chrome },
      defaultLibraryPath: defaultLibraryPath(),
      pickFolder,
      desktop: electronDesktopHost,
      onSystemLock,
    },
  })
  await openStartupLibrary(trove, { kind: 'remembered-or-ask' }, defaultLibraryPath())
  const unregister = registerIpcTransport(trove.api, rendererUrl, logger)
  handleTroveProtocol(trove.api.content, logger)

  let window = await createMainWindow(trove.settings, rendererUrl)
  app.on('second-instance', () => {
    if (window.isDestroyed()) return
    if (window.isMinimized()) window.restore()
    window.focus()
  })
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) void createMainWindow(trove.settings, rendererUrl).then((w) => (window = w))
  })
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit()
  })
  let quitting = false
  app.on('before-quit', (event) => {
    if (quitting) return
    event.preventDefault()
    quitting = true
    unregister()
    void trove.shutdown().finally(() => app.quit())
  })
}
