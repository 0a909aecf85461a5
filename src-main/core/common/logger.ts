export type LogLevel = 'debug' | 'info' | 'warn' | 'error'
export type LogFields = Record<string, unknown>

/** What core needs from a logger. Where lines go is decided by the composition root. */
export interface Logger {
  debug(message: string, fields?: LogFields): void
  info(message: string, fields?: LogFields): void
  warn(message: string, fields?: LogFields): void
  error(message: string, fields?: LogFields): void
}

const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 }

const serialise = (value: unknown): unknown =>
  value instanceof Error ? { name: value.name, message: value.message, stack: value.stack } : value

/** A logger that writes one JSON object per line to `write`. */
export function createJsonLogger(write: (line: string) => void, minLevel: LogLevel = 'info'): Logger {
  const log = (level: LogLevel, message: string, fields: LogFields = {}) => {
    if (ORDER[level] < ORDER[minLevel]) return
    const entry: LogFields = { time: new Date().toISOString(), level, message }
    for (const [key, value] of Object.entries(fields)) entry[key] = serialise(value)
    write(`${JSON.stringify(entry)}\n`)
  }
  return {
    debug: (m, f) => log('debug', m, f),
    info: (m, f) => log('info', m, f),
    warn: (m, f) => log('warn', m, f),
    error: (m, f) => log('error', m, f),
  }
}

/** Discards everything: for tests that assert on results, not on logs. */
export const silentLogger: Logger = { debug() {}, info() {}, warn() {}, error() {} }
