/**
 * The waveform's marks in real Chromium, on every player page (player-pages.ts): hovering the wave shows
 * a tooltip with the time (and chapter) there, inside the waveform's box even at 320 px and at the edge,
 * and typing a search draws ticks along the wave, which go when the query is cleared. axe stays clean
 * with both shown.
 */
import AxeBuilder from '@axe-core/playwright'
import { searchTranscript } from '@castline/core'
import type { Locator, Page } from 'playwright-core'
import { describe, expect, test } from 'vitest'
import { PLAYER_PAGES } from './player-pages.js'
import { audioState, DESKTOP, loadSample, openDemo, sharedBrowser, waitForTranscript } from './support.js'

const browser = sharedBrowser()

/** "12:34" or "1:02:03" in seconds. */
function seconds(clock: string): number {
  return clock.split(':').reduce((total, part) => total * 60 + Number(part), 0)
}

/** Moves the mouse over `slider` at `fraction` of its width and returns the tooltip's text and box. */
async function hover(page: Page, slider: Locator, fraction: number) {
  const box = (await slider.boundingBox())!
  await page.mouse.move(box.x + box.width * fraction, box.y + box.height / 2)
  // Playwright's CSS locators see into the custom element's open shadow root.
  const tip = page.locator('.castline-waveform__hover')
  await expect.poll(() => tip.isVisible()).toBe(true)
  return { box, text: (await tip.textContent()) ?? '', tipBox: (await tip.boundingBox())! }
}

describe.each(PLAYER_PAGES)('$name', (player) => {
  test('hovering the waveform shows the time and chapter there, inside its box at 320 px too', async () => {
    for (const viewport of [DESKTOP, { width: 320, height: 720 }]) {
      const { page, errors, close } = await openDemo(browser(), player.path, viewport)
      try {
        await waitForTranscript(page)
        await expect.poll(async () => (await audioState(page)).readyState).toBeGreaterThanOrEqual(1)
        const { duration } = await audioState(page)
        const slider = page.getByRole('slider', { name: 'Seek' })
        await slider.scrollIntoViewIfNeeded()
        const quarter = await hover(page, slider, 0.25)
        // The time a quarter of the way along (within a pixel's worth), and the chapter playing then.
        const [clock, chapter] = quarter.text.split(' · ')
        expect(clock).toMatch(/^\d+:\d\d(:\d\d)?$/)
        expect(Math.abs(seconds(clock!) - duration / 4)).toBeLessThanOrEqual(duration / quarter.box.width + 1)
        expect(chapter?.length ?? 0).toBeGreaterThan(0)
        await expect(page.locator('.castline-waveform__hover').getAttribute('aria-hidden')).resolves.toBe(
          'true',
        )
        // At either edge the tooltip is drawn from that edge: nothing outside the waveform's box.
        for (const fraction of [0, 0.999]) {
          const { box, tipBox } = await hover(page, slider, fraction)
          expect(tipBox.x).toBeGreaterThanOrEqual(box.x - 0.5)
          expect(tipBox.x + tipBox.width).toBeLessThanOrEqual(box.x + box.width + 0.5)
        }
        // The mouse gone, so is the tooltip.
        await page.mouse.move(1, 1)
        await expect.poll(() => page.locator('.castline-waveform__hover').isVisible()).toBe(false)
        expect(errors).toEqual([])
      } finally {
        await close()
      }
    }
  })

  test('typing a search draws ticks along the wave at the matched lines; clearing it removes them; axe is clean', async () => {
    const { transcript } = await loadSample()
    const cues = new Set(searchTranscript(transcript, 'Pyodide').map((m) => m.cue))
    const { page, errors, close } = await openDemo(browser(), player.path, DESKTOP)
    try {
      await waitForTranscript(page)
      await expect.poll(async () => (await audioState(page)).readyState).toBeGreaterThanOrEqual(1)
      const ticks = page.locator('.castline-waveform__tick')
      await expect(ticks.count()).resolves.toBe(0)
      const box = page.getByRole('search').getByRole('searchbox', { name: 'Search transcript' })
      await box.fill('Pyodide')
      // One tick a matched line (lines close together may share a pixel), in order along the wave.
      await expect.poll(() => ticks.count()).toBeGreaterThan(0)
      const count = await ticks.count()
      expect(count).toBeLessThanOrEqual(cues.size)
      const xs = await ticks.evaluateAll((els) => els.map((el) => el.getBoundingClientRect().x))
      expect(xs).toEqual([...xs].sort((a, b) => a - b))
      const slider = (await page.getByRole('slider', { name: 'Seek' }).boundingBox())!
      for (const x of xs) {
        expect(x).toBeGreaterThanOrEqual(slider.x - 0.5)
        expect(x).toBeLessThanOrEqual(slider.x + slider.width + 0.5)
      }
      // With the ticks and a tooltip showing, axe finds nothing.
      await hover(page, page.getByRole('slider', { name: 'Seek' }), 0.5)
      const results = await new AxeBuilder({ page }).analyze()
      expect(
        results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
      ).toEqual([])
      await box.fill('')
      await expect.poll(() => ticks.count()).toBe(0)
      expect(errors).toEqual([])
    } finally {
      await close()
    }
  })
})
