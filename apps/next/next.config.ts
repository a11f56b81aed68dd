import { fileURLToPath } from 'node:url'
import type { NextConfig } from 'next'

const config: NextConfig = {
  // The repository root holds the lockfile and the workspace packages this app links to
  // (@castline/react, @castline/core); saying so keeps Next from guessing it.
  turbopack: { root: fileURLToPath(new URL('../..', import.meta.url)) },
  outputFileTracingRoot: fileURLToPath(new URL('../..', import.meta.url)),
}

export default config
