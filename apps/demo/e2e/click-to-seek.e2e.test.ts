import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, expect, test } from 'vitest'
import {
  activeLine,
  audioState,
  launchChromium,
  line,
  loadSample,
  openDemo,
  transcriptRegion,
  waitForAudioAt,
  waitForTranscript,
} from './support.js'

let browser: Browser
beforeAll(async () => {
  browser = await launchChromium()
})
afterAll(async () => {
  await browser?.close()
})

test('clicking a line far down, after scrolling to it, seeks to its start', async () => {
  const { transcript } = await loadSample()
  const { page, errors, close } = await openDemo(browser)
  try {
    await waitForTranscript(page)
    await page.waitForFunction(() => (document.querySelector('audio')?.readyState ?? 0) >= 1)
    const target = Math.floor(transcript.cues.length * 0.8)
    const cue = transcript.cues[target]!

    // Scroll the list with the mouse wheel until the line is rendered (the list is virtualized). Steps
    // shorter than the viewport, so the line cannot be jumped over.
    const viewport = transcriptRegion(page).locator('.castline-transcript__viewport')
    const box = (await viewport.boundingBox())!
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2)
    const step = Math.floor(box.height * 0.75)
    const row = line(page, target)
    for (let i = 0; i < 500 && (await row.count()) === 0; i++) {
      await page.mouse.wheel(0, step)
      await page.waitForTimeout(50)
    }
    expect(await row.count()).toBe(1)
    await row.locator('.castline-line__text').click()

    await waitForAudioAt(page, cue.start)
    const { currentTime } = await audioState(page)
    expect(Math.abs(currentTime - cue.start)).toBeLessThanOrEqual(0.25)
    await expect.poll(() => activeLine(page)).toEqual({ index: target, text: cue.text })

    expect(errors).toEqual([])
  } finally {
    await close()
  }
})
