import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, expect, test } from 'vitest'
import {
  activeLine,
  audioState,
  launchChromium,
  loadSample,
  openDemo,
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

/** What has keyboard focus: its role, the waveform's value text, and the transcript row it sits in. */
function focused(page: Page) {
  return page.evaluate(() => {
    const el = document.activeElement
    const row = el?.closest<HTMLElement>('.castline-line[aria-posinset]')
    return {
      role: el?.getAttribute('role') ?? el?.tagName.toLowerCase() ?? '',
      valueText: el?.getAttribute('aria-valuetext') ?? '',
      inTranscript:
        el?.closest('[role="region"][aria-label="Transcript"], section[aria-label="Transcript"]') != null,
      row: row === null || row === undefined ? -1 : Number(row.getAttribute('aria-posinset')) - 1,
    }
  })
}

/** Presses Tab until `done` holds for the focused element; fails after `limit` presses. */
async function tabUntil(
  page: Page,
  done: (f: Awaited<ReturnType<typeof focused>>) => boolean,
  limit = 40,
): Promise<Awaited<ReturnType<typeof focused>>> {
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press('Tab')
    const f = await focused(page)
    if (done(f)) return f
  }
  throw new Error(`Tab never reached the element (${limit} presses)`)
}

test('keyboard only: the waveform slider seeks with arrows; Tab into the transcript, arrows move, Enter seeks', async () => {
  const { transcript } = await loadSample()
  const { page, errors, close } = await openDemo(browser)
  try {
    await waitForTranscript(page)
    await waitForAudioAt(page, 0)

    // The waveform: a slider whose value text reads "0:00 of 1:12:52"; arrows move by 5 seconds.
    const slider = await tabUntil(page, (f) => f.role === 'slider' && f.valueText.includes(' of '))
    expect(slider.valueText).toMatch(/^0:00 of /)
    await page.keyboard.press('ArrowRight')
    await page.keyboard.press('ArrowRight')
    await waitForAudioAt(page, 10)
    await expect.poll(async () => (await focused(page)).valueText).toMatch(/^0:10 of /)
    await page.keyboard.press('ArrowLeft')
    await waitForAudioAt(page, 5)

    // Into the transcript: one tab stop, then arrows move line by line and Enter seeks.
    const entry = await tabUntil(page, (f) => f.inTranscript && f.row >= 0)
    const start = entry.row
    for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowDown')
    await expect.poll(async () => (await focused(page)).row).toBe(start + 3)
    await page.keyboard.press('ArrowUp')
    await expect.poll(async () => (await focused(page)).row).toBe(start + 2)
    const cue = transcript.cues[start + 2]!
    await page.keyboard.press('Enter')
    await waitForAudioAt(page, cue.start)
    expect(Math.abs((await audioState(page)).currentTime - cue.start)).toBeLessThanOrEqual(0.25)
    await expect.poll(() => activeLine(page)).toEqual({ index: start + 2, text: cue.text })
    // Focus stays on the line, so the next Tab leaves the list instead of starting over.
    expect((await focused(page)).row).toBe(start + 2)

    expect(errors).toEqual([])
  } finally {
    await close()
  }
})
