/**
 * The one bridge to Trove's main process. In Electron the preload exposes it as `window.trove`;
 * in a plain browser (development, end-to-end tests) the loopback server that served this page
 * hands over a per-run token in a meta tag, and the same bridge is rebuilt over HTTP.
 */
import type { TroveBridge } from '../../src-preload/contract'
import { createLoopbackBridge } from '../../src-preload/loopback-bridge'
import { LOOPBACK_TOKEN_META } from '../../src-preload/loopback-protocol'

declare global {
  interface Window {
    /** Set by the Electron preload; absent in a plain browser. */
    readonly trove?: TroveBridge
  }
}

/** A bridge that answers every call with UNAVAILABLE: the page was not opened by Trove. */
function unavailableBridge(message: string): TroveBridge {
  return {
    transport: 'loopback',
    call: async () => ({ ok: false, error: { code: 'UNAVAILABLE', message } }),
    on: () => () => undefined,
    pathForFile: () => null,
  }
}

function createBridge(): TroveBridge {
  if (window.trove) return window.trove
  const token = document.querySelector<HTMLMetaElement>(`meta[name="${LOOPBACK_TOKEN_META}"]`)?.content
  if (!token) {
    return unavailableBridge(
      'This page was not opened by Trove, so it cannot reach a library. Start Trove, or open the address Trove printed.',
    )
  }
  return createLoopbackBridge(window.location.origin, token)
}

export const trove: TroveBridge = createBridge()
