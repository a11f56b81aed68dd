/**
 * The built Storybook's story previews on a strict page: the same policy as the demo's (STRICT_CSP: no
 * 'unsafe-inline' scripts, no 'unsafe-eval', `require-trusted-types-for 'script'`), served over the
 * static build, and each story of a representative set (every component, the player with its waveform
 * drawn) renders with no `securitypolicyviolation`, page error or console error.
 *
 * Storybook's generated iframe.html carries inline <script> blocks (in 10.6 three: its runtime
 * configuration, the devtools hook, the preview's load-error handler). The policy allows exactly those
 * by their sha256 hashes, computed here from the built file: that is how a strict site hosts a page with
 * fixed inline scripts, and it is still a policy without 'unsafe-inline' (an injected script has no
 * hash). No 'unsafe-eval' was needed. Trusted Types: stories/.storybook/preview.tsx installs the
 * waveform's default policy, which also passes Storybook's own fixed markup (./trusted-types.ts there).
 *
 * Only the preview (iframe.html, where the stories run) is tested, not the manager UI around it
 * (index.html: Storybook's sidebar, toolbar and addon panels, prebuilt in sb-manager/). Under
 * `require-trusted-types-for 'script'` the manager does not start: its React tree writes generated CSS
 * and other markup through dangerouslySetInnerHTML (in 10.6, sb-manager/globals-runtime.js, React's
 * `innerHTML` for a <style>), strings built at run time that no narrow policy can tell from injected
 * markup, and a default policy passing them all would be no Trusted Types at all.
 */
import { execFile } from 'node:child_process'
import { createHash } from 'node:crypto'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { isStorybookVisionFilters } from '../../../stories/.storybook/trusted-types.js'
import { STRICT_CSP, type StaticServer, serveStatic } from './static-server.js'
import { openDemo, sharedBrowser, watchViolations } from './support.js'

const storiesDir = fileURLToPath(new URL('../../../stories/', import.meta.url))

/** The sha256 CSP sources of the inline (src-less) <script> blocks of an HTML page. */
function inlineScriptHashes(html: string): string[] {
  return [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)]
    .filter(([, attributes]) => !/\bsrc\s*=/i.test(attributes!))
    .map(([, , body]) => `'sha256-${createHash('sha256').update(body!, 'utf8').digest('base64')}'`)
}

/** STRICT_CSP with these hashes added to its script-src. */
function strictWithHashes(hashes: string[]): string {
  const csp = STRICT_CSP.replace("script-src 'self'", `script-src 'self' ${hashes.join(' ')}`)
  if (csp === STRICT_CSP && hashes.length > 0) throw new Error(`No script-src 'self' in ${STRICT_CSP}`)
  return csp
}

/** Builds the static Storybook into `outDir` with its CLI, as `pnpm build-storybook` does. */
async function buildStorybook(outDir: string): Promise<void> {
  const require = createRequire(join(storiesDir, 'package.json'))
  const pkg = require.resolve('storybook/package.json')
  const bin = join(pkg, '..', (require(pkg) as { bin: string }).bin)
  // Vitest's NODE_ENV=test would survive into the build: build what is deployed.
  const env = { ...process.env, NODE_ENV: 'production' }
  await promisify(execFile)(
    process.execPath,
    [bin, 'build', '--config-dir', '.storybook', '--output-dir', outDir, '--quiet', '--disable-telemetry'],
    { cwd: storiesDir, env, maxBuffer: 64 * 1024 * 1024 },
  )
}

/**
 * The stories opened: every component at least once, the long lists, the waveform drawn from peaks and
 * decoded in the browser, and the full player with its waveform. `ready` holds selectors that must match
 * inside #storybook-root; `waveform` asks for wavesurfer's canvas in its shadow root.
 */
const STORIES: { id: string; ready: string[]; waveform?: boolean }[] = [
  { id: 'components-transcript--short', ready: ['.castline-line'] },
  { id: 'components-transcript--ten-hours', ready: ['.castline-line'] },
  { id: 'components-playercontrols--default', ready: ['.castline-controls__button'] },
  { id: 'components-transcriptsearch--many-hits', ready: ['.castline-search__input', '.castline-line'] },
  { id: 'components-waveform--with-peaks', ready: ['.castline-waveform__wave'], waveform: true },
  { id: 'components-waveform--decoded-in-the-browser', ready: ['.castline-waveform__wave'], waveform: true },
  {
    id: 'components-transcriptplayer--sample-episode',
    ready: ['.castline-line', '.castline-controls__button', '.castline-waveform__wave'],
    waveform: true,
  },
  { id: 'components-feedplayer--from-feed', ready: ['.castline-line', '.castline-highlights'] },
  // The element's parts are in its shadow root: the host in the page is what a selector here sees.
  { id: 'elements-castline-player--quote-menu-open', ready: ['castline-player'] },
  { id: 'recipes-headless-hooks--custom-list-from-hooks', ready: ['p', 'li'] },
  { id: 'recipes-site-video-element--site-video-element', ready: ['video', '.castline-line'] },
]

describe('isStorybookVisionFilters', () => {
  const svg =
    '<svg id="storybook-a11y-vision-filters" aria-hidden="true" style="position:absolute;width:0">\n' +
    '  <defs><filter id="f"><feColorMatrix in="SourceGraphic" type="matrix" values="0.5, 0 0 1, 0" />' +
    '</filter></defs>\n</svg>'
  test('accepts the shape of the a11y addon filter SVG', () => {
    expect(isStorybookVisionFilters(svg)).toBe(true)
  })
  test('refuses anything else in it or around it', () => {
    const hostile = [
      svg.replace('<defs>', '<defs><script>alert(1)</script>'),
      svg.replace('<defs>', '<defs><image href="x" />'),
      svg.replace('<defs>', '<defs><foreignObject></foreignObject>'),
      svg.replace('aria-hidden="true"', 'onload="alert(1)"'),
      svg.replace('width:0', 'background:url(https://evil.example/x)'),
      svg.replace('in="SourceGraphic"', 'in="a&quot;b"'),
      `${svg}<img src=x onerror=alert(1)>`,
      `<img src=x onerror=alert(1)>${svg}`,
      svg.replace('</defs>', '</defs>text'),
      '<svg id="other"></svg>',
    ]
    for (const html of hostile) expect(isStorybookVisionFilters(html), html).toBe(false)
  })
})

describe('the built Storybook on a strict page', () => {
  let outDir: string
  let server: StaticServer
  let html: string
  let csp: string

  beforeAll(async () => {
    const started = performance.now()
    outDir = await mkdtemp(join(tmpdir(), 'castline-storybook-'))
    await buildStorybook(outDir)
    console.log(`e2e: Storybook built in ${Math.round(performance.now() - started)} ms`)
    html = await readFile(join(outDir, 'iframe.html'), 'utf8')
    csp = strictWithHashes(inlineScriptHashes(html))
    server = await serveStatic(outDir, { csp })
  }, 300_000)
  afterAll(async () => {
    await server?.close()
    if (outDir !== undefined) await rm(outDir, { recursive: true, force: true })
  })
  // After the build's hooks: launched once Storybook is built and served, closed before the server stops.
  const browser = sharedBrowser()

  /** Opens a story's preview page and returns what the page reported once it has rendered. */
  async function openStory(id: string, ready: string[], waveform: boolean) {
    const { page, errors, close } = await openDemo(browser(), 'about:blank')
    // Opened as a top-level page, the preview makes Chromium ask for /favicon.ico, which the build has
    // not (the manager links its favicon.svg; a frame asks for none): that 404 is not the story's.
    const favicon: string[] = []
    page.on('console', (message) => {
      if (message.type() === 'error' && message.location().url.endsWith('/favicon.ico'))
        favicon.push(`console: ${message.text()}`)
    })
    try {
      const violations = await watchViolations(page)
      await page.goto(`${server.url}iframe.html?id=${id}&viewMode=story`)
      const rendered = await page
        .waitForFunction(
          ([selectors, wave]) => {
            const root = document.getElementById('storybook-root')
            if (root === null || document.body.classList.contains('sb-show-errordisplay')) return false
            if (!document.body.classList.contains('sb-show-main')) return false
            if (!selectors.every((s) => root.querySelector(s) !== null)) return false
            return (
              !wave ||
              root.querySelector('.castline-waveform__wave > *')?.shadowRoot?.querySelector('canvas') != null
            )
          },
          [ready, waveform] as const,
          { timeout: 20_000 },
        )
        .then(
          () => true,
          () => false,
        )
      // Late work: the play function, the a11y addon's axe run after it, the waveform's redraws.
      await page.waitForTimeout(750)
      const shown = await page.evaluate(() => ({
        errorDisplay: document.body.classList.contains('sb-show-errordisplay'),
        elements: document.getElementById('storybook-root')?.querySelectorAll('*').length ?? 0,
      }))
      const others = errors.filter((e) => {
        const i = favicon.indexOf(e)
        if (i >= 0) favicon.splice(i, 1)
        return i < 0
      })
      return { rendered, shown, violations: await violations(), errors: others }
    } finally {
      await close()
    }
  }

  test('the preview is served with the strict policy, its inline scripts allowed by hash only', async () => {
    const hashes = inlineScriptHashes(html)
    expect(hashes.length).toBeGreaterThan(0)
    const response = await fetch(`${server.url}iframe.html?id=${STORIES[0]!.id}&viewMode=story`)
    const header = response.headers.get('content-security-policy')!
    expect(header).toBe(csp)
    expect(header).not.toMatch(/unsafe-inline|unsafe-eval|strict-dynamic|\*/)
    expect(header).toContain("require-trusted-types-for 'script'")
    for (const hash of hashes) expect(header).toContain(hash)
  })

  test('the stories chosen exist and cover every component', async () => {
    const index = JSON.parse(await readFile(join(outDir, 'index.json'), 'utf8')) as {
      entries: Record<string, { id: string; type: string; title: string }>
    }
    const stories = Object.values(index.entries).filter((e) => e.type === 'story')
    const ids = new Set(stories.map((s) => s.id))
    for (const { id } of STORIES) expect(ids, id).toContain(id)
    const titles = new Set(stories.map((s) => s.title))
    const covered = new Set(STORIES.map(({ id }) => stories.find((s) => s.id === id)?.title))
    expect([...titles].filter((t) => !covered.has(t))).toEqual([])
  })

  for (const { id, ready, waveform = false } of STORIES) {
    test(`${id} renders with no violation, page error or console error`, async () => {
      const result = await openStory(id, ready, waveform)
      expect(result.violations).toEqual([])
      expect(result.errors).toEqual([])
      expect(result.shown.errorDisplay).toBe(false)
      expect(result.rendered).toBe(true)
      expect(result.shown.elements).toBeGreaterThan(1)
    })
  }

  test('reports the violation when a hash is left out of the policy (the check can fail)', async () => {
    const hashes = inlineScriptHashes(html)
    const weaker = await serveStatic(outDir, { csp: strictWithHashes(hashes.slice(1)) })
    const { page, errors, close } = await openDemo(browser(), 'about:blank')
    try {
      const violations = await watchViolations(page)
      await page.goto(`${weaker.url}iframe.html?id=${STORIES[0]!.id}&viewMode=story`)
      await expect.poll(violations).toContainEqual(expect.stringMatching(/^script-src-elem inline /))
      expect(errors.some((e) => e.includes('Content Security Policy'))).toBe(true)
    } finally {
      await close()
      await weaker.close()
    }
  })
})
