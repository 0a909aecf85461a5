/**
 * The desktop app's bridge, stood in for in a browser: the same calls and events over the
 * loopback server, and `pathForFile` answering with a real path for the files a test names, as
 * Electron does for files dropped from the file manager. So the import-by-path flow (a job in
 * main, progress events, outcomes from the history) runs here although no Electron binary does.
 */
import type { Page } from '@playwright/test'
import { LOOPBACK_CALL_PATH, LOOPBACK_EVENTS_PATH, LOOPBACK_TOKEN_HEADER, LOOPBACK_TOKEN_META } from '../../src-preload/loopback-protocol'

export async function installDesktopBridge(page: Page, pathsByName: Record<string, string>): Promise<void> {
  await page.addInitScript(
    ({ pathsByName, callPath, eventsPath, tokenHeader, tokenMeta }) => {
      const token = () => document.querySelector<HTMLMetaElement>(`meta[name="${tokenMeta}"]`)?.content ?? ''
      const listeners = new Map<string, Set<(payload: unknown) => void>>()
      let socket: WebSocket | null = null
      const connect = () => {
        const url = new URL(eventsPath, location.origin)
        url.protocol = 'ws:'
        url.searchParams.set('token', token())
        socket = new WebSocket(url)
        socket.onmessage = (message) => {
          const { name, payload } = JSON.parse(String(message.data)) as { name: string; payload: unknown }
          for (const listener of listeners.get(name) ?? []) listener(payload)
        }
      }
      Object.defineProperty(window, 'trove', {
        value: {
          transport: 'electron',
          async call(method: string, input: unknown) {
            try {
              const response = await fetch(callPath, {
                method: 'POST',
                headers: { 'content-type': 'application/json', [tokenHeader]: token() },
                body: JSON.stringify({ method, input }),
              })
              return await response.json()
            } catch (err) {
              return { ok: false, error: { code: 'UNAVAILABLE', message: String(err) } }
            }
          },
          on(event: string, listener: (payload: unknown) => void) {
            if (!socket) connect()
            const set = listeners.get(event) ?? new Set()
            set.add(listener)
            listeners.set(event, set)
            return () => set.delete(listener)
          },
          pathForFile: (file: File) => pathsByName[file.name] ?? null,
        },
      })
    },
    { pathsByName, callPath: LOOPBACK_CALL_PATH, eventsPath: LOOPBACK_EVENTS_PATH, tokenHeader: LOOPBACK_TOKEN_HEADER, tokenMeta: LOOPBACK_TOKEN_META },
  )
}
