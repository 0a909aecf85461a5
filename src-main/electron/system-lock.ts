import { powerMonitor } from 'electron'

/**
 * Calls `listener` when the machine goes to sleep or the screen locks, where the system reports
 * it (powerMonitor: 'lock-screen' on macOS and Windows). The diary locks on both. Call after
 * the app is ready.
 */
export function onSystemLock(listener: (reason: 'suspend' | 'lock-screen') => void): void {
  powerMonitor.on('suspend', () => listener('suspend'))
  powerMonitor.on('lock-screen', () => listener('lock-screen'))
}
