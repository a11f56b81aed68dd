import { type ChildProcess, spawn } from 'node:child_process'
import { createRequire } from 'node:module'
import { createServer } from 'node:net'
import { fileURLToPath } from 'node:url'
import type { TestProject } from 'vitest/node'
import { ensureBuilt } from '../../../scripts/built-packages.mjs'

declare module 'vitest' {
  export interface ProvidedContext {
    /** Base URL of the Next.js example, built and served by `next start` (ends with a slash). */
    nextUrl: string
  }
}

const appRoot = fileURLToPath(new URL('..', import.meta.url))
// Next's own command line, run with this Node (no shell, no package manager in between).
const nextBin = createRequire(new URL('../package.json', import.meta.url)).resolve('next/dist/bin/next')
// What users run: a production build and server, no telemetry (the network is closed), whatever
// NODE_ENV Vitest has set for itself.
const env = { ...process.env, NODE_ENV: 'production' as const, NEXT_TELEMETRY_DISABLED: '1' }

/** Runs `next <args>` in the app and resolves with its output; rejects with it when it fails. */
function next(args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [nextBin, ...args], { cwd: appRoot, env })
    let output = ''
    child.stdout.on('data', (d) => (output += d))
    child.stderr.on('data', (d) => (output += d))
    child.on('error', reject)
    child.on('close', (code) =>
      code === 0
        ? resolve(output)
        : reject(new Error(`next ${args.join(' ')} failed (exit ${code}):\n${output}`)),
    )
  })
}

/** A TCP port nothing listens on right now, chosen by the system. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer()
    probe.on('error', reject)
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address()
      const port = typeof address === 'object' && address !== null ? address.port : 0
      probe.close(() => resolve(port))
    })
  })
}

/** Starts `next start` on `port` and waits until it answers the page; rejects with its output if it exits. */
async function start(port: number): Promise<{ url: string; server: ChildProcess }> {
  const url = `http://127.0.0.1:${port}/`
  // Its own process group, so that stopping it stops anything it started.
  const server = spawn(process.execPath, [nextBin, 'start', '-p', String(port), '-H', '127.0.0.1'], {
    cwd: appRoot,
    env,
    detached: true,
  })
  let output = ''
  server.stdout?.on('data', (d) => (output += d))
  server.stderr?.on('data', (d) => (output += d))
  const exited = new Promise<never>((_, reject) =>
    server.once('exit', (code) => reject(new Error(`next start exited (${code}):\n${output}`))),
  )
  const deadline = Date.now() + 60_000
  const answered = (async () => {
    while (Date.now() < deadline) {
      const ok = await fetch(url).then(
        (res) => res.ok,
        () => false,
      )
      if (ok) return
      await new Promise((r) => setTimeout(r, 200))
    }
    throw new Error(`next start did not answer ${url} within 60 s:\n${output}`)
  })()
  try {
    await Promise.race([answered, exited])
  } catch (error) {
    await stop(server)
    throw error
  }
  exited.catch(() => {})
  return { url, server }
}

/** Ends the server's process group (the server and anything it started), which this setup started. */
function stop(server: ChildProcess): Promise<void> {
  if (server.exitCode !== null || server.signalCode !== null || server.pid === undefined) {
    return Promise.resolve()
  }
  const gone = new Promise<void>((resolve) => server.once('exit', () => resolve()))
  try {
    process.kill(-server.pid, 'SIGTERM')
  } catch {
    // The group is already gone (the server exited between the check and the signal).
    return Promise.resolve()
  }
  return gone
}

/**
 * Builds the packages if their dist/ is stale (the app uses them built, from node_modules, as a site
 * installing them from npm does), runs `next build` in apps/next and serves it with `next start` on a
 * free port for the tests, which read its URL with inject('nextUrl').
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const started = performance.now()
  await ensureBuilt()
  await next(['build'])
  const built = performance.now()
  // Another process may take the port between the probe and the server's listen: try a few.
  let running: { url: string; server: ChildProcess } | undefined
  for (let attempt = 1; running === undefined; attempt++) {
    try {
      running = await start(await freePort())
    } catch (error) {
      if (attempt === 3) throw error
    }
  }
  const { url, server } = running
  console.log(
    `next: built in ${Math.round(built - started)} ms, serving at ${url} after ${Math.round(performance.now() - built)} ms`,
  )
  project.provide('nextUrl', url)
  return () => stop(server)
}
