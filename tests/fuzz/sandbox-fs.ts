import { resolve, sep } from 'node:path'
import { realFs, type FsSeam } from '../../src-main/core/common/fs-seam'

const refused = (op: string, path: string) =>
  Object.assign(new Error(`EACCES: the fuzz sandbox refuses ${op} '${path}'`), { code: 'EACCES', errno: -13, syscall: op, path })

/**
 * The real filesystem, except that nothing outside `root` may be created, changed or removed:
 * fuzzed inputs name paths like /etc, and the test machine runs as root. Reading stays allowed
 * everywhere (importing /etc/passwd is what a user may ask for).
 */
export function sandboxFs(root: string): FsSeam {
  const inside = (path: unknown) => {
    const full = resolve(String(path))
    return full === root || full.startsWith(root + sep)
  }
  const guard = <K extends keyof FsSeam>(op: K, argIndexes: number[] = [0]): FsSeam[K] =>
    (async (...args: unknown[]) => {
      for (const i of argIndexes) if (!inside(args[i])) throw refused(op, String(args[i]))
      return (realFs[op] as (...a: unknown[]) => unknown)(...args)
    }) as FsSeam[K]
  return {
    ...realFs,
    mkdir: guard('mkdir'),
    rename: guard('rename', [0, 1]),
    rm: guard('rm'),
    unlink: guard('unlink'),
    copyFile: guard('copyFile', [1]),
    chmod: guard('chmod'),
    open: (async (path: unknown, flags?: unknown, mode?: unknown) => {
      const writes = typeof flags === 'number' ? true : typeof flags === 'string' && /[wa+]/.test(flags)
      if (writes && !inside(path)) throw refused('open', String(path))
      return realFs.open(path as string, flags as string, mode as number)
    }) as FsSeam['open'],
  }
}
