/**
 * The UI's locale on every player page (player-pages.ts): `?lang=ar` shows the player right to left at
 * 390 and 1280 px (`dir="rtl"` on its root, nothing wider than the window, each line's time to the right
 * of its text, the search box and its buttons in one row, axe clean), and `?lang=de` shows German controls.
 */
import type { Page } from 'playwright-core'
import { describe, expect, test } from 'vitest'
import { PLAYER_PAGES } from './player-pages.js'
import { axeViolations, openDemo, sharedBrowser } from './support.js'

const browser = sharedBrowser()

/** What the right-to-left checks measure, read in the page (shadow roots included, see support.ts). */
function measure(page: Page) {
  return page.evaluate(() => {
    const e2e = window.castlineE2E!
    const centreX = (el: Element) => {
      const r = el.getBoundingClientRect()
      return r.left + r.width / 2
    }
    const centreY = (el: Element) => {
      const r = el.getBoundingClientRect()
      return r.top + r.height / 2
    }
    const rows = e2e
      .findAll('[aria-posinset]')
      .map((row) => {
        const time = row.querySelector('.castline-line__time')
        const text = row.querySelector('.castline-line__text')
        if (time === null || text === null || time.getBoundingClientRect().width === 0) return null
        return { time: centreX(time), text: centreX(text) }
      })
      .filter((r) => r !== null)
      .slice(0, 10)
    const input = e2e.find('.castline-search__input')!
    // The clock "0:00 / 1:12:54": where its first and its last character are drawn (it reads left to right).
    const clock = e2e.find('.castline-controls__time')!
    const range = document.createRange()
    const charX = (node: Node, at: number) => {
      range.setStart(node, at)
      range.setEnd(node, at + 1)
      return range.getBoundingClientRect().left
    }
    const walker = document.createTreeWalker(clock, NodeFilter.SHOW_TEXT)
    const texts: Text[] = []
    for (let n = walker.nextNode(); n !== null; n = walker.nextNode())
      if ((n as Text).length > 0) texts.push(n as Text)
    const last = texts[texts.length - 1]!
    // The playback buttons' order on screen, left to right (not mirrored, like the waveform).
    const transport = [...e2e.find('.castline-controls__transport')!.querySelectorAll('button')].map(centreX)
    const chapterButtons = [
      centreX(e2e.find('.castline-controls__prev-chapter')!),
      centreX(e2e.find('.castline-controls__next-chapter')!),
    ]
    return {
      transport,
      chapterButtons,
      clock: { text: clock.textContent, first: charX(texts[0]!, 0), last: charX(last, last.length - 1) },
      dir: e2e.find('.castline-player')?.getAttribute('dir') ?? null,
      overflow: document.documentElement.scrollWidth - window.innerWidth,
      rows,
      search: { input: centreY(input), buttons: e2e.findAll('.castline-search__button').map(centreY) },
    }
  })
}

describe.each(PLAYER_PAGES)('$name', (player) => {
  for (const width of [390, 1280]) {
    test(`?lang=ar at ${width} px: dir=rtl, no horizontal overflow, each line's time right of its text, the playback buttons and the clock left to right, search in one row, axe clean`, async () => {
      const viewport = { width, height: width < 820 ? 844 : 800 }
      const { page, errors, close } = await openDemo(browser(), `${player.path}?lang=ar`, viewport)
      try {
        // The transcript's region has the locale's name: wait for its lines (CSS locators see into shadow roots).
        await page.locator('[aria-posinset]').first().waitFor()
        await page.getByRole('button', { name: 'تشغيل' }).first().waitFor()
        await page.locator('canvas').first().waitFor({ state: 'attached' })
        const m = await measure(page)
        expect(m.dir).toBe('rtl')
        // Back, play, forward and previous, next chapter keep their places along the timeline.
        expect.soft(m.transport).toEqual([...m.transport].sort((a, b) => a - b))
        expect.soft(m.transport.length).toBe(3)
        expect.soft(m.chapterButtons[0]).toBeLessThan(m.chapterButtons[1]!)
        // The clock is not mirrored: its first character (the current time's) is left of its last.
        expect.soft(m.clock.first, m.clock.text ?? '').toBeLessThan(m.clock.last)
        expect.soft(m.overflow).toBeLessThanOrEqual(0)
        expect(m.rows.length).toBeGreaterThanOrEqual(5)
        for (const row of m.rows) expect.soft(row.time).toBeGreaterThan(row.text)
        expect(m.search.buttons.length).toBeGreaterThanOrEqual(2)
        for (const centre of m.search.buttons)
          expect.soft(Math.abs(centre - m.search.input)).toBeLessThanOrEqual(4)
        expect.soft(await axeViolations(page)).toEqual([])
        expect(errors).toEqual([])
      } finally {
        await close()
      }
    })
  }

  test('?lang=de shows German controls', async () => {
    const { page, errors, close } = await openDemo(browser(), `${player.path}?lang=de`)
    try {
      await page.locator('[aria-posinset]').first().waitFor()
      await expect.poll(() => page.getByRole('button', { name: 'Abspielen' }).count()).toBeGreaterThan(0)
      expect(await page.getByRole('searchbox', { name: 'Transkript durchsuchen' }).count()).toBe(1)
      expect(await page.getByRole('button', { name: 'Nächstes Kapitel' }).count()).toBe(1)
      expect(await page.getByRole('button', { name: 'Play' }).count()).toBe(0)
      expect(errors).toEqual([])
    } finally {
      await close()
    }
  })
})
