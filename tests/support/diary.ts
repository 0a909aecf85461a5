import { join } from 'node:path'
import { afterEach } from 'vitest'
import type { InputOf, MethodName, Result, ResultOf } from '../../src-preload/contract'
import type { Clock } from '../../src-main/core/common/clock'
import type { FsSeam } from '../../src-main/core/common/fs-seam'
import { createJsonLogger } from '../../src-main/core/common/logger'
import type { DiaryTimer } from '../../src-main/core/diary/diary-vault'
import { composeApp, type TroveApp } from '../../src-main/compose'
import type { KdfParams } from '../../src-main/core/vault/key-file'
import { useTempDirs } from './temp-dir'

/** Cheaper scrypt for tests that unlock many times (production is N = 2^17). */
export const TEST_KDF: KdfParams = { N: 2 ** 14, r: 8, p: 1 }

/** A clock the test moves by hand. */
export class ManualClock implements Clock {
  constructor(private time = Date.UTC(2026, 0, 1)) {}
  now(): number {
    return this.time
  }
  advance(ms: number): void {
    this.time += ms
  }
}

/** Timers that fire only when the test says so (`fireDue` after moving the clock). */
export class ManualTimer implements DiaryTimer {
  private readonly pending = new Map<number, { at: number; callback: () => void }>()
  private next = 1
  constructor(private readonly clock: ManualClock) {}
  set(callback: () => void, ms: number): unknown {
    const id = this.next++
    this.pending.set(id, { at: this.clock.now() + ms, callback })
    return id
  }
  clear(handle: unknown): void {
    this.pending.delete(handle as number)
  }
  get size(): number {
    return this.pending.size
  }
  /** Runs every timer whose time has come (and those they schedule, if also due). */
  fireDue(): void {
    for (;;) {
      const due = [...this.pending].find(([, t]) => t.at <= this.clock.now())
      if (!due) return
      this.pending.delete(due[0])
      due[1].callback()
    }
  }
}

export interface DiaryApp {
  app: TroveApp
  root: string
  scratch: string
  clock: ManualClock
  timer: ManualTimer
  /** A contract call as the renderer makes it; the raw result envelope. */
  call<M extends MethodName>(method: M, input: InputOf<M>): Promise<Result<ResultOf<M>>>
  /** The same, throwing on failure. */
  ok<M extends MethodName>(method: M, input: InputOf<M>): Promise<ResultOf<M>>
  events: Array<{ event: string; payload: unknown }>
  /** Every log line (JSON, debug level and up) the app wrote. */
  logs: string[]
  close(): Promise<void>
}

/** The whole app (composition, dispatcher, a real library in a temp folder) with a manual clock. */
export function useDiaryApps(): (options?: { fs?: FsSeam }) => Promise<DiaryApp> {
  const tempDir = useTempDirs()
  const open: DiaryApp[] = []
  afterEach(async () => {
    for (const a of open.splice(0)) await a.close().catch(() => undefined)
  })
  return async (options = {}) => {
    const base = await tempDir()
    const clock = new ManualClock()
    const timer = new ManualTimer(clock)
    const logs: string[] = []
    const app = composeApp({
      configDir: join(base, 'config'),
      logger: createJsonLogger((line) => logs.push(line), 'debug'),
      clock,
      watchFolders: false,
      fs: options.fs,
      diary: { timer, kdf: TEST_KDF },
      host: { appName: 'Trove', appVersion: '0.0.0-test', transport: 'loopback', versions: { node: process.versions.node, sqlite: 'not open' }, defaultLibraryPath: join(base, 'library') },
    })
    const root = join(base, 'library')
    await app.libraries.open(root, { remember: false })
    const events: DiaryApp['events'] = []
    app.api.events.subscribe((event, payload) => {
      if (event.startsWith('diary:')) events.push({ event, payload })
    })
    const call = <M extends MethodName>(method: M, input: InputOf<M>) => app.api.dispatch(method, input, { transport: 'loopback' }) as Promise<Result<ResultOf<M>>>
    const diaryApp: DiaryApp = {
      app, root, scratch: join(base, 'sources'), clock, timer, events, logs, call,
      ok: async (method, input) => {
        const result = await call(method, input)
        if (!result.ok) throw Object.assign(new Error(`${method}: ${result.error.code} ${result.error.message}`), { code: result.error.code })
        return result.value
      },
      close: () => app.shutdown(),
    }
    open.push(diaryApp)
    return diaryApp
  }
}
