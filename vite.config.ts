import { fileURLToPath } from 'node:url'
import { storybookTest } from '@storybook/addon-vitest/vitest-plugin'
import react from '@vitejs/plugin-react'
import { playwright } from '@vitest/browser-playwright'
import { defineConfig } from 'vitest/config'
import { chromiumLaunchOptions } from './scripts/chromium.mjs'
import { sourceAliases } from './scripts/source-aliases.mjs'

// Tests run against the packages' sources (every entry point, as the demo and Storybook use them), so
// that no build step stands between an edit and a test.
const alias = sourceAliases

/**
 * Vitest browser mode in headless Debian Chromium (or CASTLINE_CHROMIUM), for the dom-browser, browser and
 * storybook projects: a new object for each, since Vitest names each project's instances in place.
 */
const chromiumBrowser = () => ({
  enabled: true,
  headless: true,
  provider: playwright({ launchOptions: chromiumLaunchOptions() }),
  instances: [{ browser: 'chromium' as const }],
  viewport: { width: 1200, height: 800 },
})

/** Timeouts of the projects that drive a served app in Chromium with playwright-core (`e2e`, `next`). */
const servedAppTiming = {
  // Real audio plays in real time, and Chromium shares two cores with everything else.
  testTimeout: 90_000,
  hookTimeout: 60_000,
  // expect.poll waits for the page; a second (the default) is short on a loaded machine.
  expect: { poll: { timeout: 15_000, interval: 100 } },
}

/**
 * Vitest projects: `core` (Node), `dom` (jsdom) and `dom-browser` (real Chromium) for `@castline/dom`
 * without a framework, `element` (jsdom) and `element-browser` (real Chromium) for the custom elements, `react` (jsdom), `browser` (real Chromium through Playwright;
 * CASTLINE_CHROMIUM points at another Chromium than Debian's /usr/bin/chromium) and `e2e` (the built
 * demo served locally, driven with playwright-core in the same Chromium), `next` (the Next.js example in
 * apps/next, built with `next build` against the built packages and served by `next start`, driven the
 * same way), `packaging` (Node: the packed tarballs and the READMEs' code blocks), `storybook` (every
 * story rendered in the same Chromium, its play function run, axe checked).
 */
export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      {
        resolve: { alias },
        test: {
          name: 'core',
          root: './packages/core',
          include: ['test/**/*.test.ts'],
          environment: 'node',
          // One fast-check seed for the run, printed, and taken from CASTLINE_SEED when set.
          globalSetup: ['../../scripts/seed-global-setup.ts'],
          setupFiles: ['../../scripts/seed-setup.ts'],
        },
      },
      {
        resolve: { alias },
        test: {
          name: 'dom',
          root: './packages/dom',
          include: ['test/**/*.test.ts'],
          exclude: ['test/**/*.browser.test.ts'],
          environment: 'jsdom',
          // A hang guard, not a speed target: a thousand-line render in jsdom takes seconds on a busy machine.
          testTimeout: 30_000,
          globalSetup: ['../../scripts/seed-global-setup.ts'],
          setupFiles: ['../../scripts/seed-setup.ts'],
        },
      },
      {
        resolve: { alias },
        test: {
          name: 'dom-browser',
          root: './packages/dom',
          include: ['test/**/*.browser.test.ts'],
          browser: chromiumBrowser(),
          // Real audio plays in real time, and Chromium shares two cores with everything else.
          testTimeout: 30_000,
        },
      },
      {
        resolve: { alias },
        test: {
          name: 'element',
          root: './packages/element',
          include: ['test/**/*.test.ts'],
          exclude: ['test/**/*.browser.test.ts'],
          environment: 'jsdom',
          // A hang guard, not a speed target: a thousand-line render in jsdom takes seconds on a busy machine.
          testTimeout: 30_000,
          globalSetup: ['../../scripts/seed-global-setup.ts'],
          setupFiles: ['../../scripts/seed-setup.ts'],
        },
      },
      {
        resolve: { alias },
        test: {
          name: 'element-browser',
          root: './packages/element',
          include: ['test/**/*.browser.test.ts'],
          browser: chromiumBrowser(),
          // Real audio plays in real time, and Chromium shares two cores with everything else.
          testTimeout: 30_000,
        },
      },
      {
        plugins: [react()],
        resolve: { alias },
        test: {
          name: 'react',
          root: './packages/react',
          include: ['test/**/*.test.{ts,tsx}'],
          exclude: ['test/**/*.browser.test.{ts,tsx}'],
          environment: 'jsdom',
          // A hang guard, not a speed target: a thousand-line render in jsdom takes seconds on a busy machine.
          testTimeout: 30_000,
          globalSetup: ['../../scripts/seed-global-setup.ts'],
          setupFiles: ['../../scripts/seed-setup.ts', './test/setup-jsdom.ts'],
        },
      },
      {
        plugins: [react()],
        resolve: { alias },
        // Known before the first test: a dependency found mid-run makes Vite reload the page (two Reacts).
        optimizeDeps: { include: ['react-dom/client'] },
        test: {
          name: 'browser',
          root: './packages/react',
          include: ['test/**/*.browser.test.{ts,tsx}'],
          browser: chromiumBrowser(),
        },
      },
      {
        resolve: { alias },
        test: {
          name: 'e2e',
          root: './apps/demo',
          include: ['e2e/**/*.e2e.test.ts'],
          environment: 'node',
          // Builds the demo with Vite and serves apps/demo/dist; tests read its URL with inject('demoUrl').
          globalSetup: ['./e2e/global-setup.ts'],
          ...servedAppTiming,
          // One browser at a time: parallel playback on a busy machine makes timing checks flaky.
          fileParallelism: false,
        },
      },
      {
        test: {
          name: 'packaging',
          root: './test',
          include: ['**/*.test.ts'],
          environment: 'node',
          // The packed tarballs hold the built packages: build them first if they are stale.
          globalSetup: ['./global-setup.ts'],
        },
      },
      {
        resolve: { alias },
        test: {
          name: 'next',
          root: './apps/next',
          include: ['e2e/**/*.e2e.test.ts'],
          environment: 'node',
          // Builds the packages if stale, runs `next build` and `next start`; tests read inject('nextUrl').
          globalSetup: ['./e2e/global-setup.ts'],
          ...servedAppTiming,
        },
      },
      {
        // The plugin brings Storybook's Vite config (.storybook/main.ts viteFinal: React, the aliases).
        plugins: [
          storybookTest({ configDir: fileURLToPath(new URL('./stories/.storybook', import.meta.url)) }),
        ],
        test: {
          name: 'storybook',
          root: './stories',
          browser: chromiumBrowser(),
          // Real audio and 100,000-line lists on a shared machine.
          testTimeout: 60_000,
        },
      },
    ],
  },
})
