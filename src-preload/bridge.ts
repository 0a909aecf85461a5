import {
  fail,
  isEventName,
  isMethodName,
  type EventName,
  type PayloadOf,
  type Result,
  type TroveBridge,
} from './contract'

/**
 * The wire under a bridge: how a call reaches main and how events come back. Electron IPC
 * and the loopback transport each provide one; everything above the wire is shared.
 */
export interface Wire {
  invoke(method: string, input: unknown): Promise<Result<unknown>>
  subscribe(listener: (event: string, payload: unknown) => void): () => void
}

export interface BridgeOptions {
  transport: TroveBridge['transport']
  pathForFile?: (file: File) => string | null
}

/** Builds `window.trove` over a wire: refuses unknown names, never throws across the bridge. */
export function createBridge(wire: Wire, options: BridgeOptions): TroveBridge {
  const listeners = new Map<string, Set<(payload: unknown) => void>>()
  let unsubscribeWire: (() => void) | null = null

  const ensureSubscribed = () => {
    if (unsubscribeWire) return
    unsubscribeWire = wire.subscribe((event, payload) => {
      for (const listener of listeners.get(event) ?? []) {
        try {
          listener(payload)
        } catch (err) {
          console.error(`listener for ${event} failed`, err)
        }
      }
    })
  }

  return {
    transport: options.transport,
    async call(method, input) {
      if (!isMethodName(method)) {
        return fail({ code: 'UNKNOWN_METHOD', message: `Unknown method: ${String(method).slice(0, 80)}` })
      }
      try {
        return (await wire.invoke(method, input)) as never
      } catch (err) {
        const reason = err instanceof Error ? err.message : String(err)
        return fail({ code: 'UNAVAILABLE', message: `Trove's main process did not answer (${reason}).` })
      }
    },
    on<E extends EventName>(event: E, listener: (payload: PayloadOf<E>) => void) {
      if (!isEventName(event)) throw new Error(`Unknown event: ${String(event)}`)
      ensureSubscribed()
      const set = listeners.get(event) ?? new Set()
      set.add(listener as (payload: unknown) => void)
      listeners.set(event, set)
      return () => {
        set.delete(listener as (payload: unknown) => void)
      }
    },
    pathForFile: options.pathForFile ?? (() => null),
  }
}
