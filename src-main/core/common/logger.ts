import { closeSync, fstatSync, mkdirSync, openSync, renameSync, rmSync, writeSync } from 'node:fs'
import { dirname } from 'node:path'

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

/**
 * Field names whose values never reach a log line, at any depth: secrets, and what a person
 * wrote (diary text, request payloads). Logs hold structured facts about what Trove did.
 */
const REDACTED_KEYS = /^(passphrase|password|secret|recovery_?code|key|plaintext|text|body|content|input|payload|entry|entries)$/i
const MAX_DEPTH = 6

const serialise = (value: unknown, depth = 0): unknown => {
  if (value instanceof Error) return { name: value.name, message: value.message, stack: value.stack }
  if (value === null || typeof value !== 'object') return typeof value === 'bigint' ? String(value) : value
  if (depth >= MAX_DEPTH) return '[nested]'
  if (Array.isArray(value)) return value.slice(0, 100).map((v) => serialise(v, depth + 1))
  const out: LogFields = {}
  for (const [key, v] of Object.entries(value)) out[key] = REDACTED_KEYS.test(key) ? '[redacted]' : serialise(v, depth + 1)
  return out
}

/** A logger that writes one JSON object per line to `write`. */
export function createJsonLogger(write: (line: string) => void, minLevel: LogLevel = 'info'): Logger {
  const log = (level: LogLevel, message: string, fields: LogFields = {}) => {
    if (ORDER[level] < ORDER[minLevel]) return
    const entry: LogFields = { time: new Date().toISOString(), level, message }
    for (const [key, value] of Object.entries(fields)) entry[key] = REDACTED_KEYS.test(key) ? '[redacted]' : serialise(value)
    write(`${JSON.stringify(entry)}\n`)
  }
  return {
    debug: (m, f) => log('debug', m, f),
    info: (m, f) => log('info', m, f),
    warn: (m, f) => log('warn', m, f),
    error: (m, f) => log('error', m, f),
  }
}

export interface RotatingLogFile {
  write(line: string): void
  close(): void
}

/**
 * Appends lines to `path`, rotating by size: when the next line would take the file past
 * `maxBytes`, `path.(keep-1)` is dropped, each older file moves up one (`path.1` → `path.2`)
 * and `path` becomes `path.1`. At most `keep` files (`path` + `keep - 1` old ones) exist, so
 * the logs never take more than about `keep × maxBytes`. Writes are synchronous (log lines are
 * few and small) so nothing is lost when the process ends right after a line.
 */
export function createRotatingLogFile(path: string, options: { maxBytes?: number; keep?: number } = {}): RotatingLogFile {
  const maxBytes = options.maxBytes ?? 5 * 1024 * 1024
  const keep = Math.max(1, options.keep ?? 3)
  mkdirSync(dirname(path), { recursive: true })
  let fd: number | null = openSync(path, 'a', 0o600)
  let size = fstatSync(fd).size
  const rotate = () => {
    if (fd !== null) closeSync(fd)
    rmSync(`${path}.${keep - 1}`, { force: true })
    for (let i = keep - 2; i >= 1; i--) {
      try {
        renameSync(`${path}.${i}`, `${path}.${i + 1}`)
      } catch {
        // that generation does not exist yet
      }
    }
    if (keep > 1) renameSync(path, `${path}.1`)
    else rmSync(path, { force: true })
    fd = openSync(path, 'a', 0o600)
    size = 0
  }
  return {
    write(line) {
      if (fd === null) return
      const bytes = Buffer.from(line, 'utf8')
      try {
        if (size > 0 && size + bytes.length > maxBytes) rotate()
        writeSync(fd!, bytes)
        size += bytes.length
      } catch {
        // A log that cannot be written must not take the app down with it.
      }
    },
    close() {
      if (fd !== null) closeSync(fd)
      fd = null
    },
  }
}

/** Discards everything: for tests that assert on results, not on logs. */
export const silentLogger: Logger = { debug() {}, info() {}, warn() {}, error() {} }
