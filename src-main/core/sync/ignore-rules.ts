/**
 * What a watched folder leaves out: hidden names, editor backups, temporary and partial
 * downloads, system files, the library's own folder when it sits inside, and the user's glob
 * patterns. One matcher for the reconciler and the watcher, so both see the same tree.
 */

/** Names operating systems scatter in folders (compared case-insensitively). */
const SYSTEM_NAMES = new Set(['.ds_store', 'thumbs.db', 'ehthumbs.db', 'desktop.ini', '.localized', 'icon\r'])
/** Files still being written by someone else, or scratch copies: `*.tmp`, `*.temp`, partial downloads. */
const SCRATCH_SUFFIXES = ['.tmp', '.temp', '.crdownload', '.part', '.partial']

/** Why a name is left out by the built-in rules, or null. Applies to files and folders alike. */
export function builtInIgnoreReason(name: string): string | null {
  if (name.startsWith('.')) return 'hidden'
  if (name.endsWith('~')) return 'backup'
  const lower = name.toLowerCase()
  if (SYSTEM_NAMES.has(lower)) return 'system'
  if (SCRATCH_SUFFIXES.some((s) => lower.endsWith(s))) return 'temporary'
  return null
}

export interface IgnoreRules {
  /** `relPath`: POSIX, relative to the folder root, '' for the root itself (never ignored). */
  ignores(relPath: string, isDirectory: boolean | undefined): boolean
  /**
   * The same answer for `name` inside `parentRel` (NFC, '' for the root) when the parent itself
   * is known not to be left out (a walk only enters such folders): only the name is looked at.
   */
  ignoresIn(parentRel: string, name: string, isDirectory: boolean): boolean
}

export interface IgnoreOptions {
  /** The user's patterns (see `compileGlob`). */
  patterns: readonly string[]
  /** The library folder relative to the watched root, when it lies inside (POSIX), else null. */
  libraryRelPath: string | null
  caseSensitive: boolean
}

export function ignoreRules({ patterns, libraryRelPath, caseSensitive }: IgnoreOptions): IgnoreRules {
  const compiled = patterns.map((p) => compileGlob(p, caseSensitive))
  const fold = (s: string) => (caseSensitive ? s : s.toLowerCase())
  const library = libraryRelPath === null ? null : fold(libraryRelPath)
  return {
    ignores(relPath, isDirectory) {
      if (relPath === '') return false
      const segments = relPath.split('/')
      if (segments.some((s) => builtInIgnoreReason(s) !== null)) return true
      if (library !== null) {
        const folded = fold(relPath)
        if (folded === library || folded.startsWith(`${library}/`)) return true
      }
      // A pattern matching any ancestor folder leaves out everything under it.
      for (let i = 1; i <= segments.length; i++) {
        const prefix = segments.slice(0, i).join('/')
        const dir = i < segments.length ? true : isDirectory
        if (compiled.some((g) => g.matches(prefix, dir))) return true
      }
      return false
    },
    ignoresIn(parentRel, name, isDirectory) {
      if (builtInIgnoreReason(name) !== null) return true
      const relPath = parentRel === '' ? name : `${parentRel}/${name}`
      if (library !== null && fold(relPath) === library) return true
      return compiled.some((g) => g.matches(relPath, isDirectory))
    },
  }
}

export interface CompiledGlob {
  matches(relPath: string, isDirectory: boolean | undefined): boolean
}

/**
 * A small gitignore-style glob: `*` (within a name), `?`, `[abc]`/`[!a-z]`, `{a,b}`, and `**`
 * (any number of folders). A pattern without a `/` matches a name at any depth (`*.jpg`,
 * `node_modules`); one with a `/` matches from the folder root (`raw/**`, `/exports`). A
 * trailing `/` matches folders only.
 */
export function compileGlob(pattern: string, caseSensitive = true): CompiledGlob {
  let body = pattern.trim().replace(/\\/g, '/')
  const dirOnly = body.endsWith('/')
  body = body.replace(/\/+$/, '')
  const anchored = body.includes('/')
  body = body.replace(/^\/+/, '')
  if (body === '' || body === '**') return { matches: () => body === '**' }
  const source = anchored ? globToRegExp(body) : `(?:.*/)?${globToRegExp(body)}`
  const regex = new RegExp(`^${source}$`, caseSensitive ? 'u' : 'iu')
  return {
    matches(relPath, isDirectory) {
      if (dirOnly && isDirectory === false) return false
      if (dirOnly && isDirectory === undefined) return false
      return regex.test(relPath)
    },
  }
}

function globToRegExp(glob: string): string {
  let out = ''
  let braces = 0
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!
    if (c === '*') {
      if (glob[i + 1] === '*') {
        const atStart = i === 0 || glob[i - 1] === '/'
        const atEnd = i + 2 === glob.length || glob[i + 2] === '/'
        if (atStart && atEnd) {
          // `**/` = zero or more folders; a final `**` = everything below.
          if (i + 2 === glob.length) out += '.*'
          else {
            out += '(?:[^/]*/)*'
            i++ // the slash
          }
          i++
          continue
        }
        i++
      }
      out += '[^/]*'
    } else if (c === '?') out += '[^/]'
    else if (c === '[') {
      const close = glob.indexOf(']', i + 2)
      if (close === -1) out += '\\['
      else {
        let set = glob.slice(i + 1, close)
        if (set.startsWith('!')) set = `^${set.slice(1)}`
        out += `[${set.replace(/\\/g, '\\\\')}]`
        i = close
      }
    } else if (c === '{') {
      braces++
      out += '(?:'
    } else if (c === '}' && braces > 0) {
      braces--
      out += ')'
    } else if (c === ',' && braces > 0) out += '|'
    else out += c.replace(/[.+^$()|\\]/g, '\\$&')
  }
  return out + ')'.repeat(braces)
}

/** The user's patterns as given, cleaned: trimmed, no empties, no duplicates, bounded. */
export function cleanPatterns(patterns: readonly string[]): string[] {
  return [...new Set(patterns.map((p) => p.trim()).filter((p) => p.length > 0 && p.length <= 500))].slice(0, 200)
}
