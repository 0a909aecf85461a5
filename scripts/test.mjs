#!/usr/bin/env node
/**
 * npm test: the whole gate, in order, stopping at the first failure:
 * type check → layer check → build → unit and integration tests (vitest) → end-to-end tests
 * (Playwright: Chromium over loopback; Electron where its binary exists). Ends with one line
 * that sums up the test counts.
 */
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ROOT, bin } from './lib/paths.mjs'

const reports = mkdtempSync(join(tmpdir(), 'trove-test-reports-'))
const vitestJson = join(reports, 'vitest.json')
const playwrightJson = join(reports, 'playwright.json')

const steps = [
  ['type check', bin('tsc'), ['-p', 'tsconfig.json', '--noEmit']],
  ['layer check', process.execPath, [join(ROOT, 'scripts', 'check-layers.mjs')]],
  ['build', bin('electron-vite'), ['build']],
  ['unit and integration tests', bin('vitest'), ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${vitestJson}`]],
  ['end-to-end tests', bin('playwright'), ['test', '--reporter=list,json'], { PLAYWRIGHT_JSON_OUTPUT_NAME: playwrightJson }],
]

const started = Date.now()
for (const [name, command, args, env] of steps) {
  console.log(`\n=== ${name} ===`)
  const t0 = Date.now()
  const result = spawnSync(command, args, { cwd: ROOT, stdio: 'inherit', env: { ...process.env, ...env }, shell: process.platform === 'win32' })
  console.log(`--- ${name}: ${result.status === 0 ? 'ok' : 'FAILED'} (${((Date.now() - t0) / 1000).toFixed(1)} s)`)
  if (result.status !== 0) {
    summary()
    process.exit(result.status ?? 1)
  }
}
summary()

function summary() {
  const counts = { passed: 0, failed: 0, skipped: 0 }
  try {
    const v = JSON.parse(readFileSync(vitestJson, 'utf8'))
    counts.passed += v.numPassedTests
    counts.failed += v.numFailedTests
    counts.skipped += v.numPendingTests + (v.numTodoTests ?? 0)
  } catch {}
  try {
    const p = JSON.parse(readFileSync(playwrightJson, 'utf8'))
    counts.passed += p.stats.expected
    counts.failed += p.stats.unexpected + p.stats.flaky
    counts.skipped += p.stats.skipped
  } catch {}
  rmSync(reports, { recursive: true, force: true })
  console.log(`\nTotal time ${((Date.now() - started) / 1000).toFixed(0)} s`)
  console.log(`${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`)
}
