import type { ParseArgsConfig } from 'node:util'
import type { Result } from '../../src-preload/contract'
import type { TroveApp } from '../compose'

export interface CommandArgs {
  values: Record<string, string | boolean | Array<string | boolean> | undefined>
  positionals: string[]
}

/**
 * One CLI command: its options (node:util parseArgs), what it runs (normally one contract call
 * through the dispatcher, so the CLI and the app share every rule), and its human rendering.
 * With --json the value is printed as is; field names are part of the documented interface.
 */
export interface Command {
  /** e.g. "list [--kind K] [--limit N]": shown in the usage. */
  usage: string
  summary: string
  options?: ParseArgsConfig['options']
  run(app: TroveApp, args: CommandArgs): Promise<Result<unknown>>
  human(value: unknown): string
  /** True when the command wrote its own output to stdout (bytes): nothing else is printed there. */
  rawOutput?(args: CommandArgs): boolean
  /** Exit code for a successful result (e.g. verify exits 1 when it found damage). Default 0. */
  exitCode?(value: unknown): number
  /** Whether the run needs the library opened first (default yes; restoring a backup does not). */
  needsLibrary?(args: CommandArgs): boolean
}

/** Calls a contract method as the CLI. */
export const callAs = (app: TroveApp, method: string, input: unknown) => app.api.dispatch(method, input, { transport: 'cli' })

export function formatBytes(n: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB']
  let i = 0
  while (n >= 1024 && i < units.length - 1) {
    n /= 1024
    i++
  }
  return `${n.toFixed(i === 0 ? 0 : 1)} ${units[i]}`
}
