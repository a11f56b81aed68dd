import { writeFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import type { BrowserContext, Page } from 'playwright-core'
import { afterAll, describe, expect, test } from 'vitest'
import {
  ARTIFACTS,
  activeLine,
  audioState,
  DESKTOP,
  demoUrl,
  loadSample,
  openDemo,
  PHONE,
  play,
  settleFrames,
  sharedBrowser,
  transcriptRegion,
  waitForAudioAt,
  waitForTranscript,
} from './support.js'
import { MAX_DIFF_SHARE, matchBaseline, PIXEL_THRESHOLD, percent, UPDATE_COMMAND } from './visual.js'

/**
 * Visual regression tests: the main states of both renderers at phone, tablet and desktop width, light and
 * dark, screenshotted in Chromium and compared with the baselines in docs/visual/ (visual.ts). With
 * CASTLINE_UPDATE_SCREENSHOTS=1 they write the baselines and docs/visual.md instead.
 */

const UPDATE = process.env.CASTLINE_UPDATE_SCREENSHOTS === '1'
const BASELINES = fileURLToPath(new URL('../../../docs/visual/', import.meta.url))
const DOCS_PAGE = fileURLToPath(new URL('../../../docs/visual.md', import.meta.url))

/** The widths the states are drawn at (the tablet's is an iPad Air's portrait window). */
const WIDTHS = { phone: PHONE, tablet: { width: 820, height: 1180 }, desktop: DESKTOP } as const

/** Where playback stands in the states that play: 11:30, mid-sentence in the episode's third chapter. */
const PLAY_AT = 690

/** What is done on the page after it loads, before the screenshot. */
type Scene =
  /** The episode page as it opens: header, player at 0:00, chapters and speakers. */
  | 'episode'
  /** Playing at `PLAY_AT` (the clock frozen there): spoken line, word and played part highlighted. */
  | 'playing'
  /** "Pyodide" typed into the search box: the matches marked, the first one current and scrolled to. */
  | 'searching'
  /** Playing, and the listener scrolled the transcript away: follow mode off, its return button shown. */
  | 'detached'

/** One screenshot: a page, a width, a theme and a scene. */
export interface VisualState {
  /** The baseline's file name (without .png) and the state's name in failures. */
  name: string
  /** Which renderer: the React demo's episode page or the plain page with `<castline-player>`. */
  page: 'React demo' | '<castline-player>'
  /** Appended to the demo's URL: the page, its query string (the state's URL parameters) and hash. */
  path: string
  width: keyof typeof WIDTHS
  theme: 'light' | 'dark'
  scene: Scene
  /**
   * Right to left, as on an Arabic podcast's site: the page served as `<html lang="ar" dir="rtl">` with the
   * feed offering an Arabic transcript (the demo's Arabic excerpt), which the page's language picks, and
   * the player's labels in Arabic (`?lang=ar`).
   */
  rtl?: true
}

/** The two renderers' pages, as paths under the demo's URL. */
const PAGES = {
  demo: { page: 'React demo', path: '' },
  embed: { page: '<castline-player>', path: 'embed/' },
} as const

/**
 * A state: `on` a page at a width and theme in a scene, with the page's URL parameters (`query`, e.g.
 * `?lang=ar`). Named `<page>-<width>-<theme>-<scene>` (`rtl` for the right-to-left ones).
 */
function state(
  on: keyof typeof PAGES,
  width: VisualState['width'],
  theme: VisualState['theme'],
  scene: Scene,
  { query = '', rtl }: { query?: string; rtl?: true } = {},
): VisualState {
  const hash = scene === 'playing' || scene === 'detached' ? `#t=${PLAY_AT}` : ''
  return {
    name: `${on}-${width}-${theme}-${rtl ? 'rtl' : scene}`,
    page: PAGES[on].page,
    path: `${PAGES[on].path}${query}${hash}`,
    width,
    theme,
    scene,
    ...(rtl ? { rtl } : {}),
  }
}

/** Every scene once at least, every width and theme once at least, on both renderers: one line a state. */
export const STATES: readonly VisualState[] = [
  state('demo', 'desktop', 'light', 'episode'),
  state('demo', 'tablet', 'dark', 'episode'),
  state('demo', 'phone', 'light', 'episode'),
  state('demo', 'desktop', 'light', 'playing'),
  state('demo', 'desktop', 'dark', 'playing'),
  state('demo', 'tablet', 'light', 'playing'),
  state('demo', 'phone', 'dark', 'playing'),
  state('demo', 'desktop', 'dark', 'searching'),
  state('demo', 'tablet', 'light', 'searching'),
  state('demo', 'phone', 'light', 'searching'),
  state('demo', 'desktop', 'light', 'detached'),
  state('demo', 'phone', 'dark', 'detached'),
  state('demo', 'desktop', 'light', 'episode', { query: '?lang=ar', rtl: true }),
  state('demo', 'phone', 'dark', 'episode', { query: '?lang=ar', rtl: true }),
  state('embed', 'desktop', 'light', 'playing'),
  state('embed', 'phone', 'dark', 'playing'),
  state('embed', 'desktop', 'dark', 'searching'),
  state('embed', 'phone', 'light', 'detached'),
  state('embed', 'desktop', 'light', 'episode', { query: '?lang=ar', rtl: true }),
]

declare global {
  interface Window {
    /** The media clock the visual tests froze (visual.e2e.test.ts `freezeMedia`), or undefined. */
    castlineFrozenTime?: number
  }
}

/**
 * Runs in the page before its scripts: what a media element reports that the browser decides, not the
 * page, is frozen. `buffered` reads as nothing buffered (how far Chromium fetched ahead depends on the
 * machine's load); once the test sets `window.castlineFrozenTime`, `currentTime` reads as that, while the
 * audio itself plays on: the player shows a playing state at an exact time, which real playback never
 * holds still for a screenshot. Seeking (the setter) is untouched.
 */
function freezeMedia(): void {
  const proto = HTMLMediaElement.prototype
  const time = Object.getOwnPropertyDescriptor(proto, 'currentTime')!
  Object.defineProperty(proto, 'currentTime', {
    configurable: true,
    enumerable: true,
    get(this: HTMLMediaElement) {
      return window.castlineFrozenTime ?? time.get!.call(this)
    },
    set(this: HTMLMediaElement, seconds: number) {
      time.set!.call(this, seconds)
    },
  })
  const nothing = {
    length: 0,
    start(): number {
      throw new DOMException('No buffered range', 'IndexSizeError')
    },
    end(): number {
      throw new DOMException('No buffered range', 'IndexSizeError')
    },
  }
  Object.defineProperty(proto, 'buffered', { configurable: true, enumerable: true, get: () => nothing })
}

/** The sample feed's Arabic transcript, added beside its English ones (`rtl` states). */
const ARABIC_TRANSCRIPT =
  '<podcast:transcript url="excerpt.ar.txt" type="text/plain" language="ar"/>\n      <podcast:chapters'

/** Serves `pagePath`'s document as `<html lang="ar" dir="rtl">` and the sample feed with an Arabic transcript. */
async function serveRightToLeft(context: BrowserContext, pagePath: string): Promise<void> {
  const document = new URL(pagePath.split('#')[0]!, demoUrl).pathname
  await context.route(
    (url) => url.pathname === document,
    async (route) => {
      const response = await route.fetch()
      const body = (await response.text()).replace('<html lang="en">', '<html lang="ar" dir="rtl">')
      if (!body.includes('dir="rtl"')) throw new Error(`${document} has no <html lang="en"> to change`)
      await route.fulfill({ response, body })
    },
  )
  await context.route('**/episodes/talk-python-514/feed.xml', async (route) => {
    const response = await route.fetch()
    const body = (await response.text()).replace('<podcast:chapters', ARABIC_TRANSCRIPT)
    await route.fulfill({ response, body })
  })
}

/** The transcript's scrolling list (the React demo's or the custom element's, by its class in either). */
function transcriptViewport(page: Page) {
  return transcriptRegion(page).locator('.castline-transcript__viewport')
}

/** Waits for what the page loads: metadata, transcript lines, peaks, chapters, fonts, images, the waveform's canvas. */
async function waitForLoaded(page: Page): Promise<void> {
  await waitForTranscript(page)
  // Nothing still loading: a part that fetches (the waveform's peaks, the transcript) is aria-busy meanwhile.
  // What is pending is what a timeout reports.
  await expect
    .poll(
      () =>
        page.evaluate(() => ({
          metadata: ((window.castlineE2E!.find('audio') as HTMLAudioElement | null)?.readyState ?? 0) >= 1,
          busy: window.castlineE2E!.findAll('[aria-busy="true"]').map((el) => el.className),
        })),
      { timeout: 60_000 },
    )
    .toEqual({ metadata: true, busy: [] })
  // The chapters (fetched after the feed) are in the player.
  await page
    .getByRole('button', { name: /^(Previous chapter|الفصل السابق)$/ })
    .first()
    .waitFor({ state: 'attached' })
  await page.evaluate(() => document.fonts.ready.then(() => undefined))
  await page.locator('canvas').first().waitFor({ state: 'attached' })
}

/**
 * Waits until every image of the page has loaded (or failed). The speakers' pictures in the transcript are
 * lazy, and a lazy image far from the window never loads: they are made eager first, so that whether a
 * picture is drawn does not depend on when the screenshot is taken.
 */
async function waitForImages(page: Page): Promise<void> {
  await expect
    .poll(
      () =>
        page.evaluate(() =>
          (window.castlineE2E!.findAll('img') as HTMLImageElement[]).flatMap((img) => {
            img.loading = 'eager'
            return img.complete ? [] : [img.src]
          }),
        ),
      { timeout: 60_000 },
    )
    .toEqual([])
}

/** Plays from `PLAY_AT` with the media clock frozen there, and waits for the playing UI. */
async function playFrozen(page: Page): Promise<void> {
  await waitForAudioAt(page, PLAY_AT, 0.05)
  await page.evaluate((t) => {
    window.castlineFrozenTime = t
  }, PLAY_AT)
  await play(page)
  await page.getByRole('button', { name: 'Pause', exact: true }).first().waitFor({ state: 'visible' })
  // The audio plays (its real clock runs on behind the frozen one).
  await expect.poll(async () => (await audioState(page)).paused).toBe(false)
  // What the listener sees holds the frozen time: the spoken line, and 11:30 in the time display.
  const { index } = await loadSample()
  await expect.poll(async () => (await activeLine(page))?.index).toBe(index.cueAt(PLAY_AT))
  await expect
    .poll(() => page.evaluate(() => window.castlineE2E!.find('.castline-controls__time')?.textContent))
    .toMatch(/^11:30\D/)
}

/** Brings the transcript's bottom edge to the window's (a phone shows the header and controls first). */
async function scrollToTranscript(page: Page): Promise<void> {
  await page.evaluate(() =>
    window.castlineE2E!.find('.castline-transcript')!.scrollIntoView({ block: 'end' }),
  )
}

/** Brings the player's top edge to the window's. */
async function scrollToPlayer(page: Page): Promise<void> {
  await page.evaluate(() => window.castlineE2E!.find('.castline-player')!.scrollIntoView({ block: 'start' }))
}

/** The line the listener scrolled back to in the detached states: 5:00. */
const DETACHED_AT = 300

/**
 * Scrolls the transcript until line `index` starts at the top of its scrolling box. By the line, not by a
 * `scrollTop`: which offset a line is at in a virtualized list depends on which rows it has measured so
 * far, and that depends on what was rendered before. Counts tries.
 */
async function scrollLineToTop(page: Page, index: number): Promise<void> {
  const viewport = transcriptViewport(page)
  for (let tries = 0; tries < 20; tries++) {
    const offset = await viewport.evaluate((el, i) => {
      const row = el.querySelector(`[aria-posinset="${i + 1}"]`)
      if (row === null) {
        // Not rendered: a screen towards it, from the rows in view (the list keeps its tab stop, the first
        // line, rendered wherever it scrolls).
        const box = el.getBoundingClientRect()
        const inView = [...el.querySelectorAll('[aria-posinset]')].filter((r) => {
          const rect = r.getBoundingClientRect()
          return rect.bottom > box.top && rect.top < box.bottom
        })
        const first = Math.min(...inView.map((r) => Number(r.getAttribute('aria-posinset')) - 1))
        return i < first ? -el.clientHeight : el.clientHeight
      }
      return row.getBoundingClientRect().top - (el.getBoundingClientRect().top + el.clientTop)
    }, index)
    if (Math.abs(offset) < 1) return
    await viewport.evaluate((el, by) => {
      el.scrollTop += by
    }, offset)
    await settleFrames(page)
  }
  throw new Error(`The transcript did not settle with line ${index} at its top in 20 tries.`)
}

/** Puts the page in `state.scene`. */
async function enterScene(page: Page, state: VisualState): Promise<void> {
  switch (state.scene) {
    case 'episode':
      return
    case 'playing':
      await playFrozen(page)
      // A phone shows the transcript's end (the lines under the controls); a wider window the whole
      // player from its top: waveform, controls and the lines under them (the README shows these).
      if (state.width === 'phone') await scrollToTranscript(page)
      else await scrollToPlayer(page)
      return
    case 'searching': {
      await scrollToTranscript(page)
      const search = page.getByRole('search')
      await search.getByRole('searchbox', { name: 'Search transcript' }).fill('Pyodide')
      await expect.poll(() => search.getByRole('status').textContent()).toMatch(/^1 of \d+$/)
      await transcriptRegion(page).locator('mark.castline-match--current').waitFor({ state: 'visible' })
      return
    }
    case 'detached': {
      await playFrozen(page)
      await scrollToTranscript(page)
      // The listener turns the mouse wheel over the list: follow mode lets go and offers the way back. A
      // real wheel scrolls on for as many frames as the machine's load gives it, so the wheel is a
      // dispatched event, which moves nothing (follow-mode.e2e.test.ts detaches with real wheel turns),
      // and the list is then put at the line the listener went back to.
      const viewport = transcriptViewport(page)
      await viewport.evaluate((el) =>
        el.dispatchEvent(new WheelEvent('wheel', { deltaY: 100, bubbles: true })),
      )
      const jump = page.getByRole('button', { name: 'Jump to current line' })
      await jump.waitFor({ state: 'visible' })
      await scrollLineToTop(page, (await loadSample()).index.cueAt(DETACHED_AT))
      await jump.waitFor({ state: 'visible' })
      return
    }
  }
}

/** Screenshot options: the viewport, CSS animations and transitions finished, no text caret. */
const SHOT = { animations: 'disabled', caret: 'hide', scale: 'css' } as const

/** How many screenshots a state may take to settle (two in a row the same) before it fails. */
const MAX_TRIES = 10

/**
 * Screenshots the page until two in a row are identical (as Playwright's `toHaveScreenshot` does), two
 * animation frames apart; counts tries, not time. Fails when `MAX_TRIES` all differed from the one before.
 */
async function settledScreenshot(page: Page, name: string): Promise<{ png: Buffer; tries: number }> {
  let previous = await page.screenshot(SHOT)
  for (let tries = 2; tries <= MAX_TRIES; tries++) {
    await settleFrames(page)
    const next = await page.screenshot(SHOT)
    if (next.equals(previous)) return { png: next, tries }
    previous = next
  }
  throw new Error(`Visual state "${name}" did not settle: ${MAX_TRIES} screenshots in a row each differed.`)
}

/** docs/visual.md: how the tests work and every state's baseline. */
function docsPage(): string {
  const rows = STATES.map(
    (s) =>
      `| ${s.name} | ${s.page.replace('<', '&lt;')} | ${s.width} (${WIDTHS[s.width].width}x${WIDTHS[s.width].height}) | ${s.theme} | ${s.scene}${s.rtl ? ', right to left' : ''} | ![${s.name}](visual/${s.name}.png) |`,
  )
  return `# Visual regression tests

<!-- Written by apps/demo/e2e/visual.e2e.test.ts when updating the baselines: edit that, not this. -->

\`apps/demo/e2e/visual.e2e.test.ts\` (in the \`e2e\` project, so \`npm test\` runs it) opens the demo's
episode page (React) and the plain page with \`<castline-player>\` in Chromium, puts each in one of the
states below and compares a screenshot of the window with its baseline in \`docs/visual/\`. A pixel
differs when its colour moved more than ${PIXEL_THRESHOLD} (pixelmatch's threshold); a state fails when
more than ${percent(MAX_DIFF_SHARE)} of its pixels differ, or when it has no baseline. A failure names the
state and the share that differs, and writes the screenshot taken and the difference (red) to
\`apps/demo/e2e/__artifacts__/visual/\`.

After an intended change of the look, write the baselines and this page anew, and look at what changed
in the diff of \`docs/visual/\` before committing (a baseline within the tolerance is kept as it is, so
that only the images that changed change):

\`\`\`sh
${UPDATE_COMMAND}
\`\`\`

What would move is held still: one device pixel per CSS pixel, \`prefers-reduced-motion: reduce\`, CSS
animations finished and no text caret, fonts and images loaded; the media's \`buffered\` reads as empty
(how far Chromium fetched ahead varies), and in the playing states its \`currentTime\` reads as
${PLAY_AT} s (11:30) while the audio plays on, so that the spoken line, the word and the played part of
the waveform stay where they are. Each screenshot is taken again, two animation frames later, until two
in a row are the same (at most ${MAX_TRIES}). A run prints each state's share of differing pixels and how
many screenshots it took to settle.

Noise measured when the tests were written (Chromium 156 on a shared 2-core machine, load average 8 to 10):
eight runs of every state, two of them beside two busy loops (\`node -e 'for(;;){}'\` twice), found no pixel
beyond the threshold in any state, each settled in 2 or 3 screenshots; the largest change seen at all was
21 pixels one step (of 255) apart in one colour channel, by the search buttons. The tolerance is headroom
for another machine's font rendering, not for noise. An earlier version put the detached list at a fixed
\`scrollTop\`, and one run in three moved 3.2 % of the phone shot: where a line of a virtualized list lands
depends on the rows it measured before, so the list is now scrolled by its line (5:00 at the top).

States: \`episode\` is the page as it opens (player at 0:00, the chapters and speakers beside it);
\`playing\` plays at 11:30; \`searching\` has "Pyodide" typed into the search box; \`detached\` is
playing with the transcript scrolled away by the listener, so that follow mode shows its way back; right
to left is an Arabic podcast's site: the page served as \`<html lang="ar" dir="rtl">\`, the feed's Arabic
transcript (the demo's Arabic excerpt) and the player's labels in Arabic (\`?lang=ar\`).

| state | page | width | theme | scene | baseline |
|---|---|---|---|---|---|
${rows.join('\n')}
`
}

/** Each compared state's share of differing pixels and screenshots taken to settle: the run's noise, printed. */
const measured: string[] = []

const browser = sharedBrowser()
afterAll(async () => {
  if (UPDATE) await writeFile(DOCS_PAGE, docsPage())
  if (measured.length > 0) console.log(`visual: differing pixels by state\n${measured.join('\n')}`)
})

describe('visual regression', () => {
  test.each(STATES)('$name looks as its baseline', async (state) => {
    const { page, errors, close } = await openDemo(
      browser(),
      state.path,
      WIDTHS[state.width],
      async (context) => {
        await context.addInitScript(freezeMedia)
        if (state.rtl) await serveRightToLeft(context, state.path)
      },
      { deviceScaleFactor: 1, reducedMotion: 'reduce', colorScheme: state.theme },
    )
    try {
      await waitForLoaded(page)
      if (state.rtl) {
        await expect(page.evaluate(() => document.dir)).resolves.toBe('rtl')
        // The player's labels are Arabic ("Play").
        await page.getByRole('button', { name: 'تشغيل' }).first().waitFor()
      }
      await enterScene(page, state)
      await waitForImages(page)
      // No hover: the pointer off the page.
      await page.mouse.move(0, 0)
      const { png, tries } = await settledScreenshot(page, state.name)
      const result = await matchBaseline(
        state.name,
        png,
        { baseline: `${BASELINES}${state.name}.png`, artifacts: `${ARTIFACTS}visual/` },
        UPDATE,
      )
      if (result !== null)
        measured.push(
          `  ${state.name}: ${percent(result.share)} (${result.differing} px), settled in ${tries} shots`,
        )
      expect(errors).toEqual([])
    } finally {
      await close()
    }
  })
})
