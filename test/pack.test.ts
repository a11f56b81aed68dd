/**
 * What npm would publish: each package is packed with `pnpm pack` (as `pnpm publish` packs it: `files`,
 * workspace versions replaced) and the tarball is unpacked and read. It holds the README, the licence,
 * the metadata an npm page shows (repository, homepage, keywords, license), every file its `exports`
 * name, for @castline/react the 'use client' directive at the top of every built entry, and for
 * @castline/element the script-tag bundle: castline.js with no React in it, wavesurfer.js only as a
 * chunk it imports dynamically.
 */
import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, describe, expect, test } from 'vitest'

const root = fileURLToPath(new URL('../', import.meta.url))
const work = mkdtempSync(join(tmpdir(), 'castline-pack-'))
afterAll(() => rmSync(work, { recursive: true, force: true }))

interface Manifest {
  name: string
  license?: string
  homepage?: string
  keywords?: string[]
  repository?: { type: string; url: string; directory: string }
  type?: string
  exports: Record<string, string | Record<string, string>>
  dependencies?: Record<string, string>
}

/** Packs packages/`dir` and unpacks the tarball; returns the unpacked folder and the tarball's file list. */
function pack(dir: string): { folder: string; files: string[] } {
  const out = join(work, dir)
  const packed = spawnSync('pnpm', ['pack', '--pack-destination', out, '--json'], {
    cwd: join(root, 'packages', dir),
    encoding: 'utf8',
  })
  if (packed.status !== 0) throw new Error(`pnpm pack failed in packages/${dir}:\n${packed.stderr}`)
  const { filename } = JSON.parse(packed.stdout) as { filename: string }
  const listed = spawnSync('tar', ['-tzf', filename], { encoding: 'utf8' })
  const unpacked = spawnSync('tar', ['-xzf', filename, '-C', out], { encoding: 'utf8' })
  if (listed.status !== 0 || unpacked.status !== 0) throw new Error(`tar failed on ${filename}`)
  // npm tarballs hold everything under package/.
  const files = listed.stdout
    .trim()
    .split('\n')
    .map((f) => f.replace(/^package\//, ''))
  return { folder: join(out, 'package'), files }
}

interface Packed {
  folder: string
  files: string[]
  manifest: Manifest
  readme: string
}

const packs = new Map<string, Packed>()

/** packages/`dir` packed and unpacked, once for every test that reads it. */
function packed(dir: string): Packed {
  let p = packs.get(dir)
  if (p === undefined) {
    const { folder, files } = pack(dir)
    const readmeFile = join(folder, 'README.md')
    p = {
      folder,
      files,
      manifest: JSON.parse(readFileSync(join(folder, 'package.json'), 'utf8')) as Manifest,
      readme: existsSync(readmeFile) ? readFileSync(readmeFile, 'utf8') : '',
    }
    packs.set(dir, p)
  }
  return p
}

/** Every file a package.json `exports` map names. */
function exportedFiles(manifest: Manifest): string[] {
  return Object.values(manifest.exports).flatMap((target) =>
    (typeof target === 'string' ? [target] : Object.values(target)).map((f) => f.replace(/^\.\//, '')),
  )
}

describe.each(['core', 'dom', 'element', 'react'])('the packed @castline/%s', (dir) => {
  test('has its README and licence, and what the npm page shows: repository, homepage, keywords, license', () => {
    const { folder, files, manifest } = packed(dir)
    expect(files).toContain('README.md')
    expect(files).toContain('LICENSE')
    expect(readFileSync(join(folder, 'LICENSE'), 'utf8')).toBe(readFileSync(join(root, 'LICENSE'), 'utf8'))
    expect(manifest.license).toBe('MIT')
    expect(manifest.repository).toEqual({
      type: 'git',
      url: expect.stringMatching(/^git\+https:\/\/github\.com\/[\w-]+\/[\w-]+\.git$/),
      directory: `packages/${dir}`,
    })
    expect(manifest.homepage).toMatch(new RegExp(`^https://github\\.com/.+/packages/${dir}#readme$`))
    expect(manifest.keywords?.length).toBeGreaterThanOrEqual(5)
    expect(manifest.type).toBe('module')
  })

  test('its README has the install line, a code example and every entry', () => {
    const { manifest, readme } = packed(dir)
    expect(readme).toMatch(new RegExp(`^npm i ${manifest.name}\\b`, 'm'))
    expect(readme).toMatch(/^```tsx?$/m)
    expect(readme).toMatch(/ESM only/)
    for (const entry of Object.keys(manifest.exports)) {
      if (entry === './package.json') continue
      expect(readme, entry).toContain(`\`${manifest.name}${entry.slice(1)}\``)
    }
  })

  test('holds every file its exports name, and its workspace dependencies as versions', () => {
    const { files, manifest } = packed(dir)
    for (const file of exportedFiles(manifest)) expect(files, file).toContain(file)
    for (const [name, version] of Object.entries(manifest.dependencies ?? {})) {
      expect(version, name).not.toMatch(/^workspace:/)
    }
    expect(files.filter((f) => /\.test\.|tsbuildinfo|node_modules/.test(f))).toEqual([])
  })
})

describe('the packed @castline/react', () => {
  test("every built JavaScript entry begins with 'use client' (a Next.js server page can render it)", () => {
    const { folder, manifest } = packed('react')
    const entries = exportedFiles(manifest).filter((f) => f.endsWith('.js'))
    expect(entries).toEqual([
      'dist/index.js',
      'dist/entry/waveform.js',
      'dist/entry/controls.js',
      'dist/entry/player.js',
      'dist/entry/provider.js',
      'dist/entry/locales/de.js',
      'dist/entry/locales/ar.js',
    ])
    for (const file of entries) {
      expect(readFileSync(join(folder, file), 'utf8').split('\n')[0], file).toBe("'use client';")
    }
  })
})

describe('the packed @castline/element', () => {
  test('castline.js is one module that defines the elements; wavesurfer.js is a chunk it imports only dynamically', () => {
    const { folder, files } = packed('element')
    const bundle = readFileSync(join(folder, 'dist/castline.js'), 'utf8')
    const chunks = files.filter((f) => /^dist\/castline-.*\.js$/.test(f))
    expect(chunks).toHaveLength(1)
    const chunk = chunks[0]!
    // Booleans rather than the files themselves: a failure should not print 170 kB of code.
    const has = (text: string, pattern: RegExp | string) =>
      typeof pattern === 'string' ? text.includes(pattern) : pattern.test(text)
    // No static import: the file stands alone; the chunk is named only in a dynamic import.
    expect(has(bundle, /^\s*import\s*[\w{*'"`]/m), 'a static import').toBe(false)
    expect(has(bundle, `import(\`./${chunk.slice('dist/'.length)}\`)`), 'the dynamic import').toBe(true)
    expect(has(bundle, 'customElements'), 'customElements').toBe(true)
    for (const name of [
      'castline-player',
      'castline-transcript',
      'castline-waveform',
      'castline-controls',
      'castline-search',
    ])
      expect(has(bundle, `"${name}"`), name).toBe(true)
    expect(has(bundle, /react-dom|__SECRET_INTERNALS|ReactCurrentDispatcher/), 'React').toBe(false)
    const wavesurfer = readFileSync(join(folder, chunk), 'utf8')
    expect(has(wavesurfer, 'wavesurfer was destroyed'), 'wavesurfer.js in the chunk').toBe(true)
    expect(has(bundle, 'wavesurfer was destroyed'), 'wavesurfer.js in castline.js').toBe(false)
  })
})
