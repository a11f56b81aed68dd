import { defineConfig } from 'vitest/config'

/**
 * Vitest projects: `core` (Node), `react` (jsdom) and `browser` (real Chromium through Playwright;
 * CASTLINE_CHROMIUM points at another Chromium than Debian's /usr/bin/chromium).
 */
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'core',
          root: './packages/core',
          include: ['test/**/*.test.ts'],
          environment: 'node',
        },
      },
    ],
  },
})
