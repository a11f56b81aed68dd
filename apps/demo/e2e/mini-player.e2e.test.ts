/**
 * Reader settings and the mini player on both player pages (player-pages.ts). Reader settings: larger text makes the rows
 * taller and they are measured again (no row overlaps the next); hidden timestamps leave a click on the
 * line seeking. The mini player, in Chromium: during playback, scrolling the page until the player's controls leave the view shows the "Mini player" bar at the viewport's bottom;
 * its Pause button pauses the audio; scrolling back hides it. Read by roles and names, so the same check
 * holds for the React demo and <castline-player>.
 */
import type { Page } from 'playwright-core'
import { describe, expect, test } from 'vitest'
import { PLAYER_PAGES } from './player-pages.js'
import {
  audioState,
  DESKTOP,
  line,
  loadSample,
  openDemo,
  PHONE,
  play,
  sharedBrowser,
  waitForAudioAt,
  waitForPlayback,
  waitForTranscript,
} from './support.js'

const browser = sharedBrowser()

/** The top and bottom of the first `count` rendered lines, in page pixels. */
async function rowBoxes(page: Page, count: number) {
  const boxes: { top: number; bottom: number }[] = []
  for (let i = 0; i < count; i++) {
    const box = await line(page, i).boundingBox()
    if (box === null) throw new Error(`line ${i} is not rendered`)
    boxes.push({ top: box.y, bottom: box.y + box.height })
  }
  return boxes
}

describe.each(PLAYER_PAGES)('$name', (player) => {
  test('reader settings: larger text re-measures the rows (none overlaps the next); hidden timestamps still seek', async () => {
    const demo = await openDemo(browser(), player.path, DESKTOP)
    const { page } = demo
    try {
      await waitForTranscript(page)
      const before = await rowBoxes(page, 4)
      await page.locator('summary[aria-label="Reader settings"]').click()
      const larger = page.getByRole('button', { name: 'Larger text', exact: true })
      // 100% to 112.5%, 125%, 150%: then the largest.
      for (let i = 0; i < 3; i++) await larger.click()
      await expect(larger.isDisabled()).resolves.toBe(true)
      // The rows grow as the browser lays out the larger text and the view measures them again.
      await page.waitForFunction(() => {
        const rows = window.castlineE2E!.findAll('[aria-posinset="1"]')
        return rows.length > 0 && (rows[0] as HTMLElement).getBoundingClientRect().height > 0
      })
      await expect
        .poll(async () => (await rowBoxes(page, 1))[0]!.bottom - (await rowBoxes(page, 1))[0]!.top)
        .toBeGreaterThan(before[0]!.bottom - before[0]!.top)
      await expect
        .poll(async () => {
          const after = await rowBoxes(page, 4)
          return after.every((row, i) => i === 0 || row.top >= after[i - 1]!.bottom - 1)
        })
        .toBe(true)
      await page.getByRole('checkbox', { name: 'Show timestamps' }).click()
      const time = line(page, 2).locator('.castline-line__time')
      await expect(time.boundingBox().then((b) => (b?.width ?? 0) <= 1)).resolves.toBe(true)
      // A click on the line's text still seeks to the line's start.
      await line(page, 2)
        .locator('.castline-line__text')
        .click({ position: { x: 5, y: 5 } })
      const { transcript } = await loadSample()
      await waitForAudioAt(page, transcript.cues[2]!.start)
      expect(demo.errors).toEqual([])
    } finally {
      await demo.close()
    }
  })

  test('scrolled past the controls during playback, the mini player shows and its Pause pauses', async () => {
    const demo = await openDemo(browser(), player.path, PHONE)
    const { page } = demo
    try {
      await waitForTranscript(page)
      const mini = page.getByRole('region', { name: 'Mini player' })
      await expect(mini.isVisible()).resolves.toBe(false)
      await play(page)
      await waitForPlayback(page, 0.2)
      // Room below the player so the controls can leave the view whatever the page's own height.
      await page.evaluate(() => {
        const spacer = document.createElement('div')
        spacer.style.height = '3000px'
        document.body.append(spacer)
        window.scrollTo(0, document.documentElement.scrollHeight)
      })
      await mini.waitFor({ state: 'visible' })
      const box = await mini.boundingBox()
      // Fixed at the viewport's bottom.
      expect(box !== null && Math.round(box.y + box.height)).toBe(PHONE.height)
      await mini.getByRole('button', { name: 'Pause', exact: true }).click()
      await page.waitForFunction(
        () => (window.castlineE2E!.find('audio') as HTMLAudioElement | null)?.paused === true,
      )
      expect((await audioState(page)).paused).toBe(true)
      await expect(mini.getByRole('button', { name: 'Play', exact: true }).isVisible()).resolves.toBe(true)
      await page.evaluate(() => window.scrollTo(0, 0))
      await mini.waitFor({ state: 'hidden' })
      expect(demo.errors).toEqual([])
    } finally {
      await demo.close()
    }
  })
})
