import { fileURLToPath } from 'node:url'
import { expect, test } from 'vitest'
import { serveStatic } from './static-server.js'
import { line, loadSample, openDemo, sharedBrowser, transcriptRegion, waitForTranscript } from './support.js'

const browser = sharedBrowser()

test('the demo opens on the sample episode: header, player and the first lines, no console errors', async () => {
  const sample = await loadSample()
  const { page, errors, close } = await openDemo(browser())
  try {
    await waitForTranscript(page)
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(sample.title)

    // The player's parts: the waveform slider, play, search, and the transcript with its first lines.
    await expect(page.getByRole('slider').first().isVisible()).resolves.toBe(true)
    await expect(page.getByRole('button', { name: 'Play', exact: true }).isVisible()).resolves.toBe(true)
    await expect(page.getByRole('searchbox', { name: 'Search transcript' }).isVisible()).resolves.toBe(true)
    await expect(transcriptRegion(page).isVisible()).resolves.toBe(true)
    for (let i = 0; i < 3; i++) {
      const cue = sample.transcript.cues[i]!
      const row = line(page, i)
      await expect(row.isVisible()).resolves.toBe(true)
      await expect(row.locator('.castline-line__text').textContent()).resolves.toBe(cue.text)
    }
    // The whole transcript is announced by its size, though only a few rows are in the DOM.
    await expect(line(page, 0).getAttribute('aria-setsize')).resolves.toBe(
      String(sample.transcript.cues.length),
    )

    // The sample's audio is the one in the page, and the browser could read its metadata.
    await page.waitForFunction(() => (document.querySelector('audio')?.readyState ?? 0) >= 1)
    const audio = await page.evaluate(() => {
      const a = document.querySelector('audio')!
      return { src: a.currentSrc, duration: a.duration }
    })
    expect(audio.src).toMatch(/episodes\/talk-python-514\/episode\.mp3$/)
    expect(audio.duration).toBeCloseTo(sample.duration, 0)

    expect(errors).toEqual([])
  } finally {
    await close()
  }
})

test('the built demo works from a subfolder (relative base), wavesurfer chunk included', async () => {
  const sample = await loadSample()
  // Serving apps/demo puts the build at /dist/, as a site would under /some/folder/.
  const server = await serveStatic(fileURLToPath(new URL('..', import.meta.url)))
  const { page, errors, close } = await openDemo(browser(), `${server.url}dist/#t=60`)
  try {
    await waitForTranscript(page)
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(sample.title)
    await page.waitForFunction(() => {
      const a = document.querySelector('audio')
      return a !== null && a.readyState >= 1 && Math.abs(a.currentTime - 60) < 0.25
    })
    await page.locator('.castline-waveform[data-peaks="ready"]').waitFor()
    expect(errors).toEqual([])
  } finally {
    await close()
    await server.close()
  }
})
