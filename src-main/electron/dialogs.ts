import { BrowserWindow, dialog } from 'electron'

/** The native folder picker; null when the user cancelled. */
export async function pickFolder(title = 'Choose a folder'): Promise<string | null> {
  const parent = BrowserWindow.getFocusedWindow()
  const options: Electron.OpenDialogOptions = { title, properties: ['openDirectory', 'createDirectory'] }
  const result = parent ? await dialog.showOpenDialog(parent, options) : await dialog.showOpenDialog(options)
  return result.canceled ? null : (result.filePaths[0] ?? null)
}
