import type { AppInfoDto } from '../../src-preload/contract'
import { callAs, formatBytes, type Command } from './command'

export const appCommands: Record<string, Command> = {
  info: {
    usage: 'info',
    summary: 'what app:info returns: library path, schema version, versions, counts',
    run: (app) => callAs(app, 'app:info', {}),
    human(value) {
      const info = value as AppInfoDto
      const lines = [`${info.appName} ${info.appVersion} (node ${info.versions.node}, sqlite ${info.versions.sqlite})`]
      if (info.library) {
        lines.push(`library: ${info.library.path}`, `schema version: ${info.library.schemaVersion}`, `free space: ${formatBytes(info.library.freeBytes)}`)
        for (const [table, count] of Object.entries(info.library.counts)) lines.push(`  ${table}: ${count}`)
      } else {
        lines.push(`no library open${info.libraryError ? `: ${info.libraryError.message}` : ''}`)
      }
      return lines.join('\n')
    },
  },
}
