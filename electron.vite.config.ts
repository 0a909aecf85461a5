import react from '@vitejs/plugin-react'
import { defineConfig } from 'electron-vite'
import { resolve } from 'node:path'
import type { Plugin } from 'vite'
import { CONTENT_SECURITY_POLICY, DEV_CONTENT_SECURITY_POLICY } from './src-main/csp'

/** Puts the one CSP (src-main/csp.ts) into index.html: strict when built, relaxed for HMR. */
function contentSecurityPolicy(): Plugin {
  let policy = CONTENT_SECURITY_POLICY
  return {
    name: 'trove-csp',
    configResolved(config) {
      if (config.command === 'serve') policy = DEV_CONTENT_SECURITY_POLICY
    },
    transformIndexHtml: () => [
      { tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: policy }, injectTo: 'head-prepend' },
    ],
  }
}

// ESM-only packages are bundled into the CommonJS main output instead of being required.
const ESM_ONLY_DEPENDENCIES = ['kysely', 'file-type', 'chokidar', 'music-metadata']

export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      externalizeDeps: { exclude: ESM_ONLY_DEPENDENCIES },
      rollupOptions: { input: { index: resolve(__dirname, 'src-main/index.ts') } },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      // A sandboxed preload can require only 'electron': bundle everything else into it.
      externalizeDeps: false,
      rollupOptions: { input: { index: resolve(__dirname, 'src-preload/index.ts') }, external: ['electron'] },
    },
  },
  renderer: {
    root: resolve(__dirname, 'src-renderer'),
    plugins: [react(), contentSecurityPolicy()],
    build: {
      outDir: resolve(__dirname, 'out/renderer'),
      rollupOptions: { input: { index: resolve(__dirname, 'src-renderer/index.html') } },
    },
  },
})
