/**
 * The Next.js App Router example (apps/next): a server page that imports `TranscriptPlayer` from the
 * built `@castline/react/player` with no client wrapper of its own, built with `next build` and served by
 * `next start` (global-setup.ts), then loaded in Chromium. The demo's page helpers take its absolute URL.
 */
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, expect, inject, test } from 'vitest'
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
} from '../../demo/e2e/support.js'

const nextUrl = inject('nextUrl')

let browser: Browser
beforeAll(async () => {
  browser = await launchChromium()
})
afterAll(async () => {
  await browser?.close()
})

/** Text as React writes it into HTML. */
function html(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/'/g, '&#x27;')
}

test('the server HTML holds the player, its title and every line of the transcript', async () => {
  const sample = await loadSample()
  const res = await fetch(nextUrl)
  expect(res.status).toBe(200)
  const page = await res.text()
  expect(page).toContain('class="castline castline-player"')
  expect(page).toContain(`<h2 class="castline-player__title">${html(sample.title)}</h2>`)
  for (const cue of sample.transcript.cues.slice(0, 3)) expect(page).toContain(html(cue.text))
  // renderAllOnServer: the last line too, and every line between.
  const cues = sample.transcript.cues
  expect(page).toContain(html(cues[cues.length - 1]!.text))
  expect(page.match(/<li class="castline-line"/g)?.length).toBe(cues.length)
  expect(page).toContain('<audio src="/episodes/talk-python-514/episode.mp3"')
})

test('in Chromium the player hydrates without a warning, draws its waveform, and a line click seeks', async () => {
  const sample = await loadSample()
  const { page, errors, close } = await openDemo(browser, nextUrl)
  try {
    await waitForTranscript(page)
    await expect(page.getByRole('heading', { level: 2 }).textContent()).resolves.toBe(sample.title)
    await expect(page.getByRole('button', { name: 'Play', exact: true }).isVisible()).resolves.toBe(true)
    await expect(page.getByRole('searchbox', { name: 'Search transcript' }).isVisible()).resolves.toBe(true)
    await expect(line(page, 0).getAttribute('aria-setsize')).resolves.toBe(
      String(sample.transcript.cues.length),
    )
    // The waveform: the peaks loaded and wavesurfer.js (a chunk of Next's build) drew into its host.
    const waveform = page.getByRole('slider', { name: 'Seek' })
    await page.locator('.castline-waveform[data-peaks="ready"] .castline-waveform__wave > *').waitFor()
    await expect(waveform.getAttribute('aria-valuetext')).resolves.toBe(
      '0 seconds of 1 hour, 12 minutes, 54 seconds',
    )
    // The styles came through Next's CSS pipeline: the player's layout is a grid.
    await expect(
      page.locator('.castline-player__layout').evaluate((el) => getComputedStyle(el).display),
    ).resolves.toBe('grid')

    await page.waitForFunction(() => (document.querySelector('audio')?.readyState ?? 0) >= 1)
    const target = 5
    const cue = sample.transcript.cues[target]!
    await transcriptRegion(page).getByText(cue.text).click()
    await waitForAudioAt(page, cue.start)
    expect(Math.abs((await audioState(page)).currentTime - cue.start)).toBeLessThanOrEqual(0.25)
    await expect.poll(() => activeLine(page)).toEqual({ index: target, text: cue.text })
    await expect(line(page, target).getAttribute('aria-current')).resolves.toBe('true')

    // Console errors (a hydration mismatch among them), page errors, failed requests: none.
    expect(errors).toEqual([])
  } finally {
    await close()
  }
})
