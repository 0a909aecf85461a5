import { join } from 'node:path'

export const ROOT = join(import.meta.dirname, '..', '..')
export const BIN = join(ROOT, 'node_modules', '.bin')
export const bin = (name) => join(BIN, process.platform === 'win32' ? `${name}.cmd` : name)
