import { fileURLToPath } from 'node:url'
import type { TestProject } from 'vitest/node'
import { productionBuild } from '../../../scripts/production-build.mjs'
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
  // Test what users get: the production build, although Vitest sets NODE_ENV=test.
  await productionBuild({
    root: demoRoot,
    configFile: fileURLToPath(new URL('../vite.config.ts', import.meta.url)),
  })
  const server = await serveStatic(fileURLToPath(new URL('../dist', import.meta.url)))
  console.log(`e2e: demo built in ${Math.round(performance.now() - started)} ms, served at ${server.url}`)
  project.provide('demoUrl', server.url)
  return () => server.close()
}
