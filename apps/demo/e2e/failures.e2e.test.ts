/**
 * The built demo when the network fails it, from a real server: audio that 404s, audio whose download
 * stalls after the headers, a transcript served slowly, a transcript that 404s and one that is an HTML
 * page. Each shows a clear state, in words, and highlights nothing.
 */
import { fileURLToPath } from 'node:url'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { type StaticServer, serveStatic } from './static-server.js'
import { audioState, openDemo, sharedBrowser, transcriptRegion, waitForTranscript } from './support.js'

const FOLDER = 'episodes/talk-python-514/'

const browser = sharedBrowser()
let server: StaticServer
beforeAll(async () => {
  // The excerpt's audio stalls after its headers; its transcript (674 bytes) takes about two seconds.
  server = await serveStatic(fileURLToPath(new URL('../dist', import.meta.url)), {
    rate: (path) => (path.endsWith('/excerpt.mp3') ? 0 : path.endsWith('/excerpt.txt') ? 300 : undefined),
  })
})
afterAll(async () => {
  await server?.close()
})

const link = (params: Record<string, string>) => `${server.url}?${new URLSearchParams(params)}`
// The highlighted lines' cue indexes. With no audio the time is 0, so at most the line at 0:00 (the first)
// may be current: anything else would be left over from something that did not happen.
const highlighted = (page: Page) =>
  page.evaluate(() =>
    [...document.querySelectorAll('[aria-current="true"]')].map(
      (e) => Number(e.getAttribute('aria-posinset')) - 1,
    ),
  )

test('a slow transcript says it is loading, then shows its lines; stalled audio stays "Loading audio…"', async () => {
  const { page, errors, close } = await openDemo(
    browser(),
    link({
      audio: `${FOLDER}excerpt.mp3`,
      transcript: `${FOLDER}excerpt.txt`,
      peaks: `${FOLDER}excerpt-peaks.json`,
    }),
  )
  try {
    await transcriptRegion(page).getByText('Loading transcript…').waitFor()
    await waitForTranscript(page)
    await page.getByText('Loading audio…').waitFor()
    await page.waitForTimeout(1500)
    await expect(page.getByText('Loading audio…').isVisible()).resolves.toBe(true)
    expect((await audioState(page)).readyState).toBe(0)
    await expect(page.getByRole('alert').count()).resolves.toBe(0)
    await expect(highlighted(page)).resolves.toEqual([0])
    expect(errors).toEqual([])
  } finally {
    await close()
  }
})

test('audio that 404s: an alert names the problem and the transcript stays readable', async () => {
  const { page, errors, close } = await openDemo(
    browser(),
    link({ audio: `${FOLDER}missing.mp3`, transcript: `${FOLDER}excerpt.txt` }),
  )
  try {
    await waitForTranscript(page)
    const alert = page.getByRole('alert')
    await alert.waitFor()
    await expect(alert.textContent()).resolves.toMatch(/audio.*The transcript is still here to read\./)
    await expect(highlighted(page)).resolves.toEqual([0])
    // The 404 itself is reported (Chromium's console line names no URL; the response does).
    expect(errors).toContain(`HTTP 404 ${server.url}${FOLDER}missing.mp3`)
    expect(errors.filter((e) => !e.includes('missing.mp3') && !e.includes('status of 404'))).toEqual([])
  } finally {
    await close()
  }
})

test.each([
  ['that 404s', `${FOLDER}missing.txt`, /HTTP 404/],
  ['that is an HTML page', 'index.html', /transcript/i],
])('a transcript %s: an alert in the transcript region, no lines', async (_, transcript, message) => {
  const { page, errors, close } = await openDemo(
    browser(),
    link({ audio: `${FOLDER}episode.mp3`, transcript }),
  )
  try {
    const alert = transcriptRegion(page).getByRole('alert')
    await alert.waitFor()
    await expect(alert.textContent()).resolves.toMatch(message)
    await expect(transcriptRegion(page).getByRole('listitem').count()).resolves.toBe(0)
    await expect(highlighted(page)).resolves.toEqual([])
    expect(errors.filter((e) => !e.includes('missing.txt') && !e.includes('404'))).toEqual([])
  } finally {
    await close()
  }
})
