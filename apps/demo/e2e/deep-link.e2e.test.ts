import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, expect, test } from 'vitest'
import {
  activeLine,
  activeLineLocator,
  isInView,
  launchChromium,
  loadSample,
  openDemo,
  play,
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

test('#t=600 starts the episode at 10:00, with that line highlighted and in view', async () => {
  const { transcript, index } = await loadSample()
  const { page, errors, close } = await openDemo(browser, '#t=600')
  try {
    await waitForTranscript(page)
    await waitForAudioAt(page, 600, 0.05)
    const waveform = page.locator('[role="slider"][aria-valuetext*=" of "]')
    await expect.poll(() => waveform.first().getAttribute('aria-valuetext')).toMatch(/^10:00 of /)
    const expected = index.cueAt(600)
    await expect
      .poll(() => activeLine(page))
      .toEqual({ index: expected, text: transcript.cues[expected]!.text })
    await expect.poll(() => isInView(activeLineLocator(page))).toBe(true)

    // And it plays on from there.
    await play(page)
    await waitForPlayback(page, 601)
    expect(errors).toEqual([])
  } finally {
    await close()
  }
})

test('#t=12:34 (minutes:seconds) starts at 754 s', async () => {
  const { index } = await loadSample()
  const { page, errors, close } = await openDemo(browser, '#t=12:34')
  try {
    await waitForTranscript(page)
    await waitForAudioAt(page, 754, 0.05)
    await expect.poll(async () => (await activeLine(page))?.index).toBe(index.cueAt(754))
    expect(errors).toEqual([])
  } finally {
    await close()
  }
})

test('following a #t= link within the page (only the hash changes) seeks there', async () => {
  const { index } = await loadSample()
  const { page, errors, close } = await openDemo(browser)
  try {
    await waitForTranscript(page)
    await waitForAudioAt(page, 0)
    await page.evaluate(() => {
      window.location.hash = '#t=20:00'
    })
    await waitForAudioAt(page, 1200, 0.05)
    await expect.poll(async () => (await activeLine(page))?.index).toBe(index.cueAt(1200))
    await expect.poll(() => isInView(activeLineLocator(page))).toBe(true)
    expect(errors).toEqual([])
  } finally {
    await close()
  }
})
