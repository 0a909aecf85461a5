import { defineConfig } from '@playwright/test'

/**
 * End-to-end specs. `tests/e2e` drives the built renderer in Debian's Chromium over the loopback
 * transport; `tests/e2e-electron` drives the real app where an Electron binary exists.
 */
export default defineConfig({
  testDir: 'tests',
  testMatch: ['e2e/**/*.spec.ts', 'e2e-electron/**/*.spec.ts'],
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: process.env.CI ? [['list']] : [['list']],
  use: {
    headless: true,
    launchOptions: { executablePath: process.env.TROVE_CHROMIUM ?? '/usr/bin/chromium' },
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
})
