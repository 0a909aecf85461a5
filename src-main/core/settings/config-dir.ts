import { homedir } from 'node:os'
import { join } from 'node:path'

/**
 * Where Trove keeps per-user state outside any library (the remembered library, window
 * placement). It matches Electron's userData folder for an app named "Trove", so the desktop
 * app, the CLI and the loopback server agree. TROVE_CONFIG_DIR overrides it (tests, portable use).
 */
export function defaultConfigDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  if (env.TROVE_CONFIG_DIR) return env.TROVE_CONFIG_DIR
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'Trove')
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'Trove')
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), 'Trove')
}

/** The library a first run proposes: TROVE_LIBRARY, or ~/Trove. */
export function defaultLibraryPath(env: NodeJS.ProcessEnv = process.env): string {
  return env.TROVE_LIBRARY && env.TROVE_LIBRARY.trim() !== '' ? env.TROVE_LIBRARY : join(homedir(), 'Trove')
}
