/**
 * The player's two layouts (issue 18), on every player page (player-pages.ts), at 820 and 1280 px and in
 * a 400 px column of a 1280 px page: the layout is the player's own width's (container queries), not the
 * window's. `?layout=panel` picks the panel layout: the React demo reads it; on the plain page an init
 * script gives `<castline-player>` the same `layout` attribute. The figures measured go to the test output
 * as a table (quoted in docs/design.md).
 */
import type { BrowserContext, Page } from 'playwright-core'
import { afterAll, describe, expect, test } from 'vitest'
import { PLAYER_PAGES } from './player-pages.js'
import { axeViolations, openDemo, sharedBrowser, waitForTranscript } from './support.js'

const browser = sharedBrowser()

const figures: Array<Record<string, string | number>> = []
afterAll(async () => {
  console.log('Player layouts, measured:')
  console.table(figures)
})

type Layout = 'stacked' | 'panel'
const LAYOUTS: readonly Layout[] = ['stacked', 'panel']

/** The plain page takes `?layout=` as the demo does: its `<castline-player>` gets the attribute. */
function layoutParam(context: BrowserContext): Promise<unknown> {
  return context.addInitScript(() => {
    const layout = new URLSearchParams(location.search).get('layout')
    if (layout === null) return
    document.addEventListener('readystatechange', () => {
      for (const el of document.querySelectorAll('castline-player')) el.setAttribute('layout', layout)
    })
  })
}

/** The boxes the checks compare, in CSS px: the player's content box and its parts. */
interface Boxes {
  layout: string
  /** The player's content box (inside its padding). */
  player: { left: number; width: number }
  panel: { top: number; bottom: number; width: number }
  /** The bottom of the panel's last part (what it shows, not its stretched box). */
  panelContentBottom: number
  side: { top: number; bottom: number }
  wave: { width: number }
  transcript: { left: number; right: number; width: number; bottom: number }
  /** The right edges of the rendered lines' text. */
  textRights: number[]
}

function measure(page: Page): Promise<Boxes> {
  return page.evaluate(() => {
    const find = (selector: string) => {
      const el = window.castlineE2E!.find(selector)
      if (el === null) throw new Error(`No ${selector} on the page.`)
      return el
    }
    const box = (selector: string) => find(selector).getBoundingClientRect()
    const root = find('.castline-player')
    const style = getComputedStyle(root)
    const r = root.getBoundingClientRect()
    const left = r.left + Number.parseFloat(style.paddingLeft) + Number.parseFloat(style.borderLeftWidth)
    const width =
      r.width -
      Number.parseFloat(style.paddingLeft) -
      Number.parseFloat(style.paddingRight) -
      Number.parseFloat(style.borderLeftWidth) -
      Number.parseFloat(style.borderRightWidth)
    const main = find('.castline-player__main')
    const panel = main.getBoundingClientRect()
    const side = box('.castline-player__side')
    const transcript = box('.castline-transcript')
    return {
      layout: root.getAttribute('data-layout') ?? '',
      player: { left, width },
      panel: { top: panel.top, bottom: panel.bottom, width: panel.width },
      panelContentBottom: main.lastElementChild!.getBoundingClientRect().bottom,
      side: { top: side.top, bottom: side.bottom },
      wave: { width: box('.castline-waveform').width },
      transcript: {
        left: transcript.left,
        right: transcript.right,
        width: transcript.width,
        bottom: transcript.bottom,
      },
      textRights: window
        .castlineE2E!.findAll('[aria-posinset] .castline-line__text')
        .map((text) => text.getBoundingClientRect())
        .filter((t) => t.height > 0)
        .map((t) => t.right)
        .slice(0, 10),
    }
  })
}

/** The panel layout's chapters and speakers parts: shown or not (a box), their items, the speakers' text. */
function panelLists(page: Page) {
  return page.evaluate(() => {
    const shown = (selector: string) => {
      const el = window.castlineE2E!.find(selector)
      return el !== null && el.getBoundingClientRect().height > 0
    }
    const all = (selector: string) => window.castlineE2E!.findAll(selector)
    return {
      chaptersShown: shown('.castline-player__chapters ol'),
      chapters: all('.castline-player__chapters li').length,
      currentChapters: all('.castline-player__chapters [aria-current="true"]').length,
      disclosureShown: shown('details.castline-controls__chapter-list'),
      speakersShown: shown('.castline-player__speakers ul'),
      speakers: all('.castline-player__speakers li').map((li) =>
        [...li.querySelectorAll('.castline-line__speaker-name, .castline-line__role')]
          .map((part) => part.textContent)
          .join(' '),
      ),
    }
  })
}

/** Rounded to one decimal, for the table. */
const round = (n: number) => Math.round(n * 10) / 10
const share = (part: number, whole: number) => `${round((part / whole) * 100)}%`

async function openLayout(player: { path: string }, layout: Layout, width: number) {
  const demo = await openDemo(
    browser(),
    `${player.path}?layout=${layout}`,
    { width, height: 900 },
    layoutParam,
  )
  await waitForTranscript(demo.page)
  await demo.page.locator('canvas').first().waitFor({ state: 'attached' })
  return demo
}

describe.each(PLAYER_PAGES)('$name', (player) => {
  for (const layout of LAYOUTS) {
    for (const width of [820, 1280]) {
      test(`layout ${layout} at ${width} px: no overflow, the waveform and the transcript's text use their columns${layout === 'panel' ? ', no empty area under the panel' : ''}`, async () => {
        const { page, errors, close } = await openLayout(player, layout, width)
        try {
          const b = await measure(page)
          expect(b.layout).toBe(layout)
          const over = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
          expect.soft(over).toBeLessThanOrEqual(0)
          // Two columns only in the panel layout and only where the player is 52rem (832 px) or wider.
          const twoColumns = b.side.top < b.panel.bottom
          expect(twoColumns).toBe(layout === 'panel' && b.player.width >= 832)
          if (twoColumns) {
            expect.soft(b.transcript.width / b.player.width).toBeGreaterThanOrEqual(0.6)
            // The panel's parts reach down to the transcript's bottom (within 120 px), or past it.
            expect.soft(b.transcript.bottom - b.panelContentBottom).toBeLessThanOrEqual(120)
          } else {
            // One column: no tall chapter and speaker lists above the transcript (the controls' disclosure stays).
            if (layout === 'panel') {
              const lists = await panelLists(page)
              expect(lists.chaptersShown || lists.speakersShown).toBe(false)
              expect(lists.disclosureShown).toBe(true)
            }
            expect.soft(b.wave.width / b.player.width).toBeGreaterThanOrEqual(0.9)
            expect.soft(b.transcript.width / b.player.width).toBeGreaterThanOrEqual(0.9)
          }
          // The text runs to the row's end: no column kept free at the right of the transcript.
          expect(b.textRights.length).toBeGreaterThanOrEqual(3)
          const rowEnd = Math.max(...b.textRights)
          expect.soft(b.transcript.right - rowEnd).toBeLessThanOrEqual(24)
          if (width === 1280 && layout === 'panel') {
            // The panel's chapters, open, and who speaks (the controls' chapter disclosure gives way).
            const lists = await panelLists(page)
            expect(lists.chaptersShown).toBe(true)
            expect(lists.chapters).toBeGreaterThanOrEqual(10)
            expect(lists.currentChapters).toBe(1)
            expect(lists.disclosureShown).toBe(false)
            expect(lists.speakersShown).toBe(true)
            expect(lists.speakers).toEqual(
              expect.arrayContaining(['Michael Kennedy host', 'Seth Michael Larson guest']),
            )
            for (const colorScheme of ['light', 'dark'] as const) {
              await page.emulateMedia({ colorScheme })
              expect.soft(await axeViolations(page), `axe, ${colorScheme}`).toEqual([])
            }
          }
          expect(errors).toEqual([])
          figures.push({
            page: player.name,
            check: `${layout}, ${width} px`,
            player: round(b.player.width),
            columns: twoColumns ? 2 : 1,
            'waveform / player': share(b.wave.width, b.player.width),
            'transcript / player': share(b.transcript.width, b.player.width),
            'text to row end px': round(b.transcript.right - rowEnd),
            'empty under panel px': twoColumns ? round(b.transcript.bottom - b.panelContentBottom) : '',
          })
        } finally {
          await close()
        }
      })
    }
  }

  test('layout panel in a 400 px column of a 1280 px page: one column, the waveform and transcript full width', async () => {
    const { page, errors, close } = await openLayout(player, 'panel', 1280)
    try {
      // The site's narrow column: the window stays 1280 px wide, the player's own width is 400 px.
      await page.evaluate(() => {
        const host = document.querySelector('.demo-player') ?? document.querySelector('castline-player')
        if (!(host instanceof HTMLElement)) throw new Error('No player on the page.')
        host.style.width = '400px'
        host.style.maxWidth = '400px'
      })
      await expect.poll(() => measure(page).then((b) => b.player.width <= 400)).toBe(true)
      const b = await measure(page)
      expect(b.layout).toBe('panel')
      expect(b.side.top).toBeGreaterThanOrEqual(b.panel.bottom)
      expect(b.wave.width / b.player.width).toBeGreaterThanOrEqual(0.9)
      expect(b.transcript.width / b.player.width).toBeGreaterThanOrEqual(0.9)
      expect(
        await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth),
      ).toBeLessThanOrEqual(0)
      expect(errors).toEqual([])
      figures.push({
        page: player.name,
        check: 'panel, 400 px column of 1280 px',
        player: round(b.player.width),
        columns: 1,
        'waveform / player': share(b.wave.width, b.player.width),
        'transcript / player': share(b.transcript.width, b.player.width),
        'text to row end px': '',
        'empty under panel px': '',
      })
    } finally {
      await close()
    }
  })
})
