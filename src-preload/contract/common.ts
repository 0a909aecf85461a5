import { z } from 'zod'

/** A SHA-256 in lowercase hex: how content is named everywhere. */
export const sha256Schema = z.string().regex(/^[0-9a-f]{64}$/, 'must be a SHA-256 (64 lowercase hex characters)')

/** A database id. */
export const idSchema = z.number().int().positive().max(Number.MAX_SAFE_INTEGER)

/** True where main runs on Linux or macOS: there `C:\x` and `\\server\x` are relative names, not absolute paths. */
const onPosix = (): boolean => {
  const platform = (globalThis as { process?: { platform?: string } }).process?.platform
  return platform !== undefined && platform !== 'win32'
}

/** An absolute path the user gave (drop, dialog, typed), checked again in main. */
export const absolutePathSchema = z
  .string()
  .min(1)
  .max(4096)
  .refine((p) => !p.includes('\0'), 'the path contains a NUL character')
  .refine((p) => p.startsWith('/') || (!onPosix() && (/^[a-zA-Z]:[\\/]/.test(p) || p.startsWith('\\\\'))), 'must be an absolute path')
