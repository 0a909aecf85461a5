#!/usr/bin/env node
/**
 * Enforces the layer rules of docs/ARCHITECTURE.md from the import statements themselves:
 *   - only src-main/electron/, src-main/index.ts and src-preload/index.ts import 'electron';
 *   - src-main/core/ imports nothing from api/, web/, electron/, the entries, or React;
 *   - src-main/api/ imports nothing from web/ or electron/;
 *   - src-main/web/ imports nothing from electron/;
 *   - src-renderer/ imports nothing from src-main/ and no Node built-ins;
 *   - src-preload/contract/ imports only zod and its own files.
 * Usage: node scripts/check-layers.mjs [ROOT]. Exits 1 and lists each violation.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { dirname, join, relative, resolve, sep } from 'node:path'
import { builtinModules } from 'node:module'

const root = resolve(process.argv[2] ?? join(import.meta.dirname, '..'))
const SOURCE = /\.(ts|tsx|mts|cts)$/
const IMPORT = /(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|(?:^|[^\w.])(?:import|require)\s*\(\s*['"]([^'"]+)['"]\s*\)|(?:^|\n)\s*import\s*['"]([^'"]+)['"]/g
const NODE_BUILTINS = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]))

function* walk(dir) {
  let entries
  try {
    entries = readdirSync(dir)
  } catch {
    return
  }
  for (const name of entries) {
    if (name === 'node_modules' || name.startsWith('.')) continue
    const full = join(dir, name)
    if (statSync(full).isDirectory()) yield* walk(full)
    else if (SOURCE.test(name) && !/\.test\.tsx?$/.test(name)) yield full
  }
}

const posix = (p) => p.split(sep).join('/')
const importsOf = (file) => [...readFileSync(file, 'utf8').matchAll(IMPORT)].map((m) => m[1] ?? m[2] ?? m[3])
/** Repo-relative target of a relative import, or the bare specifier. */
const target = (file, spec) => (spec.startsWith('.') ? posix(relative(root, resolve(dirname(file), spec))) : spec)
const under = (path, folder) => path === folder || path.startsWith(`${folder}/`)

const rules = [
  {
    applies: () => true,
    check: (from, to) =>
      (to === 'electron' || to.startsWith('electron/')) &&
      !under(from, 'src-main/electron') &&
      from !== 'src-main/index.ts' &&
      from !== 'src-preload/index.ts' &&
      'only src-main/electron/, src-main/index.ts and src-preload/index.ts may import electron',
  },
  {
    applies: (from) => under(from, 'src-main/core'),
    check: (_from, to) =>
      (['src-main/api', 'src-main/web', 'src-main/electron'].some((f) => under(to, f)) ||
        /^src-main\/(index|cli|serve|compose|host)(\.ts)?$/.test(to) ||
        to === 'react' ||
        to.startsWith('react-') ||
        to.startsWith('@mantine/')) &&
      'core/ must not import api/, web/, electron/, an entry, or the UI',
  },
  {
    applies: (from) => under(from, 'src-main/api'),
    check: (_from, to) => (under(to, 'src-main/web') || under(to, 'src-main/electron')) && 'api/ must not import a transport',
  },
  {
    applies: (from) => under(from, 'src-main/web'),
    check: (_from, to) => under(to, 'src-main/electron') && 'web/ must not import electron/',
  },
  {
    applies: (from) => under(from, 'src-renderer'),
    check: (_from, to) =>
      (under(to, 'src-main') || NODE_BUILTINS.has(to)) && 'the renderer must not import main-process code or Node built-ins',
  },
  {
    applies: (from) => under(from, 'src-preload/contract'),
    check: (_from, to) =>
      !(to === 'zod' || to.startsWith('zod/') || under(to, 'src-preload/contract')) && 'the contract may import only zod and itself',
  },
]

const violations = []
let files = 0
for (const folder of ['src-main', 'src-preload', 'src-renderer']) {
  for (const file of walk(join(root, folder))) {
    files++
    const from = posix(relative(root, file))
    for (const spec of importsOf(file)) {
      const to = target(file, spec)
      for (const rule of rules) {
        if (!rule.applies(from)) continue
        const broken = rule.check(from, to)
        if (broken) violations.push(`${from} imports '${spec}': ${broken}`)
      }
    }
  }
}

if (violations.length > 0) {
  console.error(`Layer check failed: ${violations.length} violation(s)`)
  for (const v of violations) console.error(`  - ${v}`)
  process.exit(1)
}
console.log(`Layer check passed: ${files} files, no import crosses a layer the wrong way.`)
