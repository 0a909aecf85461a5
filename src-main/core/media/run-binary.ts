import { spawn } from 'node:child_process'
import { PreviewError } from './thumbnail'

export interface BinaryRun {
  stdout: Buffer
  stderr: string
  code: number | null
}

export interface RunOptions {
  signal: AbortSignal
  /** Killed after this long (a hostile or broken file must not hold a core forever). */
  timeoutMs: number
  /** Output beyond this is an error (a poster frame is small; a stream of frames is not). */
  maxStdoutBytes?: number
}

const STDERR_KEPT = 4096

/**
 * The ffmpeg and ffprobe binaries shipped inside npm packages, one per platform. In the packaged
 * app they are unpacked beside app.asar (electron-builder `asarUnpack`), since a program cannot
 * be started from inside an archive.
 */
export async function mediaBinary(name: 'ffmpeg' | 'ffprobe'): Promise<string> {
  try {
    const mod: unknown = name === 'ffmpeg' ? await import('@ffmpeg-installer/ffmpeg') : await import('@ffprobe-installer/ffprobe')
    const installer = ((mod as { default?: unknown }).default ?? mod) as { path: string }
    return installer.path.replace(/app\.asar([\\/])/, 'app.asar.unpacked$1')
  } catch (err) {
    throw new PreviewError('unsupported', `The ${name} program that makes video and audio previews is not available on this system.`, { cause: err })
  }
}

/**
 * Runs a program as a child process (never through a shell), collecting its output. Killed
 * when the signal aborts or the time runs out; either way the promise settles promptly.
 */
export function runBinary(file: string, args: string[], options: RunOptions): Promise<BinaryRun> {
  return new Promise((resolve, reject) => {
    if (options.signal.aborted) return reject(new PreviewError('failed', 'Stopped before it started.'))
    const child = spawn(file, args, { stdio: ['ignore', 'pipe', 'pipe'], windowsHide: true })
    const chunks: Buffer[] = []
    let stdoutBytes = 0
    let stderr = ''
    let failure: PreviewError | null = null
    const stop = (reason: PreviewError) => {
      failure ??= reason
      child.kill('SIGKILL')
    }
    const timer = setTimeout(() => stop(new PreviewError('failed', `Reading the file took longer than ${Math.round(options.timeoutMs / 1000)} s, so it was stopped.`)), options.timeoutMs)
    const onAbort = () => stop(new PreviewError('failed', 'Stopped because the library is closing.'))
    options.signal.addEventListener('abort', onAbort, { once: true })
    child.stdout.on('data', (chunk: Buffer) => {
      stdoutBytes += chunk.length
      if (options.maxStdoutBytes !== undefined && stdoutBytes > options.maxStdoutBytes) return stop(new PreviewError('too-large', 'The program produced more output than expected.'))
      chunks.push(chunk)
    })
    child.stderr.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString('utf8')).slice(-STDERR_KEPT)
    })
    const settle = () => {
      clearTimeout(timer)
      options.signal.removeEventListener('abort', onAbort)
    }
    child.on('error', (err) => {
      settle()
      reject(new PreviewError('unsupported', `The program ${file.split(/[\\/]/).pop()} could not be started (${(err as NodeJS.ErrnoException).code ?? err.message}).`, { cause: err }))
    })
    child.on('close', (code) => {
      settle()
      if (failure) return reject(failure)
      resolve({ stdout: Buffer.concat(chunks), stderr, code })
    })
  })
}

/**
 * The last meaningful line ffmpeg wrote, for a failure's reason, without the file's path (the
 * reason is shown to people and printed by the CLI: the library's layout is not their business).
 */
export function lastError(stderr: string, path?: string): string {
  const lines = stderr.split(/\r?\n/).map((l) => l.trim()).filter(Boolean)
  let line = (lines.at(-1) ?? 'no detail').replace(/^\[[^\]]+\]\s*/, '')
  if (path) line = line.split(`${path}: `).join('').split(path).join('the file')
  return line.slice(0, 160)
}
