import { availableParallelism } from 'node:os'
import { join } from 'node:path'
import { Worker } from 'node:worker_threads'
import { PreviewError } from './thumbnail'

/**
 * Worker threads for the makers whose work is JavaScript or WebAssembly (libheif decoding a
 * photo, music-metadata parsing tags): run on the main thread, a large HEIC would freeze the
 * app for a second. The worker holds only the library call; everything else stays in the maker.
 *
 * The worker's code is plain CommonJS given as a string, and requires the packages from
 * node_modules: it works the same under the CLI, the tests and the bundled app, with no
 * separate build entry. Workers are made on demand (at most one per core), are unref'd so they
 * never keep a process alive, and end after a while unused. A task whose signal aborts ends
 * its worker at once (WebAssembly cannot be interrupted any other way).
 */

export interface DecodedPicture {
  width: number
  height: number
  data: Uint8Array
}

export interface ParsedAudio {
  title?: string
  artist?: string
  album?: string
  durationSeconds?: number
  codec?: string
  container?: string
  cover?: Uint8Array
}

interface Tasks {
  heic: { input: { path: string }; output: DecodedPicture }
  audio: { input: { path: string; maxCoverBytes: number }; output: ParsedAudio }
}

const IDLE_MS = 30_000

const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads')
const { createRequire } = require('node:module')
const { readFileSync } = require('node:fs')
const load = createRequire(workerData.base)
const tasks = {
  async heic({ path }) {
    const decode = load('heic-decode')
    const image = await decode({ buffer: readFileSync(path) })
    const data = new Uint8Array(image.data.buffer, image.data.byteOffset, image.data.byteLength)
    return { output: { width: image.width, height: image.height, data }, transfer: [data.buffer] }
  },
  async audio({ path, maxCoverBytes }) {
    const { parseFile } = load('music-metadata')
    const { common, format } = await parseFile(path, { duration: true })
    const picture = (common.picture || []).find((p) => p.data && p.data.length > 0 && p.data.length <= maxCoverBytes)
    const cover = picture ? new Uint8Array(picture.data) : undefined
    return {
      output: {
        title: common.title, artist: common.artist || common.albumartist, album: common.album,
        durationSeconds: format.duration, codec: format.codec, container: format.container, cover,
      },
      transfer: cover ? [cover.buffer] : [],
    }
  },
}
parentPort.on('message', async ({ kind, input }) => {
  try {
    const { output, transfer } = await tasks[kind](input)
    parentPort.postMessage({ output }, transfer)
  } catch (error) {
    parentPort.postMessage({ error: String((error && error.message) || error).split('\\n')[0].slice(0, 300) })
  }
})
`

/** Any file beside this one: node_modules is found from here, in the source tree and in out/main. */
const requireBase = (): string => join(typeof __dirname === 'string' ? __dirname : process.cwd(), 'maker-threads.js')

interface Idle {
  worker: Worker
  timer: NodeJS.Timeout
}

class MakerThreads {
  private readonly idle: Idle[] = []
  private busy = 0
  private readonly waiting: Array<() => void> = []
  private readonly size = Math.max(1, availableParallelism())

  async run<K extends keyof Tasks>(kind: K, input: Tasks[K]['input'], signal: AbortSignal): Promise<Tasks[K]['output']> {
    while (this.busy >= this.size) await new Promise<void>((resolve) => this.waiting.push(resolve))
    if (signal.aborted) throw new PreviewError('failed', 'Stopped because the library is closing.')
    this.busy++
    const worker = this.take()
    let healthy = false
    try {
      const output = await new Promise<Tasks[K]['output']>((resolve, reject) => {
        const onAbort = () => reject(new PreviewError('failed', 'Stopped because the library is closing.'))
        signal.addEventListener('abort', onAbort, { once: true })
        const settle = () => {
          signal.removeEventListener('abort', onAbort)
          worker.off('message', onMessage)
          worker.off('error', onError)
          worker.off('exit', onExit)
        }
        const onMessage = (reply: { output?: Tasks[K]['output']; error?: string }) => {
          settle()
          healthy = true
          if (reply.error !== undefined) reject(new WorkerTaskError(reply.error))
          else resolve(reply.output!)
        }
        const onError = (err: Error) => {
          settle()
          reject(new WorkerTaskError(err.message))
        }
        const onExit = (code: number) => {
          settle()
          reject(new WorkerTaskError(`the worker stopped (exit code ${code})`))
        }
        worker.on('message', onMessage)
        worker.on('error', onError)
        worker.on('exit', onExit)
        worker.postMessage({ kind, input })
      })
      return output
    } finally {
      if (healthy && !signal.aborted) this.release(worker)
      else void worker.terminate()
      this.busy--
      this.waiting.shift()?.()
    }
  }

  private take(): Worker {
    const spare = this.idle.pop()
    if (spare) {
      clearTimeout(spare.timer)
      return spare.worker
    }
    const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { base: requireBase() } })
    worker.unref()
    return worker
  }

  private release(worker: Worker): void {
    const entry: Idle = {
      worker,
      timer: setTimeout(() => {
        this.idle.splice(this.idle.indexOf(entry), 1)
        void worker.terminate()
      }, IDLE_MS),
    }
    entry.timer.unref()
    this.idle.push(entry)
  }
}

/** What a library reported inside the worker: the maker turns it into a reason for a person. */
export class WorkerTaskError extends Error {
  override name = 'WorkerTaskError'
}

let shared: MakerThreads | null = null

/** Runs a task on the shared worker threads. */
export function runOnThread<K extends keyof Tasks>(kind: K, input: Tasks[K]['input'], signal: AbortSignal): Promise<Tasks[K]['output']> {
  shared ??= new MakerThreads()
  return shared.run(kind, input, signal)
}
