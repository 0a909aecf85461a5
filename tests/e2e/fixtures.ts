import { test as base } from '@playwright/test'
import { serveApp, type ServedApp } from '../support/serve-app'

/** A fresh loopback server and library per test, with the page pointed at it. */
export const test = base.extend<{ app: ServedApp }>({
  app: async ({}, use) => {
    const app = await serveApp()
    await use(app)
    await app.stop()
  },
})

export { expect } from '@playwright/test'
