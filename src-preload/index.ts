/**
 * The preload: builds `window.trove` over Electron IPC. Sandboxed, so it may import only
 * `electron` (renderer side) and bundled code; it exposes no Node API and no raw ipcRenderer.
 */
import { contextBridge, ipcRenderer, webUtils } from 'electron'
import { createBridge } from './bridge'
import type { Result } from './contract'
import { IPC_CALL_CHANNEL, IPC_EVENT_CHANNEL, type IpcEventMessage } from './ipc-channels'

const bridge = createBridge(
  {
    invoke: (method, input) => ipcRenderer.invoke(IPC_CALL_CHANNEL, method, input) as Promise<Result<unknown>>,
    subscribe(listener) {
      const handler = (_event: Electron.IpcRendererEvent, message: IpcEventMessage) =>
        listener(message.name, message.payload)
      ipcRenderer.on(IPC_EVENT_CHANNEL, handler)
      return () => ipcRenderer.off(IPC_EVENT_CHANNEL, handler)
    },
  },
  {
    transport: 'electron',
    pathForFile(file) {
      try {
        return webUtils.getPathForFile(file) || null
      } catch {
        return null
      }
    },
  },
)

contextBridge.exposeInMainWorld('trove', bridge)
