import { realFs, type FsSeam } from '../../src-main/core/common/fs-seam'

export interface FaultRule {
  /** Which operation to fail: 'open', 'rename', 'write' (a FileHandle write/writeFile), … */
  op: keyof FsSeam | 'write' | 'sync'
  /** Node's errno to raise (ENOSPC, EACCES, EXDEV, …). */
  errno: string
  /** Fail only when the path matches (default: every path). */
  when?: (path: string) => boolean
  /** Fail the Nth matching call only (1-based); default: every matching call. */
  nth?: number
  /** 'kill': the process dies on the spot (SIGKILL), as in a power cut or a crash. */
  action?: 'throw' | 'kill'
}

const fsError = (errno: string, op: string, path: string) =>
  Object.assign(new Error(`${errno}: injected fault, ${op} '${path}'`), { code: errno, errno: -1, syscall: op, path })

/**
 * The real filesystem with faults injected on chosen calls: the thin seam the tests use for
 * ENOSPC, EACCES, EXDEV and crashes, instead of a fake store. Everything not failed is real.
 */
export function faultyFs(rules: FaultRule[], base: FsSeam = realFs): FsSeam & { calls: Map<string, number> } {
  const calls = new Map<string, number>()
  const shouldFail = (op: string, path: string) => {
    for (const rule of rules) {
      if (rule.op !== op || (rule.when && !rule.when(path))) continue
      const key = `${rules.indexOf(rule)}`
      const n = (calls.get(key) ?? 0) + 1
      calls.set(key, n)
      if (rule.nth === undefined || rule.nth === n) {
        if (rule.action === 'kill') process.kill(process.pid, 'SIGKILL')
        return rule.errno
      }
    }
    return undefined
  }
  const wrap = <K extends keyof FsSeam>(op: K): FsSeam[K] =>
    (async (...args: unknown[]) => {
      const path = String(args[0])
      const errno = shouldFail(op, path)
      if (errno) throw fsError(errno, op, path)
      const result = await (base[op] as (...a: unknown[]) => Promise<unknown>)(...args)
      if (op === 'open') return wrapHandle(result as Awaited<ReturnType<FsSeam['open']>>, path)
      return result
    }) as FsSeam[K]

  const wrapHandle = (handle: Awaited<ReturnType<FsSeam['open']>>, path: string) =>
    new Proxy(handle, {
      get(target, prop, receiver) {
        const value = Reflect.get(target, prop, receiver)
        if (typeof value !== 'function') return value
        const op = prop === 'write' || prop === 'writeFile' ? 'write' : prop === 'sync' || prop === 'datasync' ? 'sync' : null
        return (...args: unknown[]) => {
          if (op) {
            const errno = shouldFail(op, path)
            if (errno) return Promise.reject(fsError(errno, op, path))
          }
          return (value as (...a: unknown[]) => unknown).apply(target, args)
        }
      },
    })

  const seam = Object.fromEntries((Object.keys(base) as Array<keyof FsSeam>).map((op) => [op, wrap(op)])) as unknown as FsSeam
  return Object.assign(seam, { calls })
}
