import { BrowserWindow, ipcMain, type WebFrameMain } from 'electron'
import { fail } from '../../src-preload/contract'
import { IPC_CALL_CHANNEL, IPC_EVENT_CHANNEL, type IpcEventMessage } from '../../src-preload/ipc-channels'
import type { Api } from '../api'
import type { Logger } from '../core/common/logger'
import { isAppUrl } from './security'

/**
 * The Electron wire of the contract: one `ipcMain.handle` channel for calls, answered by the
 * shared dispatcher, and one channel for events. Calls from any frame other than the app's own
 * top-level page are refused with FORBIDDEN.
 */
export function registerIpcTransport(api: Api, rendererUrl: string, logger: Logger): () => void {
  ipcMain.handle(IPC_CALL_CHANNEL, async (event, method: unknown, input: unknown) => {
    if (!isTrustedFrame(event.senderFrame, rendererUrl)) {
      logger.warn('refused IPC call from an untrusted frame', { url: event.senderFrame?.url, method: String(method).slice(0, 80) })
      return fail({ code: 'FORBIDDEN', message: 'This page may not call Trove.' })
    }
    return api.dispatch(method, input, { transport: 'electron' })
  })
  const unsubscribe = api.events.subscribe((name, payload) => {
    const message: IpcEventMessage = { name, payload }
    for (const window of BrowserWindow.getAllWindows()) {
      if (!window.isDestroyed()) window.webContents.send(IPC_EVENT_CHANNEL, message)
    }
  })
  return () => {
    unsubscribe()
    ipcMain.removeHandler(IPC_CALL_CHANNEL)
  }
}

function isTrustedFrame(frame: WebFrameMain | null, rendererUrl: string): boolean {
  return frame !== null && frame.parent === null && isAppUrl(frame.url, rendererUrl)
}
