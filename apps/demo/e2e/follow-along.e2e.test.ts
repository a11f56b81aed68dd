import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, expect, test } from 'vitest'
import {
  activeLine,
  activeLineLocator,
  audioState,
  isInView,
  launchChromium,
  loadSample,
  openDemo,
  pause,
  play,
  sampleSync,
  settleFrames,
  waitForAudioAt,
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

test('playing from 00:11:30, the aria-current line is the one being spoken, and it is in view', async () => {
  const { transcript, index } = await loadSample()
  const { page, errors, close } = await openDemo(browser, '#t=690')
  try {
    await waitForTranscript(page)
    await waitForAudioAt(page, 690)
    await play(page)
    await waitForPlayback(page, 694)

    // While playing, the highlight follows the media once per animation frame, so it may trail the time
    // read here by a frame or a few on a loaded machine: it must be the cue at that time or 0.2 s before.
    for (let i = 0; i < 5; i++) {
      const s = await sampleSync(page)
      expect(s.paused).toBe(false)
      // The frame's line, a frame behind, or (a change is shown in the frame nearest to it) half a frame early.
      const candidates = [s.before, s.after, s.before - 0.2, s.after + 0.05].map((t) => index.cueAt(t))
      expect(candidates).toContain(s.index)
      await page.waitForTimeout(400)
    }

    // Paused, there is no lag to allow for: exactly the cue whose range holds currentTime.
    await pause(page)
    await settleFrames(page)
    const { currentTime } = await audioState(page)
    expect(currentTime).toBeGreaterThan(694)
    const expected = index.cueAt(currentTime)
    expect(expected).toBeGreaterThanOrEqual(0)
    const cue = transcript.cues[expected]!
    expect(cue.start).toBeLessThanOrEqual(currentTime)
    expect(currentTime).toBeLessThan(cue.end)
    await expect(activeLine(page)).resolves.toEqual({ index: expected, text: cue.text })
    await expect(isInView(activeLineLocator(page))).resolves.toBe(true)

    expect(errors).toEqual([])
  } finally {
    await close()
  }
})
