// Vite keeps a NODE_ENV it finds (Vitest sets it to 'test'), and React then ships its development build.
// What users get, and what the e2e tests and benchmarks measure, is the production build: this runs Vite's
// build with NODE_ENV=production and puts the caller's NODE_ENV back afterwards (unset stays unset).
import { build } from 'vite'

/** Vite's `build(config)` in production mode, whatever NODE_ENV the calling process has. */
export async function productionBuild(config) {
  const nodeEnv = process.env.NODE_ENV
  process.env.NODE_ENV = 'production'
  try {
    return await build({ mode: 'production', logLevel: 'error', ...config })
  } finally {
    if (nodeEnv === undefined) delete process.env.NODE_ENV
    else process.env.NODE_ENV = nodeEnv
  }
}
