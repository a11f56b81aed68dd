#!/usr/bin/env node
// The README's two commands: `npm run demo` and `npm test`. Each works on a fresh machine with only Node
// and npm: it installs pnpm (the version pinned in package.json) and the workspace's dependencies, and for
// the tests Debian's Chromium when no Chromium is found (CASTLINE_CHROMIUM points at another one).
import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync, statSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { chromiumPath } from './chromium.mjs'

const root = fileURLToPath(new URL('..', import.meta.url))
const pnpmVersion = JSON.parse(
  readFileSync(new URL('../package.json', import.meta.url), 'utf8'),
).packageManager.split('@')[1]

function run(cmd, args, options = {}) {
  const r = spawnSync(cmd, args, { stdio: 'inherit', cwd: root, ...options })
  return r.status === 0
}

function must(cmd, args, what) {
  if (!run(cmd, args)) {
    console.error(`\n${what} failed: ${cmd} ${args.join(' ')}`)
    process.exit(1)
  }
}

function has(cmd, args = ['--version']) {
  const r = spawnSync(cmd, args, { stdio: 'pipe', cwd: root })
  return r.status === 0 ? String(r.stdout).trim() : null
}

function ensurePnpm() {
  const v = has('pnpm')
  if (v === pnpmVersion) return
  console.log(`> installing pnpm ${pnpmVersion} (found ${v ?? 'none'})`)
  must('npm', ['install', '--global', `pnpm@${pnpmVersion}`], 'Installing pnpm')
}

function ensureDependencies() {
  const stamp = `${root}/node_modules/.modules.yaml`
  const lock = `${root}/pnpm-lock.yaml`
  if (existsSync(stamp) && statSync(stamp).mtimeMs >= statSync(lock).mtimeMs) return
  must('pnpm', ['install', '--frozen-lockfile'], 'Installing dependencies')
}

function ensureChromium() {
  if (chromiumPath()) return
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0
  if (isRoot && has('apt-get', ['--version'])) {
    console.log("> installing Debian's Chromium for the browser tests")
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }
    if (run('apt-get', ['update'], { env }) && run('apt-get', ['install', '-y', 'chromium'], { env })) return
  }
  console.error(
    'No Chromium found for the browser tests. Install one (Debian: apt-get install chromium) or set ' +
      'CASTLINE_CHROMIUM to its executable.',
  )
  process.exit(1)
}

const task = process.argv[2]
ensurePnpm()
ensureDependencies()
if (task === 'demo') {
  must('pnpm', ['--filter', '@castline/demo', 'dev'], 'The demo')
} else if (task === 'test') {
  ensureChromium()
  must('pnpm', ['run', 'build'], 'Building the packages')
  must('pnpm', ['run', 'lint'], 'Lint')
  must('pnpm', ['run', 'typecheck'], 'Type check')
  must('pnpm', ['run', 'size'], 'Size limit')
  const report = `${root}/node_modules/.cache/castline-vitest.json`
  const ok = run('pnpm', [
    'exec',
    'vitest',
    'run',
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${report}`,
  ])
  // One closing line for any CI that reads 'N passed, N failed' rather than Vitest's own summary.
  const totals = existsSync(report) ? JSON.parse(readFileSync(report, 'utf8')) : null
  if (totals) console.log(`\ntests: ${totals.numPassedTests} passed, ${totals.numFailedTests} failed`)
  if (!ok || !totals || totals.numFailedTests > 0 || totals.numPassedTests === 0) {
    console.error('\nTests failed.')
    process.exit(1)
  }
} else {
  console.error('usage: node scripts/dev.mjs demo|test')
  process.exit(2)
}
