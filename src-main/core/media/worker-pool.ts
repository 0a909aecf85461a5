import { availableParallelism } from 'node:os'
import { Worker } from 'node:worker_threads'

/**
 * A small pool of worker threads running one CommonJS source given as a string (it requires its
 * packages from node_modules through `workerData.base`, so the CLI, the tests and the bundled app
 * share it with no build entry). The source answers `{ kind, input }` with `{ output }` or
 * `{ error }`. Threads are made on demand (at most one per core), unref'd so they never keep a
 * process alive, ended after a while unused; a task whose signal aborts ends its thread at once
 * (WebAssembly and pdf.js cannot be interrupted any other way).
 */

const IDLE_MS = 30_000

/** Why a task did not answer; the pool's owner turns it into its own error. */
export type WorkerFailure =
  | { cause: 'aborted' }
  /** The source caught an error and sent it back (in the shape that source uses). */
  | { cause: 'reply'; error: unknown }
  | { cause: 'error'; error: Error }
  | { cause: 'exit'; code: number }

type TaskMap<T> = { [K in keyof T]: { input: unknown; output: unknown } }

interface Idle {
  worker: Worker
  timer: NodeJS.Timeout
}

export class WorkerPool<Tasks extends TaskMap<Tasks>> {
  private readonly idle: Idle[] = []
  private busy = 0
  private readonly waiting: Array<() => void> = []
  private readonly size = Math.max(1, availableParallelism())

  constructor(
    private readonly source: string,
    /** Any file beside the owner's module: node_modules is found from there. */
    private readonly requireBase: () => string,
    private readonly failed: (failure: WorkerFailure) => Error,
  ) {}

  async run<K extends keyof Tasks & string>(kind: K, input: Tasks[K]['input'], signal?: AbortSignal): Promise<Tasks[K]['output']> {
    while (this.busy >= this.size) await new Promise<void>((resolve) => this.waiting.push(resolve))
    this.busy++
    let worker: Worker | null = null
    let healthy = false
    try {
      if (signal?.aborted) throw this.failed({ cause: 'aborted' })
      worker = this.take()
      const running = worker
      return await new Promise<Tasks[K]['output']>((resolve, reject) => {
        const settle = () => {
          signal?.removeEventListener('abort', onAbort)
          running.off('message', onMessage)
          running.off('error', onError)
          running.off('exit', onExit)
        }
        const fail = (failure: WorkerFailure) => {
          settle()
          reject(this.failed(failure))
        }
        const onAbort = () => fail({ cause: 'aborted' })
        const onMessage = (reply: { output?: Tasks[K]['output']; error?: unknown }) => {
          healthy = true
          if (reply.error !== undefined) return fail({ cause: 'reply', error: reply.error })
          settle()
          resolve(reply.output as Tasks[K]['output'])
        }
        const onError = (error: Error) => fail({ cause: 'error', error })
        const onExit = (code: number) => fail({ cause: 'exit', code })
        signal?.addEventListener('abort', onAbort, { once: true })
        running.on('message', onMessage)
        running.on('error', onError)
        running.on('exit', onExit)
        running.postMessage({ kind, input })
      })
    } finally {
      if (worker) {
        if (healthy && !signal?.aborted) this.release(worker)
        else void worker.terminate()
      }
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
    const worker = new Worker(this.source, { eval: true, workerData: { base: this.requireBase() } })
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
