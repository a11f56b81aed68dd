import { fileURLToPath } from 'node:url'
import { build } from 'vite'
import type { TestProject } from 'vitest/node'
import { serveStatic } from './static-server.js'

declare module 'vitest' {
  export interface ProvidedContext {
    /** Base URL of the built demo, served locally (ends with a slash). */
    demoUrl: string
  }
}

const demoRoot = fileURLToPath(new URL('..', import.meta.url))

/** Builds the demo with Vite's JS API and serves apps/demo/dist for the e2e tests. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const started = performance.now()
  // Vitest sets NODE_ENV=test, and Vite keeps a NODE_ENV it finds: the demo would ship React's
  // development build. Test what users get.
  const nodeEnv = process.env.NODE_ENV
  process.env.NODE_ENV = 'production'
  try {
    await build({
      root: demoRoot,
      configFile: fileURLToPath(new URL('../vite.config.ts', import.meta.url)),
      mode: 'production',
      logLevel: 'error',
    })
  } finally {
    if (nodeEnv === undefined) delete process.env.NODE_ENV
    else process.env.NODE_ENV = nodeEnv
  }
  const server = await serveStatic(fileURLToPath(new URL('../dist', import.meta.url)))
  console.log(`e2e: demo built in ${Math.round(performance.now() - started)} ms, served at ${server.url}`)
  project.provide('demoUrl', server.url)
  return () => server.close()
}
