// What a release depends on: the electron-builder config, the icons it points at, and the
// workflows that run it. Nothing here packages the app (that needs an Electron binary).
import { existsSync, readFileSync, statSync } from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import sharp from 'sharp'
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'

const root = fileURLToPath(new URL('../../', import.meta.url))
const at = (...parts: string[]) => path.join(root, ...parts)
const readYaml = (file: string): any => parse(readFileSync(at(file), 'utf8'))

const config = readYaml('electron-builder.yml')
const resources = at(config.directories.buildResources)

type Target = { target: string; arch: string[] }
const targetsOf = (platform: string): Target[] => config[platform].target
const archsOf = (platform: string, name: string): string[] | undefined =>
  targetsOf(platform).find((t) => t.target === name)?.arch

// electron-builder's own dependencies: the schema it validates against, its ajv, its glob matcher.
const requireFromBuilder = createRequire(
  createRequire(import.meta.url).resolve('electron-builder/package.json'),
)
const builderLib = path.dirname(requireFromBuilder.resolve('app-builder-lib/package.json'))
const requireFromLib = createRequire(path.join(builderLib, 'package.json'))
const minimatch = requireFromLib('minimatch').minimatch as (
  file: string,
  pattern: string,
  options?: { dot?: boolean },
) => boolean

describe('electron-builder.yml', () => {
  it('names the app and never rebuilds native modules', () => {
    expect(config.appId).toBe('app.trove.desktop')
    expect(config.productName).toBe('Trove')
    expect(config.npmRebuild).toBe(false)
    expect(config.publish).toBeNull()
    expect(config.directories).toEqual({ buildResources: 'resources', output: 'release/${version}' })
  })

  it('validates against the schema electron-builder checks configs with', () => {
    const Ajv = requireFromLib('ajv').default as new (options: object) => {
      compile(schema: object): ((data: unknown) => boolean) & { errors?: unknown[] | null }
    }
    const schema = JSON.parse(readFileSync(path.join(builderLib, 'scheme.json'), 'utf8'))
    // the same options app-builder-lib uses in util/config/schemaValidator
    const validate = new Ajv({ allErrors: true, verbose: false, coerceTypes: true, strict: false }).compile(schema)
    const valid = validate(structuredClone(config))
    expect(validate.errors ?? []).toEqual([])
    expect(valid).toBe(true)
    expect(validate({ ...config, nsis: { oneClik: false } })).toBe(false) // the check can fail
  })

  it('packs the built app only, without sources or source maps', () => {
    const files: string[] = config.files
    expect(files).toEqual(expect.arrayContaining(['out/**/*', 'package.json', '!**/*.map']))
    const included = (file: string) => {
      let hit = false
      for (const pattern of files) {
        const negated = pattern.startsWith('!')
        if (minimatch(file, negated ? pattern.slice(1) : pattern, { dot: true })) hit = !negated
      }
      return hit
    }
    expect(included('out/main/index.js')).toBe(true)
    expect(included('out/renderer/index.html')).toBe(true)
    expect(included('package.json')).toBe(true)
    expect(included('out/main/index.js.map')).toBe(false)
    expect(included('src-main/index.ts')).toBe(false)
    expect(included('tests/packaging/electron-builder-config.test.ts')).toBe(false)
    expect(included('docs/README.md')).toBe(false)
    // package.json's "main" must be inside what is packed
    const main = JSON.parse(readFileSync(at('package.json'), 'utf8')).main as string
    expect(included(main)).toBe(true)
  })

  it('keeps native modules out of the asar', () => {
    expect(config.asar).toBe(true)
    const unpacked = (file: string) =>
      (config.asarUnpack as string[]).some((pattern) => minimatch(file, pattern, { dot: true }))
    expect(unpacked('node_modules/better-sqlite3/prebuilds/win32-x64.node')).toBe(true)
    expect(unpacked('node_modules/better-sqlite3/lib/index.js')).toBe(true)
    expect(unpacked('node_modules/sharp/dist/index.cjs')).toBe(true)
    expect(unpacked('node_modules/@img/sharp-darwin-arm64/lib/sharp-darwin-arm64.node')).toBe(true)
    expect(unpacked('node_modules/@img/sharp-libvips-darwin-arm64/lib/libvips-cpp.dylib')).toBe(true)
    expect(unpacked('node_modules/some-addon/build/Release/addon.node')).toBe(true)
    expect(unpacked('node_modules/react/index.js')).toBe(false)
  })

  it('builds installers for Windows, macOS and Linux on x64 and arm64', () => {
    expect(archsOf('win', 'nsis')?.sort()).toEqual(['arm64', 'x64'])
    expect(archsOf('mac', 'dmg')?.sort()).toEqual(['arm64', 'x64'])
    expect(archsOf('mac', 'zip')?.sort()).toEqual(['arm64', 'x64'])
    expect(archsOf('linux', 'AppImage')).toContain('x64')
    expect(archsOf('linux', 'deb')).toContain('x64')
    expect(config.artifactName).toContain('${os}')
    expect(config.artifactName).toContain('${arch}')
  })

  it('makes an assisted, per-user Windows installer', () => {
    expect(config.nsis).toMatchObject({
      oneClick: false,
      perMachine: false,
      allowToChangeInstallationDirectory: true,
      buildUniversalInstaller: false,
    })
  })

  it('signs macOS builds with the hardened runtime and the entitlements Electron needs', () => {
    expect(config.mac.hardenedRuntime).toBe(true)
    expect(config.mac.category).toBe('public.app-category.productivity')
    for (const file of [config.mac.entitlements, config.mac.entitlementsInherit]) {
      const plist = readFileSync(at(file), 'utf8')
      for (const key of ['allow-jit', 'allow-unsigned-executable-memory', 'disable-library-validation']) {
        expect(plist).toMatch(new RegExp(`<key>com\\.apple\\.security\\.cs\\.${key}</key>\\s*<true/>`))
      }
    }
  })

  it('describes the Linux packages', () => {
    expect(config.linux.category).toBe('Office')
    expect(config.linux.maintainer).toBeTruthy()
    expect(config.linux.synopsis).toBeTruthy()
  })
})

describe('icons', () => {
  const sizes = [16, 32, 48, 64, 128, 256, 512]

  it('has a 1024 px master that macOS can turn into .icns', async () => {
    const file = path.join(resources, config.mac.icon)
    const meta = await sharp(file).metadata()
    expect([meta.format, meta.width, meta.height, meta.hasAlpha]).toEqual(['png', 1024, 1024, true])
    // a rounded tile: transparent corner, opaque middle
    const { data, info } = await sharp(file).raw().toBuffer({ resolveWithObject: true })
    const alpha = (x: number, y: number) => data[(y * info.width + x) * info.channels + 3]
    expect(alpha(2, 2)).toBe(0)
    expect(alpha(512, 512)).toBe(255)
  })

  it('has the Linux icon set at every size', async () => {
    for (const size of sizes) {
      const file = path.join(resources, config.linux.icon, `${size}x${size}.png`)
      const meta = await sharp(file).metadata()
      expect([meta.format, meta.width, meta.height]).toEqual(['png', size, size])
    }
  })

  it('has a valid Windows .ico from 16 to 256 px', async () => {
    const ico = readFileSync(path.join(resources, config.win.icon))
    expect(ico.readUInt16LE(0)).toBe(0) // reserved
    expect(ico.readUInt16LE(2)).toBe(1) // 1 = icon
    const count = ico.readUInt16LE(4)
    const found: number[] = []
    let end = 6 + 16 * count
    for (let i = 0; i < count; i++) {
      const entry = 6 + 16 * i
      const size = ico[entry] || 256
      expect(ico[entry + 1] || 256).toBe(size)
      expect(ico.readUInt16LE(entry + 6)).toBe(32) // bits per pixel
      const length = ico.readUInt32LE(entry + 8)
      const offset = ico.readUInt32LE(entry + 12)
      expect(offset).toBe(end) // payloads follow each other, nothing overlaps
      end = offset + length
      const image = ico.subarray(offset, end)
      if (image.subarray(0, 8).equals(Buffer.from('89504e470d0a1a0a', 'hex'))) {
        const meta = await sharp(image).metadata()
        expect([meta.width, meta.height]).toEqual([size, size])
      } else {
        // BITMAPINFOHEADER: 40 bytes, width, doubled height (colour + mask), 32 bpp
        expect(image.readUInt32LE(0)).toBe(40)
        expect(image.readInt32LE(4)).toBe(size)
        expect(image.readInt32LE(8)).toBe(size * 2)
        expect(image.readUInt16LE(14)).toBe(32)
        expect(image.length).toBe(40 + size * size * 4 + Math.ceil(size / 32) * 4 * size)
      }
      found.push(size)
    }
    expect(end).toBe(ico.length)
    expect(found).toEqual(expect.arrayContaining([16, 32, 48, 256]))
  })

  it('keeps every generated icon file small', () => {
    const files = ['icon.png', 'icon.ico', 'icon.svg', ...sizes.map((s) => `icons/${s}x${s}.png`)]
    for (const file of files) expect(statSync(path.join(resources, file)).size).toBeLessThan(1024 * 1024)
  })
})

describe('workflows', () => {
  it('packages a release on each OS from a v* tag or by hand', () => {
    const release = readYaml('.github/workflows/release.yml')
    expect(release.on.push.tags).toEqual(['v*'])
    expect(release.on).toHaveProperty('workflow_dispatch')

    const job = release.jobs.package
    const matrix: { os: string; target: string }[] = job.strategy.matrix.include
    expect(Object.fromEntries(matrix.map((m) => [m.os, m.target]))).toEqual({
      'ubuntu-latest': '--linux',
      'windows-latest': '--win',
      'macos-latest': '--mac',
    })
    expect(job['runs-on']).toBe('${{ matrix.os }}')

    const steps: { uses?: string; run?: string; with?: Record<string, unknown> }[] = job.steps
    const uses = (action: string) => steps.find((s) => s.uses?.startsWith(`${action}@`))
    expect(uses('actions/checkout')).toBeDefined()
    expect(uses('actions/setup-node')?.with).toMatchObject({ 'node-version': 22, cache: 'npm' })
    const runs = steps.map((s) => s.run ?? '').join('\n')
    const order = ['npm ci', 'npm run build', 'npx electron-builder --config electron-builder.yml --publish never']
    const positions = order.map((command) => runs.indexOf(command))
    expect(positions.every((p) => p >= 0)).toBe(true)
    expect([...positions].sort((a, b) => a - b)).toEqual(positions)
    expect(String(uses('actions/upload-artifact')?.with?.path)).toContain('release/')
  })

  it('runs the project CI script on pushes and pull requests', () => {
    const ci = readYaml('.github/workflows/ci.yml')
    expect(ci.on).toHaveProperty('push')
    expect(ci.on).toHaveProperty('pull_request')
    const jobs = Object.values(ci.jobs) as { 'runs-on': string; steps: { run?: string }[] }[]
    expect(jobs.map((j) => j['runs-on'])).toEqual(['ubuntu-latest'])
    expect(jobs[0]?.steps.some((s) => s.run === 'bash .ci/run')).toBe(true)
  })

  it('points at files that exist', () => {
    expect(existsSync(at('scripts/make-icons.mjs'))).toBe(true)
    expect(existsSync(at('resources/icon.svg'))).toBe(true)
  })
})
