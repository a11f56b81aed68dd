import { searchTranscript } from '@castline/core'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { isInView, launchChromium, line, loadSample, openDemo, waitForTranscript } from './support.js'

let browser: Browser
beforeAll(async () => {
  browser = await launchChromium()
})
afterAll(async () => {
  await browser?.close()
})

test('searching "Pyodide" finds every cue that says it; next and previous scroll to each match', async () => {
  const { transcript } = await loadSample()
  const matches = searchTranscript(transcript, 'Pyodide')
  // Every cue that contains the word, found independently of core's search.
  const containing = transcript.cues.flatMap((c, i) => (c.text.toLowerCase().includes('pyodide') ? [i] : []))
  expect(containing.length).toBeGreaterThan(1)
  expect([...new Set(matches.map((m) => m.cue))]).toEqual(containing)

  const { page, errors, close } = await openDemo(browser)
  try {
    await waitForTranscript(page)
    const search = page.getByRole('search')
    await search.getByRole('searchbox', { name: 'Search transcript' }).fill('Pyodide')
    const count = search.getByRole('status')
    await expect.poll(() => count.textContent()).toBe(`1 of ${matches.length}`)

    const current = page.locator('mark.castline-match--current')
    const expectAt = async (i: number) => {
      const match = matches[i]!
      await expect.poll(() => count.textContent()).toBe(`${i + 1} of ${matches.length}`)
      const row = line(page, match.cue)
      await expect.poll(() => row.locator('mark.castline-match--current').count()).toBe(1)
      await expect(current.count()).resolves.toBe(1)
      await expect(current.textContent()).resolves.toMatch(/^pyodide$/i)
      await expect.poll(() => isInView(current)).toBe(true)
    }

    await expectAt(0)
    const next = search.getByRole('button', { name: 'Next match' })
    const previous = search.getByRole('button', { name: 'Previous match' })
    for (let i = 1; i < matches.length; i++) {
      await next.click()
      await expectAt(i)
    }
    for (let i = matches.length - 2; i >= 0; i--) {
      await previous.click()
      await expectAt(i)
    }

    expect(errors).toEqual([])
  } finally {
    await close()
  }
})
