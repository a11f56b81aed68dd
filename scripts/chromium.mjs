// Where Chromium lives and how it is launched, shared by Vitest browser mode, Storybook tests and the
// Playwright e2e suite. CASTLINE_CHROMIUM overrides the path for systems without Debian's package.
import { existsSync } from 'node:fs'

const candidates = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome']

/** The Chromium executable to launch, or undefined to let Playwright use its own browser. */
export function chromiumPath() {
  const fromEnv = process.env.CASTLINE_CHROMIUM
  if (fromEnv) return fromEnv
  return candidates.find((p) => existsSync(p))
}

/** Flags for headless runs on a closed network; audio may autoplay so that playback tests can run. */
export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
  '--autoplay-policy=no-user-gesture-required',
]

/** Launch options for playwright-core's chromium.launch(). */
export function chromiumLaunchOptions() {
  const executablePath = chromiumPath()
  return { headless: true, args: chromiumArgs, ...(executablePath ? { executablePath } : {}) }
}
