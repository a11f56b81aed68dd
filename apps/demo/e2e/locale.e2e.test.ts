/**
 * The UI's locale on every player page (player-pages.ts): `?lang=ar` shows the player right to left at
 * 390 and 1280 px (`dir="rtl"` on its root, nothing wider than the window, each line's time to the right
 * of its text, the search box and its buttons in one row, axe clean), and `?lang=de` shows German controls.
 */
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { PLAYER_PAGES } from './player-pages.js'
import { axeViolations, launchChromium, openDemo } from './support.js'

let browser: Browser
beforeAll(async () => {
  browser = await launchChromium()
})
afterAll(async () => {
  await browser?.close()
})

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
    return {
      dir: e2e.find('.castline-player')?.getAttribute('dir') ?? null,
      overflow: document.documentElement.scrollWidth - window.innerWidth,
      rows,
      search: { input: centreY(input), buttons: e2e.findAll('.castline-search__button').map(centreY) },
    }
  })
}

describe.each(PLAYER_PAGES)('$name', (player) => {
  for (const width of [390, 1280]) {
    test(`?lang=ar at ${width} px: dir=rtl, no horizontal overflow, each line's time right of its text, search in one row, axe clean`, async () => {
      const viewport = { width, height: width < 820 ? 844 : 800 }
      const { page, errors, close } = await openDemo(browser, `${player.path}?lang=ar`, viewport)
      try {
        // The transcript's region has the locale's name: wait for its lines (CSS locators see into shadow roots).
        await page.locator('[aria-posinset]').first().waitFor()
        await page.getByRole('button', { name: 'تشغيل' }).first().waitFor()
        await page.locator('canvas').first().waitFor({ state: 'attached' })
        const m = await measure(page)
        expect(m.dir).toBe('rtl')
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
    const { page, errors, close } = await openDemo(browser, `${player.path}?lang=de`)
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
