import { expect, test } from 'vitest'
import {
  activeLineLocator,
  audioState,
  isInView,
  openDemo,
  play,
  sharedBrowser,
  showTranscript,
  transcriptRegion,
  waitForAudioAt,
  waitForPlayback,
  waitForTranscript,
} from './support.js'

const browser = sharedBrowser()

test('scrolling away while playing detaches follow mode; the jump button brings the line back', async () => {
  const { page, errors, close } = await openDemo(browser(), '#t=300')
  try {
    await waitForTranscript(page)
    await showTranscript(page)
    await waitForAudioAt(page, 300)
    await play(page)
    await waitForPlayback(page, 301)
    const active = activeLineLocator(page)
    await expect.poll(() => isInView(active)).toBe(true)
    const jump = page.getByRole('button', { name: /jump to current line/i })
    await expect(jump.count()).resolves.toBe(0)

    // The user wheels the list far away from the spoken line.
    const viewport = transcriptRegion(page).locator('.castline-transcript__viewport')
    const box = (await viewport.boundingBox())!
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2)
    for (let i = 0; i < 4; i++) {
      await page.mouse.wheel(0, 1500)
      await page.waitForTimeout(50)
    }
    await jump.waitFor({ state: 'visible' })
    const scrolledTo = await viewport.evaluate((el) => el.scrollTop)

    // Detached: playback goes on, the list stays where the user put it and the active line is out of view
    // (so far out that the virtualized list may not even render it).
    // Playback moves on by a second, however long that takes on a busy machine.
    const before = (await audioState(page)).currentTime
    await expect.poll(async () => (await audioState(page)).currentTime).toBeGreaterThan(before + 1)
    const after = await audioState(page)
    expect(after.paused).toBe(false)
    await expect(viewport.evaluate((el) => el.scrollTop)).resolves.toBeCloseTo(scrolledTo, -1)
    await expect(isInView(active)).resolves.toBe(false)
    await expect(jump.isVisible()).resolves.toBe(true)

    // Jump: the active line is in view again and the button is gone.
    await jump.click()
    await expect.poll(() => isInView(active)).toBe(true)
    await expect.poll(() => jump.count()).toBe(0)

    expect(errors).toEqual([])
  } finally {
    await close()
  }
})
