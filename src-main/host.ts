import type { AppHost } from './api'
import { createJsonLogger, type Logger, type LogLevel } from './core/common/logger'
import { defaultLibraryPath } from './core/settings/config-dir'
import pkg from '../package.json'

/** The host description of a plain-Node entry (CLI, loopback server). */
export function nodeHost(transport: AppHost['transport']): AppHost {
  return {
    appName: pkg.productName,
    appVersion: pkg.version,
    transport,
    versions: { node: process.versions.node, sqlite: 'not open' },
    defaultLibraryPath: defaultLibraryPath(),
  }
}

/** Logs as JSON lines on stderr, leaving stdout to the command's own output. */
export const stderrLogger = (level: LogLevel = 'info'): Logger =>
  createJsonLogger((line) => process.stderr.write(line), level)
