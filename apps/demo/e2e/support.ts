import { mkdir, readFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import AxeBuilder from '@axe-core/playwright'
import { createTimeIndex, type TimeIndex, type Transcript } from '@castline/core'
import { parseTranscript } from '@castline/core/formats'
import {
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
  chromium,
  type Locator,
  type Page,
} from 'playwright-core'
import { afterAll, beforeAll, inject } from 'vitest'
import { chromiumLaunchOptions } from '../../../scripts/chromium.mjs'

/** Base URL of the built demo (see global-setup.ts). */
export const demoUrl: string = inject('demoUrl')

/** Desktop and phone viewports the suite checks. */
export const DESKTOP = { width: 1280, height: 800 }
export const PHONE = { width: 390, height: 844 }

const episodeDir = new URL('../public/episodes/talk-python-514/', import.meta.url)

/** Where screenshots go: test artifacts (gitignored) and the README's copies. */
export const ARTIFACTS = fileURLToPath(new URL('./__artifacts__/', import.meta.url))

/** Headless Chromium as every Castline browser test launches it (Debian's, autoplay allowed). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch(chromiumLaunchOptions())
}

/**
 * One Chromium for the file (or the describe block) it is called in: launched before its tests, closed
 * after them. Returns the browser's getter, as the launch happens in `beforeAll`.
 */
export function sharedBrowser(): () => Browser {
  let browser: Browser | undefined
  beforeAll(async () => {
    browser = await launchChromium()
  })
  afterAll(async () => {
    await browser?.close()
  })
  return () => {
    if (browser === undefined)
      throw new Error('sharedBrowser: Chromium is launched in beforeAll, before the tests')
    return browser
  }
}

/** The sample episode as core reads it, from the same files the demo serves. */
export interface SampleEpisode {
  title: string
  duration: number
  transcript: Transcript
  index: TimeIndex
}

let sample: Promise<SampleEpisode> | null = null

/** Reads the sample's episode.json and transcript.txt and parses them as the player does (with the duration). */
export function loadSample(): Promise<SampleEpisode> {
  sample ??= (async () => {
    const json = JSON.parse(await readFile(new URL('episode.json', episodeDir), 'utf8')) as {
      title: string
      duration: number
    }
    // What both pages show: the sample feed's first choice, its JSON transcript (transcript.txt's lines,
    // with speaker labels).
    const file = 'transcript.json'
    const text = await readFile(new URL(file, episodeDir), 'utf8')
    const transcript = parseTranscript(text, { duration: json.duration, fileName: file })
    return { title: json.title, duration: json.duration, transcript, index: createTimeIndex(transcript) }
  })()
  return sample
}

declare global {
  interface Window {
    /** Queries that see into open shadow roots, for page functions (installed by `openDemo`). */
    castlineE2E?: {
      /** The first element matching `selector` in the document or in any open shadow root. */
      find(selector: string): Element | null
      /** Every element matching `selector`, in the document and in every open shadow root. */
      findAll(selector: string): Element[]
      /** The focused element, inside shadow roots (`document.activeElement` stops at the host). */
      active(): Element | null
    }
  }
}

/**
 * Installs `window.castlineE2E`: the checks read the page the same way whether the player renders into
 * the document (the React demo) or into a custom element's shadow root (`<castline-player>`).
 */
function installDeepQueries(): void {
  const roots = (): Array<Document | ShadowRoot> => {
    const out: Array<Document | ShadowRoot> = [document]
    for (let i = 0; i < out.length; i++) {
      for (const el of out[i]!.querySelectorAll('*')) if (el.shadowRoot !== null) out.push(el.shadowRoot)
    }
    return out
  }
  window.castlineE2E = {
    find(selector) {
      // The light DOM first: the React demo answers without a walk of every element.
      const direct = document.querySelector(selector)
      if (direct !== null) return direct
      for (const root of roots()) {
        const hit = root.querySelector(selector)
        if (hit !== null) return hit
      }
      return null
    },
    findAll: (selector) => roots().flatMap((root) => [...root.querySelectorAll(selector)]),
    active() {
      let el = document.activeElement
      while (el?.shadowRoot?.activeElement != null) el = el.shadowRoot.activeElement
      return el
    },
  }
}

/** A page on the demo and everything it reported that a healthy page does not. */
export interface DemoPage {
  page: Page
  /** Console errors, uncaught exceptions and failed requests, in order. */
  errors: string[]
  close(): Promise<void>
}

/**
 * Opens the demo (`path` is appended to its URL: a query string, a hash) in a fresh context, collecting
 * console errors, page errors and failed requests. Requests the page aborts itself (a seek replaces
 * the running range request of the audio) are not failures.
 */
export async function openDemo(
  browser: Browser,
  path = '',
  viewport: { width: number; height: number } = DESKTOP,
  /** Runs on the new context before the page opens: routes that serve other files, permissions. */
  setup?: (context: BrowserContext) => Promise<unknown>,
  /** More options for the new context: `hasTouch` and `isMobile` for a touch screen (`pointer: coarse`). */
  contextOptions?: BrowserContextOptions,
): Promise<DemoPage> {
  const context = await browser.newContext({ ...contextOptions, viewport })
  await context.addInitScript(installDeepQueries)
  await setup?.(context)
  const page = await context.newPage()
  const errors: string[] = []
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console: ${message.text()}`)
  })
  page.on('pageerror', (error) => errors.push(`page error: ${error.message}`))
  page.on('requestfailed', (request) => {
    const failure = request.failure()?.errorText ?? 'failed'
    // The page cancelled it itself: a seek replacing a media range request, an effect's AbortController.
    if (failure === 'net::ERR_ABORTED') return
    errors.push(`request ${request.url()}: ${failure}`)
  })
  page.on('response', (response) => {
    if (response.status() >= 400) errors.push(`HTTP ${response.status()} ${response.url()}`)
  })
  await page.goto(new URL(path, demoUrl).href)
  return { page, errors, close: () => context.close() }
}

/** axe's findings in a form that says what to fix when the assertion fails. */
export async function axeViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze()
  return results.violations.map(
    (v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
  )
}

/** The transcript region of the player. */
export function transcriptRegion(page: Page): Locator {
  // Named by the player's labels: English, or Arabic on the right-to-left pages (`?lang=ar`).
  return page.getByRole('region', { name: /^(Transcript|النص المكتوب)$/ })
}

/**
 * The transcript line with cue index `index` (rendered only near the visible part of the list): the list
 * item with that `aria-posinset`, which a virtualized list must carry anyway.
 */
export function line(page: Page, index: number): Locator {
  return transcriptRegion(page)
    .getByRole('listitem')
    .and(page.locator(`[aria-posinset="${index + 1}"]`))
}

/** Waits until the transcript shows its lines. */
export async function waitForTranscript(page: Page): Promise<void> {
  await transcriptRegion(page).getByRole('listitem').first().waitFor({ state: 'visible' })
}

/** The media element's state. */
export interface AudioState {
  currentTime: number
  duration: number
  paused: boolean
  seeking: boolean
  ended: boolean
  readyState: number
  src: string
}

/** Reads the (one) audio element of the page. */
export function audioState(page: Page): Promise<AudioState> {
  return page.evaluate(() => {
    const a = window.castlineE2E!.find('audio') as HTMLAudioElement | null
    if (a === null) throw new Error('The page has no <audio> element.')
    return {
      currentTime: a.currentTime,
      duration: a.duration,
      paused: a.paused,
      seeking: a.seeking,
      ended: a.ended,
      readyState: a.readyState,
      src: a.currentSrc || a.src,
    }
  })
}

/** Waits until the audio has settled at `seconds` (within `tolerance`): metadata loaded, not seeking. */
export async function waitForAudioAt(page: Page, seconds: number, tolerance = 0.25): Promise<void> {
  await page.waitForFunction(
    ([t, tol]) => {
      const a = window.castlineE2E!.find('audio') as HTMLAudioElement | null
      return a !== null && a.readyState >= 1 && !a.seeking && Math.abs(a.currentTime - t) <= tol
    },
    [seconds, tolerance] as const,
  )
}

/** Waits until the audio is playing and past `seconds`. */
export async function waitForPlayback(page: Page, seconds: number): Promise<void> {
  await page.waitForFunction((t) => {
    const a = window.castlineE2E!.find('audio') as HTMLAudioElement | null
    return a !== null && !a.paused && !a.seeking && a.currentTime >= t
  }, seconds)
}

/** The line marked `aria-current="true"`: its cue index and text, or null. */
export function activeLine(page: Page): Promise<{ index: number; text: string } | null> {
  return page.evaluate(() => {
    const rows = window.castlineE2E!.findAll('[aria-posinset][aria-current="true"]')
    if (rows.length !== 1)
      return rows.length === 0 ? null : { index: -2, text: `${rows.length} active lines` }
    const row = rows[0]!
    return {
      index: Number(row.getAttribute('aria-posinset')) - 1,
      text: row.querySelector('.castline-line__text')?.textContent ?? '',
    }
  })
}

/** The current time and the active line read in one go, with the time read just before and after. */
export function sampleSync(
  page: Page,
): Promise<{ before: number; after: number; index: number; paused: boolean }> {
  return page.evaluate(() => {
    const a = window.castlineE2E!.find('audio') as HTMLAudioElement
    const before = a.currentTime
    const row = window.castlineE2E!.find('[aria-posinset][aria-current="true"]')
    const after = a.currentTime
    return {
      before,
      after,
      index: row === null ? -1 : Number(row.getAttribute('aria-posinset')) - 1,
      paused: a.paused,
    }
  })
}

/**
 * True when the element is wholly visible: inside the browser window and inside the transcript's
 * scrolling viewport (a line scrolled out of the list is not visible even if the window could show it).
 */
export async function isInView(locator: Locator): Promise<boolean> {
  // A virtualized list does not render rows far from its scroll position: not rendered, not in view.
  if ((await locator.count()) === 0) return false
  return locator.first().evaluate((el) => {
    const r = el.getBoundingClientRect()
    if (r.height === 0) return false
    const inside = (outer: { top: number; bottom: number; left: number; right: number }) =>
      r.top >= outer.top - 1 &&
      r.bottom <= outer.bottom + 1 &&
      r.left >= outer.left - 1 &&
      r.right <= outer.right + 1
    if (!inside({ top: 0, left: 0, bottom: window.innerHeight, right: window.innerWidth })) return false
    // The transcript's scrolling viewport: the nearest ancestor that scrolls (whatever the renderer calls it).
    let scroller = el.parentElement
    while (scroller !== null && !/(auto|scroll)/.test(getComputedStyle(scroller).overflowY))
      scroller = scroller.parentElement
    return scroller === null || inside(scroller.getBoundingClientRect())
  })
}

/**
 * Scrolls the page until the transcript's bottom edge is at the window's, as a listener scrolls down to it:
 * the player's full-width waveform, controls and search come first, and on a phone or a short window the
 * transcript starts below the fold.
 */
export async function showTranscript(page: Page): Promise<void> {
  await page.evaluate(() =>
    window.castlineE2E!.find('.castline-transcript')!.scrollIntoView({ block: 'end' }),
  )
}

/**
 * The element's box once it stopped moving: read after each pair of animation frames until two reads
 * agree (the plain page's feed brings its highlights after the transcript shows and pushes the lines
 * down; a drag aimed at the box read before would land on another line). Counts reads, not time.
 */
export async function stableBox(
  page: Page,
  locator: Locator,
): Promise<{ x: number; y: number; width: number; height: number }> {
  let last = await locator.boundingBox()
  for (let reads = 0; reads < 50; reads++) {
    await settleFrames(page)
    const box = await locator.boundingBox()
    if (box !== null && last !== null && JSON.stringify(box) === JSON.stringify(last)) return box
    last = box
  }
  throw new Error('The element kept moving for 50 reads of its box.')
}

/** The active line's locator. */
export function activeLineLocator(page: Page): Locator {
  return transcriptRegion(page).getByRole('listitem').and(page.locator('[aria-current="true"]'))
}

/** Presses the player's Play button (its controls' own: the first; the mini player's comes after them). */
export async function play(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Play', exact: true }).first().click()
}

/** Presses the player's Pause button and waits until the audio reports it. */
export async function pause(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Pause', exact: true }).first().click()
  await page.waitForFunction(
    () => (window.castlineE2E!.find('audio') as HTMLAudioElement | null)?.paused === true,
  )
}

/** Two animation frames: time for the per-frame time source and React to catch up with the media. */
export function settleFrames(page: Page): Promise<void> {
  return page.evaluate(
    () => new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve()))),
  )
}

/**
 * Saves a screenshot under e2e/__artifacts__/ (to look at after a run; the README shows the visual tests'
 * baselines in docs/visual/, which no run overwrites).
 */
export async function saveScreenshot(page: Page, name: string): Promise<string> {
  await mkdir(ARTIFACTS, { recursive: true })
  const file = `${ARTIFACTS}${name}`
  await page.screenshot({ path: file })
  return file
}

/**
 * Starts recording `securitypolicyviolation` events on the page's document and on every document it
 * navigates to afterwards (from their first script on), and returns how to read the current one's.
 */
export async function watchViolations(page: Page): Promise<() => Promise<string[]>> {
  const install = () => {
    const w = window as unknown as { __violations?: string[] }
    if (w.__violations !== undefined) return
    const seen: string[] = []
    w.__violations = seen
    document.addEventListener('securitypolicyviolation', (e) =>
      seen.push(`${e.effectiveDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber} ${e.sample}`),
    )
  }
  await page.addInitScript(install)
  await page.evaluate(install)
  return () => page.evaluate(() => (window as unknown as { __violations?: string[] }).__violations ?? [])
}
