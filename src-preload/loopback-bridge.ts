import { createBridge, type Wire } from './bridge'
import type { Result, TroveBridge } from './contract'
import { LOOPBACK_CALL_PATH, LOOPBACK_EVENTS_PATH, LOOPBACK_TOKEN_HEADER } from './loopback-protocol'


/**
 * The browser's `window.trove`: calls go as HTTP POSTs, events come over a WebSocket, both to
 * the loopback server that served this page. Used in development and tests, never in Electron.
 */
export function createLoopbackBridge(origin: string, token: string): TroveBridge {
  const wire: Wire = {
    async invoke(method, input) {
      const response = await fetch(`${origin}${LOOPBACK_CALL_PATH}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', [LOOPBACK_TOKEN_HEADER]: token },
        body: JSON.stringify({ method, input }),
      })
      return (await response.json()) as Result<unknown>
    },
    subscribe(listener) {
      let socket: WebSocket | null = null
      let closed = false
      let retryMs = 250
      const connect = () => {
        const url = new URL(LOOPBACK_EVENTS_PATH, origin)
        url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:'
        url.searchParams.set('token', token)
        socket = new WebSocket(url)
        socket.onopen = () => {
          retryMs = 250
        }
        socket.onmessage = (message) => {
          try {
            const { name, payload } = JSON.parse(String(message.data)) as { name: string; payload: unknown }
            listener(name, payload)
          } catch {
            /* a malformed frame is dropped */
          }
        }
        socket.onclose = () => {
          if (closed) return
          setTimeout(connect, retryMs)
          retryMs = Math.min(retryMs * 2, 5000)
        }
      }
      connect()
      return () => {
        closed = true
        socket?.close()
      }
    },
  }
  return createBridge(wire, { transport: 'loopback' })
}
