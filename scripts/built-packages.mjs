// The packed-package and Next.js tests use the packages as a site gets them: built into dist/. `npm test`
// builds them before any test; a test project run on its own (`vitest run --project next`) builds them
// here first when a package's sources are newer than its build, so that it never tests stale output.
import { spawn } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('..', import.meta.url))
const packagesDir = join(root, 'packages')

/** The newest modification time of the files under `dir`, or 0 when there are none. */
function newest(dir) {
  let time = 0
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name)
    time = Math.max(time, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs)
  }
  return time
}

/**
 * The folders under packages/ whose dist/index.js is missing or older than a file of their src/, their
 * package.json or their build's tsconfig (tsc rewrites every output on each build).
 */
export function stalePackages() {
  return readdirSync(packagesDir).filter((name) => {
    const dir = join(packagesDir, name)
    if (!existsSync(join(dir, 'package.json')) || !existsSync(join(dir, 'src'))) return false
    const built = join(dir, 'dist', 'index.js')
    if (!existsSync(built)) return true
    const inputs = ['package.json', 'tsconfig.build.json']
      .map((f) => join(dir, f))
      .filter((f) => existsSync(f))
      .map((f) => statSync(f).mtimeMs)
    return Math.max(newest(join(dir, 'src')), ...inputs) > statSync(built).mtimeMs
  })
}

function buildAll() {
  return new Promise((resolve, reject) => {
    // The root `build` script: every package, in dependency order.
    const child = spawn('pnpm', ['run', 'build'], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] })
    let output = ''
    child.stdout.on('data', (d) => (output += d))
    child.stderr.on('data', (d) => (output += d))
    child.on('error', reject)
    child.on('close', (code) =>
      code === 0 ? resolve() : reject(new Error(`pnpm run build failed (exit ${code}):\n${output}`)),
    )
  })
}

// Shared by every global setup in the Vitest process, so that two projects never build at once.
const KEY = Symbol.for('castline.ensureBuilt')

/** Builds the packages when any is stale (see `stalePackages`); resolves with the names it found stale. */
export function ensureBuilt() {
  globalThis[KEY] ??= (async () => {
    const stale = stalePackages()
    if (stale.length > 0) await buildAll()
    return stale
  })()
  return globalThis[KEY]
}
