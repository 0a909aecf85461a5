import { BrowserWindow, screen } from 'electron'
import { join } from 'node:path'
import type { AppSettingsStore, WindowBounds } from '../core/settings/app-settings'

const DEFAULT_BOUNDS: WindowBounds = { width: 1280, height: 820, maximized: false }

/**
 * The one app window: isolated, sandboxed, no Node in the page, its size and position
 * remembered (and pulled back on screen if the display it was on is gone).
 */
export async function createMainWindow(settings: AppSettingsStore, rendererUrl: string): Promise<BrowserWindow> {
  const saved = (await settings.read()).window
  const bounds = saved && isOnSomeDisplay(saved) ? saved : { ...DEFAULT_BOUNDS, ...(saved ? { width: saved.width, height: saved.height } : {}) }
  const window = new BrowserWindow({
    ...('x' in bounds && bounds.x !== undefined ? { x: bounds.x, y: bounds.y } : {}),
    width: bounds.width,
    height: bounds.height,
    minWidth: 720,
    minHeight: 480,
    show: false,
    title: 'Trove',
    backgroundColor: '#1a1b1e',
    webPreferences: {
      preload: join(__dirname, '../preload/index.js'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: true,
    },
  })
  if (bounds.maximized) window.maximize()
  window.once('ready-to-show', () => window.show())
  rememberBounds(window, settings)
  await window.loadURL(rendererUrl)
  return window
}

function rememberBounds(window: BrowserWindow, settings: AppSettingsStore): void {
  let timer: NodeJS.Timeout | undefined
  const save = () => {
    if (window.isDestroyed()) return
    const { x, y, width, height } = window.getNormalBounds()
    void settings.update({ window: { x, y, width, height, maximized: window.isMaximized() } })
  }
  const later = () => {
    clearTimeout(timer)
    timer = setTimeout(save, 500)
  }
  window.on('resize', later)
  window.on('move', later)
  window.on('close', () => {
    clearTimeout(timer)
    save()
  })
}

function isOnSomeDisplay(bounds: WindowBounds): boolean {
  if (bounds.x === undefined || bounds.y === undefined) return false
  return screen.getAllDisplays().some(({ workArea: a }) => {
    const x = bounds.x!
    const y = bounds.y!
    return x < a.x + a.width - 50 && x + bounds.width > a.x + 50 && y >= a.y - 10 && y < a.y + a.height - 50
  })
}
