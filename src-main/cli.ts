/**
 * Command-line entry over the same services and the same dispatcher as the app (no Electron).
 *   npm run trove -- --library DIR <command> [options] [--json]
 * With --json, stdout carries exactly one JSON document: the command's result, or
 * {"error": {code, message}} on failure. Exit codes: 0 success, 1 failure, 2 usage error.
 */
import { resolve } from 'node:path'
import { parseArgs } from 'node:util'
import type { Result } from '../src-preload/contract'
import { commands } from './cli/index'
import type { CommandArgs } from './cli/command'
import { composeApp, openStartupLibrary } from './compose'
import { defaultConfigDir } from './core/settings/config-dir'
import { nodeHost, stderrLogger } from './host'

const USAGE = `Usage: trove [--library DIR] <command> [options] [--json]

Commands:
${Object.entries(commands)
  .map(([, c]) => `  ${c.usage}\n      ${c.summary}`)
  .join('\n')}

Options:
  --library DIR   the library folder (default: the remembered one, TROVE_LIBRARY, or ~/Trove)
  --json          print one JSON document on stdout
  --help          this text
`

class UsageError extends Error {}

/** Splits the global options from the command and its own arguments. */
function splitArgs(argv: string[]): { library?: string; json: boolean; help: boolean; command?: string; rest: string[] } {
  const out: { library?: string; json: boolean; help: boolean; command?: string; rest: string[] } = { json: false, help: false, rest: [] }
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!
    if (arg === '--library') {
      const value = argv[++i]
      if (value === undefined) throw new UsageError('--library needs a folder')
      out.library = value
    } else if (arg.startsWith('--library=')) out.library = arg.slice('--library='.length)
    else if (arg === '--json') out.json = true
    else if (arg === '--help' || arg === '-h') out.help = true
    else if (out.command === undefined && !arg.startsWith('-')) out.command = arg
    else out.rest.push(arg)
  }
  return out
}

async function main(argv: string[]): Promise<number> {
  let parsed: ReturnType<typeof splitArgs>
  try {
    parsed = splitArgs(argv)
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n\n${USAGE}`)
    return 2
  }
  if (parsed.help || !parsed.command) {
    ;(parsed.help ? process.stdout : process.stderr).write(USAGE)
    return parsed.help ? 0 : 2
  }
  // Two-word commands (`watch add`, `sync history`): a known pair takes the next word as its subcommand.
  const sub = parsed.rest[0]
  if (sub !== undefined && commands[`${parsed.command} ${sub}`]) {
    parsed.command = `${parsed.command} ${sub}`
    parsed.rest.shift()
  }
  const command = commands[parsed.command]
  if (!command) {
    process.stderr.write(`Unknown command: ${parsed.command}\n\n${USAGE}`)
    return 2
  }
  let args: CommandArgs
  try {
    args = parseArgs({ args: parsed.rest, options: command.options ?? {}, allowPositionals: true, strict: true })
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n\n${USAGE}`)
    return 2
  }

  const host = nodeHost('cli')
  // Folders are watched only by `watch run`; other commands open the library without watching.
  const app = composeApp({ configDir: defaultConfigDir(), host, logger: stderrLogger('warn'), watchFolders: false })
  try {
    const needsLibrary = command.needsLibrary?.(args) ?? true
    if (needsLibrary) {
      await openStartupLibrary(
        app,
        parsed.library ? { kind: 'explicit', path: resolve(parsed.library) } : { kind: 'remembered-or-default' },
        host.defaultLibraryPath,
      )
    }
    const openError = needsLibrary ? app.libraries.error : null
    const result: Result<unknown> = openError ? { ok: false, error: openError.toDto() } : await command.run(app, args)
    if (result.ok) {
      if (command.rawOutput?.(args)) return command.exitCode?.(result.value) ?? 0
      process.stdout.write(parsed.json ? `${JSON.stringify(result.value, null, 2)}\n` : `${command.human(result.value)}\n`)
      return command.exitCode?.(result.value) ?? 0
    }
    if (parsed.json) process.stdout.write(`${JSON.stringify({ error: result.error }, null, 2)}\n`)
    process.stderr.write(`trove ${parsed.command}: ${result.error.message} [${result.error.code}]\n`)
    return 1
  } finally {
    await app.shutdown()
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code
  },
  (err: unknown) => {
    process.stderr.write(`trove: ${err instanceof Error ? err.message : String(err)}\n`)
    process.exitCode = 1
  },
)
