/**
 * The demo's default page as a podcast's episode page: the sample feed's artwork, show, number, title,
 * date, length and show notes; chapters that seek the player; the speakers; and the link to the "open
 * your own" page (open.html), which plays the user's files. axe-clean light and dark, 320 to 1280 px.
 */
import type { Page } from 'playwright-core'
import { expect, test } from 'vitest'
import {
  axeViolations,
  DESKTOP,
  loadSample,
  openDemo,
  sharedBrowser,
  transcriptRegion,
  waitForAudioAt,
  waitForTranscript,
} from './support.js'
import { toneWav } from './wav.js'

const browser = sharedBrowser()

const NOTES_START = 'Every year the core developers of Python meet in person'

/** Whether the image `img` finished loading with pixels (a broken image has no natural width). */
function loaded(page: Page, selector: string): Promise<boolean[]> {
  return page.$$eval(selector, (imgs) =>
    (imgs as HTMLImageElement[]).map((img) => img.complete && img.naturalWidth > 0),
  )
}

test('the episode page shows the artwork, show, number, title, date, length and the show notes as text', async () => {
  const sample = await loadSample()
  const { page, errors, close } = await openDemo(browser())
  try {
    await waitForTranscript(page)
    const header = page.getByRole('banner')
    await expect(header.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(sample.title)
    await expect(header.getByText('Talk Python To Me', { exact: true }).count()).resolves.toBe(1)
    await expect(header.getByText('Episode 514', { exact: true }).count()).resolves.toBe(1)
    await expect(header.locator('time').textContent()).resolves.toBe('7 July 2025')
    await expect(header.locator('time').getAttribute('datetime')).resolves.toBe('2025-07-07T08:00:00.000Z')
    // itunes:duration 01:12:54.
    await expect(header.getByText('1 h 13 min', { exact: true }).count()).resolves.toBe(1)
    await expect.poll(() => loaded(page, '.demo-episode__art')).toEqual([true])
    await expect(page.locator('.demo-episode__art').getAttribute('src')).resolves.toMatch(
      /episodes\/talk-python-514\/artwork\.svg$/,
    )
    // The whole description under the player, as one text paragraph (no markup made from it).
    const notes = page.getByRole('main').getByRole('region', { name: 'Show notes' }).getByRole('paragraph')
    await expect(notes.count()).resolves.toBe(1)
    await expect(notes.textContent()).resolves.toMatch(new RegExp(`^${NOTES_START}.*transcript\\.\\)$`))
    await expect(notes.evaluate((p) => p.children.length)).resolves.toBe(0)
    expect(errors).toEqual([])
  } finally {
    await close()
  }
})

test("the chapter list names every chapter with its time, and a chapter's link seeks the player there", async () => {
  const { page, errors, close } = await openDemo(browser())
  try {
    await waitForTranscript(page)
    const chapters = page.getByRole('region', { name: 'Chapters' })
    const links = chapters.getByRole('link')
    await expect(links.count()).resolves.toBeGreaterThan(5)
    await expect(links.nth(1).textContent()).resolves.toBe('3:07 What is the Language Summit?')
    await expect(links.nth(1).getAttribute('href')).resolves.toBe('#t=187')
    // The chapter playing is marked (aria-current, from the player's onChapterChange), and follows.
    const current = chapters.locator('a[aria-current="true"]')
    await expect.poll(() => current.textContent()).toBe('0:00 Introduction')
    await links.nth(1).click()
    await waitForAudioAt(page, 187)
    await expect.poll(() => current.textContent()).toBe('3:07 What is the Language Summit?')
    await expect(current.count()).resolves.toBe(1)
    // Another chapter after it: the player follows each link in turn.
    await chapters.getByRole('link', { name: /Open source at the UN/ }).click()
    await waitForAudioAt(page, 364)
    // The listener moves on (the address still ends in #t=364); the same chapter followed again seeks back.
    await page.evaluate(() => {
      ;(window.castlineE2E!.find('audio') as HTMLAudioElement).currentTime = 600
    })
    await waitForAudioAt(page, 600)
    await chapters.getByRole('link', { name: /Open source at the UN/ }).click()
    await waitForAudioAt(page, 364)
    expect(new URL(page.url()).hash).toBe('#t=364')
    expect(errors).toEqual([])
  } finally {
    await close()
  }
})

test('the speakers are listed from the feed: avatar, name linking to their page, and role', async () => {
  const { page, errors, close } = await openDemo(browser())
  try {
    await waitForTranscript(page)
    const speakers = page.getByRole('region', { name: 'Speakers' })
    const items = speakers.getByRole('listitem')
    await expect(items.allTextContents()).resolves.toEqual([
      'Michael KennedyHost',
      'Seth Michael LarsonGuest',
    ])
    await expect(
      speakers.getByRole('link', { name: 'Seth Michael Larson' }).getAttribute('href'),
    ).resolves.toBe('https://sethmlarson.dev/')
    await expect.poll(() => loaded(page, '.demo-person__avatar')).toEqual([true, true])
    expect(errors).toEqual([])
  } finally {
    await close()
  }
})

test('the episode page links to "open your own", a page of its own that plays the files opened there', async () => {
  const { page, errors, close } = await openDemo(browser())
  try {
    await waitForTranscript(page)
    // The episode page has no file form: it is on the other page.
    await expect(page.getByLabel('Audio file').count()).resolves.toBe(0)
    await page.getByRole('link', { name: 'Open your own episode' }).click()
    await page.waitForURL(/\/open\.html$/)
    await expect
      .poll(() => page.getByRole('heading', { level: 1 }).textContent())
      .toBe('Open your own episode')
    await expect(transcriptRegion(page).count()).resolves.toBe(0)
    await expect(page.getByRole('region', { name: 'Your files' }).count()).resolves.toBe(1)
    expect(await axeViolations(page)).toEqual([])
    await page
      .getByLabel('Audio file')
      .setInputFiles({ name: 'tone.wav', mimeType: 'audio/wav', buffer: toneWav(3) })
    await page.getByLabel('Transcript file').setInputFiles({
      name: 'tone.vtt',
      mimeType: 'text/vtt',
      buffer: Buffer.from('WEBVTT\n\n00:00.000 --> 00:01.000\nA tone line\n'),
    })
    await page.getByRole('button', { name: 'Play these files' }).click()
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('tone.wav')
    await transcriptRegion(page).getByText('A tone line', { exact: true }).waitFor()
    // And back: the page's link to the sample.
    await page.getByRole('link', { name: 'Back to the sample episode' }).click()
    await waitForTranscript(page)
    await expect(page.getByRole('region', { name: 'Chapters' }).count()).resolves.toBe(1)
    expect(errors).toEqual([])
  } finally {
    await close()
  }
})

for (const width of [320, 768, 1280]) {
  for (const colorScheme of ['light', 'dark'] as const) {
    test(`at ${width} px, ${colorScheme}: nothing wider than the window, axe clean; chapters beside the player from 1024 px`, async () => {
      const { page, errors, close } = await openDemo(browser(), '', { width, height: DESKTOP.height })
      try {
        await page.emulateMedia({ colorScheme })
        await waitForTranscript(page)
        await expect.poll(() => loaded(page, '.demo-episode__art')).toEqual([true])
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
        expect(overflow).toBeLessThanOrEqual(0)
        const main = (await page.locator('main').boundingBox())!
        const aside = (await page.locator('aside').boundingBox())!
        if (width >= 1024) {
          expect(aside.x).toBeGreaterThanOrEqual(main.x + main.width)
          expect(aside.y).toBeLessThan(main.y + main.height)
        } else {
          expect(aside.y).toBeGreaterThanOrEqual(main.y + main.height - 1)
        }
        expect(await axeViolations(page)).toEqual([])
        expect(errors).toEqual([])
      } finally {
        await close()
      }
    })
  }
}
