/**
 * The mini player on both player pages (player-pages.ts), in Chromium: during playback, scrolling the
 * page until the player's controls leave the view shows the "Mini player" bar at the viewport's bottom;
 * its Pause button pauses the audio; scrolling back hides it. Read by roles and names, so the same check
 * holds for the React demo and <castline-player>.
 */
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { PLAYER_PAGES } from './player-pages.js'
import {
  audioState,
  launchChromium,
  openDemo,
  PHONE,
  play,
  waitForPlayback,
  waitForTranscript,
} from './support.js'

let browser: Browser
beforeAll(async () => {
  browser = await launchChromium()
})
afterAll(async () => {
  await browser?.close()
})

describe.each(PLAYER_PAGES)('$name', (player) => {
  test('scrolled past the controls during playback, the mini player shows and its Pause pauses', async () => {
    const demo = await openDemo(browser, player.path, PHONE)
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
