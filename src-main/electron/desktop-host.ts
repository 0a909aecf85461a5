import { app, BrowserWindow, dialog, shell } from 'electron'
import { join } from 'node:path'
import type { DesktopHost } from '../api/desktop.handlers'

/** The desktop's open, reveal and save dialog for the api (programs are refused before this). */
export const electronDesktopHost: DesktopHost = {
  openPath: (path) => shell.openPath(path),
  showItemInFolder: (path) => shell.showItemInFolder(path),
  async chooseSavePath(defaultName) {
    const options: Electron.SaveDialogOptions = { title: 'Export a copy', defaultPath: join(app.getPath('downloads'), defaultName) }
    const parent = BrowserWindow.getFocusedWindow()
    const result = parent ? await dialog.showSaveDialog(parent, options) : await dialog.showSaveDialog(options)
    return result.canceled || !result.filePath ? null : result.filePath
  },
}
