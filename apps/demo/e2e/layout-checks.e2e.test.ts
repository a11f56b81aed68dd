/**
 * Layout checks (issue 18), on every player page (player-pages.ts) at 320, 390, 820 and 1280 px: nothing
 * wider than the window, the search box and its buttons in one row, the line's text at least 90% of its
 * row at 390 px, every control of the player at least 24 x 24 px (44 x 44 px on a touch screen), axe clean
 * in the light and the dark theme, no layout shift while the highlight moves during 30 s of playback, and
 * little while the page loads (LOAD_CLS_BOUND).
 * The figures measured go to the test output as a table (quoted in docs/design.md).
 */
import type { Page } from 'playwright-core'
import { afterAll, describe, expect, test } from 'vitest'
import { PLAYER_PAGES } from './player-pages.js'
import {
  activeLine,
  axeViolations,
  openDemo,
  play,
  sharedBrowser,
  waitForAudioAt,
  waitForPlayback,
  waitForTranscript,
} from './support.js'

const browser = sharedBrowser()

/** One row of the figures table per page and width (or touch screen, or playback). */
const figures: Array<Record<string, string | number>> = []
afterAll(async () => {
  console.log('Layout checks, measured:')
  console.table(figures)
})

const WIDTHS = [320, 390, 820, 1280] as const
/**
 * The layout shift allowed while the page loads, by page path: 0.05 for the React demo; 0.1 for the plain
 * page, whose feed still brings the highlights and the chapter markers above the transcript after it shows.
 */
const LOAD_CLS_BOUND: Readonly<Record<string, number>> = { '': 0.05, 'embed/': 0.1 }
/** The smallest target (WCAG 2.5.8), and on a touch screen the platforms' 44 px. */
const MIN_TARGET = 24
const MIN_TOUCH_TARGET = 44

/** The player's visible controls and their boxes (the page's own links and forms are the demo's, not the player's). */
function measureTargets(page: Page): Promise<Array<{ what: string; width: number; height: number }>> {
  return page.evaluate(() => {
    const selector = 'button, a[href], input, select, summary, [role="slider"], [tabindex="0"]'
    /** Inside a Castline part: a `.castline` root in the document, or a `castline-*` element's shadow root. */
    const inPlayer = (el: Element): boolean => {
      let node: Element | null = el
      while (node !== null) {
        if (node.closest('.castline') !== null) return true
        const root = node.getRootNode()
        if (!(root instanceof ShadowRoot)) return false
        if (root.host.tagName.startsWith('CASTLINE-')) return true
        node = root.host
      }
      return false
    }
    return window
      .castlineE2E!.findAll(selector)
      .filter((el) => {
        if (!inPlayer(el)) return false
        const r = el.getBoundingClientRect()
        const style = getComputedStyle(el)
        return (
          r.width > 0 && r.height > 0 && style.visibility !== 'hidden' && !el.closest('[hidden], [inert]')
        )
      })
      .map((el) => {
        const r = el.getBoundingClientRect()
        const label = el.getAttribute('aria-label') ?? el.textContent?.trim().slice(0, 20) ?? ''
        return {
          what: `${el.tagName.toLowerCase()}.${[...el.classList].join('.')} "${label}"`,
          width: Math.round(r.width * 10) / 10,
          height: Math.round(r.height * 10) / 10,
        }
      })
  })
}

/** How far the document is wider than the window, in CSS px (0 or less: no horizontal overflow). */
function overflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
}

/** The vertical centres of the search box and of its buttons. */
function searchRow(page: Page): Promise<{ input: number; buttons: number[] }> {
  return page.evaluate(() => {
    const centre = (el: Element) => {
      const r = el.getBoundingClientRect()
      return r.top + r.height / 2
    }
    const input = window.castlineE2E!.find('.castline-search__input')
    if (input === null) throw new Error('No search box on the page.')
    return {
      input: centre(input),
      buttons: window.castlineE2E!.findAll('.castline-search__button').map(centre),
    }
  })
}

/** The width of each rendered line's text as a share of its row's, for the rows in the transcript's view. */
function textShares(page: Page): Promise<number[]> {
  return page.evaluate(() =>
    window
      .castlineE2E!.findAll('[aria-posinset] .castline-line__text')
      .map((text) => {
        const row = text.closest('[aria-posinset]')!.getBoundingClientRect()
        const r = text.getBoundingClientRect()
        return row.width > 0 && r.height > 0 ? r.width / row.width : -1
      })
      .filter((share) => share >= 0)
      .slice(0, 10),
  )
}

/** The smallest box of the targets measured, and the ones under `min` (what to fix, when a check fails). */
function smallest(targets: Array<{ what: string; width: number; height: number }>, min: number) {
  return {
    width: Math.min(...targets.map((t) => t.width)),
    height: Math.min(...targets.map((t) => t.height)),
    under: targets.filter((t) => t.width < min || t.height < min),
  }
}

describe.each(PLAYER_PAGES)('$name', (player) => {
  for (const width of WIDTHS) {
    test(`at ${width} px: no horizontal overflow, search in one row, targets >= ${MIN_TARGET} px, icons centred in their buttons, axe clean in light and dark${width === 390 ? ', line text >= 90% of its row' : ''}`, async () => {
      const viewport = { width, height: width < 820 ? 844 : 800 }
      const { page, errors, close } = await openDemo(browser(), player.path, viewport)
      try {
        await waitForTranscript(page)
        // wavesurfer draws into canvases once it has the peaks: the player at its full height.
        await page.locator('canvas').first().waitFor({ state: 'attached' })

        const over = await overflow(page)
        expect.soft(over).toBeLessThanOrEqual(0)

        const row = await searchRow(page)
        expect(row.buttons.length).toBeGreaterThanOrEqual(2)
        for (const centre of row.buttons) expect.soft(Math.abs(centre - row.input)).toBeLessThanOrEqual(4)

        const targets = await measureTargets(page)
        expect(targets.length).toBeGreaterThan(5)
        const small = smallest(targets, MIN_TARGET)
        expect.soft(small.under).toEqual([])

        // Every icon sits in the middle of its round button (an inline wrapper once lifted the element's
        // pause and chapter icons by a line's descent).
        const offCentre = await page.evaluate(() =>
          window
            .castlineE2E!.findAll('.castline-controls__button svg')
            .filter((svg) => svg.getBoundingClientRect().height > 0)
            .map((svg) => {
              const icon = svg.getBoundingClientRect()
              const button = svg.closest('button')!.getBoundingClientRect()
              const off = Math.abs(icon.top + icon.height / 2 - (button.top + button.height / 2))
              return { button: svg.closest('button')!.className, off: Math.round(off * 10) / 10 }
            }),
        )
        expect(offCentre.length).toBeGreaterThanOrEqual(5)
        expect.soft(offCentre.filter((i) => i.off > 1)).toEqual([])

        let share = ''
        if (width === 390) {
          const shares = await textShares(page)
          expect(shares.length).toBeGreaterThanOrEqual(5)
          for (const s of shares) expect.soft(s).toBeGreaterThanOrEqual(0.9)
          share = `${Math.round(Math.min(...shares) * 1000) / 10}%`
        }

        for (const colorScheme of ['light', 'dark'] as const) {
          await page.emulateMedia({ colorScheme })
          expect.soft(await axeViolations(page), `axe, ${colorScheme}`).toEqual([])
        }
        expect(errors).toEqual([])
        figures.push({
          page: player.name,
          check: `${width} px`,
          'overflow px': over,
          'smallest target px': `${small.width} x ${small.height}`,
          'text / row (min)': share,
          CLS: '',
        })
      } finally {
        await close()
      }
    })
  }

  test(`on a touch screen (pointer: coarse) at 390 px, every target is at least ${MIN_TOUCH_TARGET} x ${MIN_TOUCH_TARGET} px`, async () => {
    const { page, errors, close } = await openDemo(
      browser(),
      player.path,
      { width: 390, height: 844 },
      undefined,
      {
        hasTouch: true,
        isMobile: true,
      },
    )
    try {
      await waitForTranscript(page)
      await page.locator('canvas').first().waitFor({ state: 'attached' })
      expect(await page.evaluate(() => matchMedia('(pointer: coarse)').matches)).toBe(true)
      const targets = await measureTargets(page)
      expect(targets.length).toBeGreaterThan(5)
      const small = smallest(targets, MIN_TOUCH_TARGET)
      expect(small.under).toEqual([])
      expect(await overflow(page)).toBeLessThanOrEqual(0)
      expect(errors).toEqual([])
      figures.push({
        page: player.name,
        check: '390 px, touch',
        'overflow px': await overflow(page),
        'smallest target px': `${small.width} x ${small.height}`,
        'text / row (min)': '',
        CLS: '',
      })
    } finally {
      await close()
    }
  })

  test('forced colors (Windows high contrast): the active line is outlined, and a focused control shows its ring', async () => {
    const { page, errors, close } = await openDemo(browser(), `${player.path}#t=690`)
    try {
      await page.emulateMedia({ forcedColors: 'active' })
      await waitForTranscript(page)
      await waitForAudioAt(page, 690)
      await expect.poll(() => activeLine(page).then((a) => a?.index ?? -1)).toBeGreaterThan(0)
      const outline = (selector: string) =>
        page.evaluate((s) => {
          const el = s === ':focus' ? window.castlineE2E!.active() : window.castlineE2E!.find(s)
          const style = el === null ? null : getComputedStyle(el)
          return style === null ? 'none' : `${style.outlineStyle} ${style.outlineWidth}`
        }, selector)
      // Backgrounds give way to the system's colours: the active line needs its outline to be seen.
      expect(await outline('[aria-posinset][aria-current="true"]')).toBe('solid 2px')
      // The keyboard's first stop in the player: its focus ring is drawn.
      await page.getByRole('button', { name: 'Play', exact: true }).focus()
      await page.keyboard.press('Tab')
      expect(await outline(':focus')).toBe('solid 2px')
      expect(errors).toEqual([])
    } finally {
      await close()
    }
  })

  test('30 s of playback: the highlight moves line to line with no layout shift (CLS 0)', {
    timeout: 90_000,
  }, async () => {
    const { page, errors, close } = await openDemo(browser(), `${player.path}#t=690`, undefined, (context) =>
      // Every layout shift from the first paint on, with its time and the nodes that moved.
      context.addInitScript(() => {
        const w = window as unknown as {
          __shifts: Array<{ at: number; value: number; input: boolean; nodes: string }>
        }
        w.__shifts = []
        new PerformanceObserver((list) => {
          for (const entry of list.getEntries() as Array<
            PerformanceEntry & {
              value: number
              hadRecentInput: boolean
              sources?: Array<{ node?: Node | null }>
            }
          >) {
            w.__shifts.push({
              at: entry.startTime,
              value: entry.value,
              input: entry.hadRecentInput,
              nodes: (entry.sources ?? [])
                .map((s) =>
                  s.node instanceof Element
                    ? `${s.node.tagName.toLowerCase()}.${s.node.className}`
                    : String(s.node?.nodeName),
                )
                .join(', '),
            })
          }
        }).observe({ type: 'layout-shift', buffered: true })
      }),
    )
    try {
      await waitForTranscript(page)
      await page.locator('canvas').first().waitFor({ state: 'attached' })
      await play(page)
      await waitForPlayback(page, 691)
      const started = await page.evaluate(() => performance.now())

      // Once a second for 30 s: the active line, to count the moves of the highlight.
      const seen: number[] = []
      for (let i = 0; i < 30; i++) {
        const active = await activeLine(page)
        if (active !== null && active.index !== seen.at(-1)) seen.push(active.index)
        await page.waitForTimeout(1000)
      }
      const shifts = await page.evaluate(
        () =>
          (
            window as unknown as {
              __shifts: Array<{ at: number; value: number; input: boolean; nodes: string }>
            }
          ).__shifts,
      )
      const during = shifts.filter((s) => s.at >= started && !s.input)
      const cls = during.reduce((sum, s) => sum + s.value, 0)
      const onLoad = shifts.filter((s) => s.at < started && !s.input).reduce((sum, s) => sum + s.value, 0)

      expect(seen.length, `active lines seen: ${seen.join(', ')}`).toBeGreaterThanOrEqual(4)
      expect(during).toEqual([])
      // While the page loads, the parts keep their room (the demo's header, player and aside, the plain
      // page's element and the head its feed fills); what still moves is listed when this fails.
      const loadShifts = shifts.filter((s) => s.at < started && !s.input)
      expect.soft(onLoad, JSON.stringify(loadShifts)).toBeLessThan(LOAD_CLS_BOUND[player.path] ?? 0.05)
      expect(errors).toEqual([])
      figures.push({
        page: player.name,
        check: `30 s playback (${seen.length} lines, load CLS ${Math.round(onLoad * 1000) / 1000})`,
        'overflow px': '',
        'smallest target px': '',
        'text / row (min)': '',
        CLS: cls,
      })
    } finally {
      await close()
    }
  })
})
