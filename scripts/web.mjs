#!/usr/bin/env node
/**
 * npm run web -- [--library DIR] [--port N]
 * Builds if needed, then serves the renderer and the contract on 127.0.0.1 (development, tests,
 * and any machine without a desktop session). Prints the URL to open.
 */
import { buildIfNeeded } from './lib/build.mjs'
import { serveOnLoopback } from './lib/serve.mjs'

buildIfNeeded()
serveOnLoopback(process.argv.slice(2))
