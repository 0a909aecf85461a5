import type { InputOf, JobDto, MethodName, Result, ResultOf } from '../../src-preload/contract'
import { LOOPBACK_CALL_PATH, LOOPBACK_TOKEN_HEADER, LOOPBACK_TOKEN_META } from '../../src-preload/loopback-protocol'

/**
 * The loopback API from a test, as the page would call it: the token comes from the page the
 * server serves (the same meta tag the renderer reads), calls go to POST /api/call.
 */
export class LibraryApi {
  private constructor(
    private readonly origin: string,
    private readonly token: string,
  ) {}

  static async connect(url: string): Promise<LibraryApi> {
    const html = await (await fetch(url)).text()
    const token = new RegExp(`<meta name="${LOOPBACK_TOKEN_META}" content="([0-9a-f]+)"`).exec(html)?.[1]
    if (!token) throw new Error(`no ${LOOPBACK_TOKEN_META} meta tag in the page at ${url}`)
    return new LibraryApi(new URL(url).origin, token)
  }

  async call<M extends MethodName>(method: M, input: InputOf<M>): Promise<ResultOf<M>> {
    const response = await fetch(`${this.origin}${LOOPBACK_CALL_PATH}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [LOOPBACK_TOKEN_HEADER]: this.token },
      body: JSON.stringify({ method, input }),
    })
    const result = (await response.json()) as Result<ResultOf<M>>
    if (!result.ok) throw new Error(`${method} failed: ${result.error.code} ${result.error.message}`)
    return result.value
  }

  /** Imports paths and waits for the import job to end; answers the finished job. */
  async importPaths(paths: string[], timeoutMs = 60_000): Promise<JobDto> {
    const { jobId } = await this.call('library:import', { paths })
    const deadline = Date.now() + timeoutMs
    for (;;) {
      const job = (await this.call('jobs:list', {})).jobs.find((j) => j.id === jobId)
      if (job && job.state !== 'running') return job
      if (Date.now() > deadline) throw new Error(`import ${jobId} did not finish in ${timeoutMs} ms`)
      await new Promise((r) => setTimeout(r, 100))
    }
  }

  /** Waits until no previews are pending (thumbnails made or failed). */
  async previewsSettled(timeoutMs = 60_000): Promise<void> {
    const deadline = Date.now() + timeoutMs
    for (;;) {
      const status = await this.call('previews:status', {})
      if (status.counts.pending === 0 && !status.running) return
      if (Date.now() > deadline) throw new Error(`previews still pending after ${timeoutMs} ms`)
      await new Promise((r) => setTimeout(r, 100))
    }
  }

  /** The id of the (live) file of that name. */
  async fileId(name: string): Promise<number> {
    const { hits } = await this.call('files:search', { query: name.replace(/\.[^.]+$/, '') })
    const hit = hits.find((h) => h.file.name === name)
    if (!hit) throw new Error(`no file named ${name}`)
    return hit.file.id
  }
}
