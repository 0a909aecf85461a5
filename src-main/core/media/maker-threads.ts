import { join } from 'node:path'
import { PreviewError } from './thumbnail'
import { WorkerPool, type WorkerFailure } from './worker-pool'

/**
 * Worker threads for the makers whose work is JavaScript or WebAssembly (libheif decoding a
 * photo, music-metadata parsing tags): run on the main thread, a large HEIC would freeze the
 * app for a second. The worker holds only the library call; everything else stays in the maker.
 *
 * The worker's code is plain CommonJS given as a string, run by a WorkerPool (worker-pool.ts):
 * the same under the CLI, the tests and the bundled app, with no separate build entry.
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

/** What a library reported inside the worker: the maker turns it into a reason for a person. */
export class WorkerTaskError extends Error {
  override name = 'WorkerTaskError'
}

function makerFailure(failure: WorkerFailure): Error {
  if (failure.cause === 'aborted') return new PreviewError('failed', 'Stopped because the library is closing.')
  if (failure.cause === 'reply') return new WorkerTaskError(String(failure.error))
  if (failure.cause === 'error') return new WorkerTaskError(failure.error.message)
  return new WorkerTaskError(`the worker stopped (exit code ${failure.code})`)
}

let shared: WorkerPool<Tasks> | null = null

/** Runs a task on the shared worker threads. */
export function runOnThread<K extends keyof Tasks>(kind: K, input: Tasks[K]['input'], signal: AbortSignal): Promise<Tasks[K]['output']> {
  shared ??= new WorkerPool<Tasks>(WORKER_SOURCE, requireBase, makerFailure)
  return shared.run(kind, input, signal)
}
