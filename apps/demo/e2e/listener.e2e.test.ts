/**
 * The listener's checks, one suite run against every player page (player-pages.ts): follow along, click
 * a line to seek, chapters, search, the keyboard, a `#t=` deep link, axe. They read the page by roles and
 * accessible names, and the media and focus through support.ts's queries that see into shadow roots,
 * so that a renderer passes them by behaving as a listener expects, not by its markup.
 */
import { searchTranscript } from '@castline/core'
import type { Page } from 'playwright-core'
import { describe, expect, test } from 'vitest'
import { PLAYER_PAGES, type PlayerPage } from './player-pages.js'
import {
  activeLine,
  activeLineLocator,
  audioState,
  axeViolations,
  DESKTOP,
  isInView,
  line,
  loadSample,
  openDemo,
  PHONE,
  pause,
  play,
  sampleSync,
  saveScreenshot,
  settleFrames,
  sharedBrowser,
  showTranscript,
  transcriptRegion,
  waitForAudioAt,
  waitForPlayback,
  waitForTranscript,
} from './support.js'

const browser = sharedBrowser()

/** What has keyboard focus: its role, the waveform's value text, and the transcript row it sits in. */
function focused(page: Page) {
  return page.evaluate(() => {
    const el = window.castlineE2E!.active()
    const row = el?.closest<HTMLElement>('[aria-posinset]')
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

/** The file name part of a page's screenshots: 'demo' for the demo, else its path ('embed'). */
function screenshotName(player: PlayerPage): string {
  return player.path === '' ? 'demo' : player.path.replace(/[^a-z0-9]+/gi, '-').replace(/^-|-$/g, '')
}

describe.each(PLAYER_PAGES)('$name', (player) => {
  /** Opens the page with `hash` (a `#t=` link or '') at `viewport`. */
  const open = (hash = '', viewport = DESKTOP) => openDemo(browser(), `${player.path}${hash}`, viewport)

  test('playing from 00:11:30, the aria-current line is the one being spoken, and it is in view', async () => {
    const { transcript, index } = await loadSample()
    const { page, errors, close } = await open('#t=690')
    try {
      await waitForTranscript(page)
      await showTranscript(page)
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

  test('chapter headings and markers are there, next chapter seeks', async () => {
    // The sample's chapters.json: 15 chapters, the second at 3:07.
    const { page, errors, close } = await open()
    try {
      await waitForTranscript(page)
      await expect.poll(async () => (await audioState(page)).readyState).toBeGreaterThanOrEqual(1)
      // The first chapter's heading is in the first line's listitem (its level is the page's to choose).
      const firstLine = transcriptRegion(page).getByRole('listitem').first()
      await expect.poll(() => firstLine.getByRole('heading').textContent()).toBe('Introduction')
      const markers = page.getByRole('list', { name: 'Chapter markers' }).getByRole('button')
      await expect.poll(() => markers.count()).toBe(15)
      await expect(markers.nth(1).textContent()).resolves.toBe('What is the Language Summit?')
      await page.getByRole('button', { name: 'Next chapter' }).click()
      await waitForAudioAt(page, 187)
      // A marker seeks to its chapter's start.
      await page.getByRole('button', { name: 'Python on mobile' }).click()
      await waitForAudioAt(page, 3211)
      expect(errors).toEqual([])
    } finally {
      await close()
    }
  })

  test('the sample feed loads: title, artwork, transcript, chapters, speakers, highlights that seek', async () => {
    // The page names only the feed (feed.xml) and the episode's GUID; everything else comes from the feed.
    const { page, errors, close } = await open()
    try {
      await waitForTranscript(page)
      await expect
        .poll(() => page.getByRole('region', { name: 'Python Language Summit 2025' }).count())
        .toBe(1)
      expect((await audioState(page)).src).toMatch(/episode\.mp3$/)
      const firstLine = transcriptRegion(page).getByRole('listitem').first()
      await expect.poll(() => firstLine.textContent()).toContain('Every year, the core developers')
      await expect.poll(() => firstLine.getByRole('heading').textContent()).toBe('Introduction')
      const artwork = await page.evaluate(() =>
        window.castlineE2E!.find('.castline-player__artwork')?.getAttribute('src'),
      )
      expect(artwork).toMatch(/artwork\.svg$/)
      // The JSON transcript's SPEAKER_1 is the feed's host (the page's speakers map), shown with the
      // avatar and role the feed gives.
      const speaker = await page.evaluate(() => {
        const name = window.castlineE2E!.find('.castline-line__speaker-name')
        const row = name?.closest('li')
        return {
          name: name?.textContent,
          role: row?.querySelector('.castline-line__role')?.textContent,
          avatar: row?.querySelector('img.castline-line__avatar')?.getAttribute('src'),
        }
      })
      expect(speaker).toEqual({
        name: 'Michael Kennedy',
        role: expect.stringMatching(/host/),
        avatar: expect.stringMatching(/people\/michael-kennedy\.svg$/),
      })
      const highlights = page.getByRole('list', { name: 'Highlights' }).getByRole('button')
      await expect.poll(() => highlights.count()).toBe(2)
      await highlights.nth(1).click()
      await waitForAudioAt(page, 2385)
      expect(errors).toEqual([])
    } finally {
      await close()
    }
  })

  test('clicking a line far down, after scrolling to it, seeks to its start', async () => {
    const { transcript } = await loadSample()
    const { page, errors, close } = await open()
    try {
      await waitForTranscript(page)
      await expect.poll(async () => (await audioState(page)).readyState).toBeGreaterThanOrEqual(1)
      const target = Math.floor(transcript.cues.length * 0.8)
      const cue = transcript.cues[target]!

      // Scroll the list with the mouse wheel until the line is rendered (the list is virtualized). Steps
      // shorter than the viewport, so the line cannot be jumped over. The first line's box is inside the
      // scrolling viewport, whatever else the region holds.
      const first = (await transcriptRegion(page).getByRole('listitem').first().boundingBox())!
      const region = (await transcriptRegion(page).boundingBox())!
      await page.mouse.move(first.x + first.width / 2, first.y + first.height / 2)
      const step = Math.floor(Math.min(region.height, DESKTOP.height) * 0.5)
      const row = line(page, target)
      for (let i = 0; i < 800 && (await row.count()) === 0; i++) {
        await page.mouse.wheel(0, step)
        await page.waitForTimeout(50)
      }
      expect(await row.count()).toBe(1)
      // The line's text (the class every renderer gives it: TranscriptView hit-tests words in it).
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

  test('searching "Pyodide" finds every cue that says it; next and previous scroll to each match', async () => {
    const { transcript } = await loadSample()
    const matches = searchTranscript(transcript, 'Pyodide')
    // Every cue that contains the word, found independently of core's search.
    const containing = transcript.cues.flatMap((c, i) =>
      c.text.toLowerCase().includes('pyodide') ? [i] : [],
    )
    expect(containing.length).toBeGreaterThan(1)
    expect([...new Set(matches.map((m) => m.cue))]).toEqual(containing)

    const { page, errors, close } = await open()
    try {
      await waitForTranscript(page)
      await showTranscript(page)
      const search = page.getByRole('search')
      await search.getByRole('searchbox', { name: 'Search transcript' }).fill('Pyodide')
      const count = search.getByRole('status')
      await expect.poll(() => count.textContent()).toBe(`1 of ${matches.length}`)

      const current = transcriptRegion(page).locator('mark.castline-match--current')
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

  test('keyboard only: the waveform slider seeks with arrows; Tab into the transcript, arrows move, Enter seeks', async () => {
    const { transcript } = await loadSample()
    const { page, errors, close } = await open()
    try {
      await waitForTranscript(page)
      await waitForAudioAt(page, 0)

      // The waveform: a slider whose value text reads "0 seconds of 1 hour, 12 minutes, 52 seconds"; arrows move by 5 seconds.
      const slider = await tabUntil(page, (f) => f.role === 'slider' && f.valueText.includes(' of '))
      expect(slider.valueText).toMatch(/^0 seconds of /)
      await page.keyboard.press('ArrowRight')
      await page.keyboard.press('ArrowRight')
      await waitForAudioAt(page, 10)
      await expect.poll(async () => (await focused(page)).valueText).toMatch(/^10 seconds of /)
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

  test('#t=600 starts the episode at 10:00, with that line highlighted and in view', async () => {
    const { transcript, index } = await loadSample()
    const { page, errors, close } = await open('#t=600')
    try {
      await waitForTranscript(page)
      await showTranscript(page)
      await waitForAudioAt(page, 600, 0.05)
      const waveform = page.getByRole('slider').and(page.locator('[aria-valuetext*=" of "]'))
      await expect.poll(() => waveform.first().getAttribute('aria-valuetext')).toMatch(/^10 minutes of /)
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
    const { page, errors, close } = await open('#t=12:34')
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
    const { page, errors, close } = await open()
    try {
      await waitForTranscript(page)
      await showTranscript(page)
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

  for (const [name, viewport] of [
    ['desktop', DESKTOP],
    ['phone', PHONE],
  ] as const) {
    test(`axe finds no violations at ${name} width (${viewport.width}x${viewport.height}); screenshot saved`, async () => {
      // As a listener sees it mid-episode: at 11:30 with that line highlighted and the waveform drawn.
      const { page, errors, close } = await open('#t=690', viewport)
      try {
        await waitForTranscript(page)
        await waitForAudioAt(page, 690)
        // On a phone the episode's header and the controls come first and the transcript starts below the
        // fold; a listener scrolls down to it. Its bottom edge at the window's: the whole list is in view.
        await showTranscript(page)
        await expect.poll(() => isInView(activeLineLocator(page))).toBe(true)
        // wavesurfer draws into canvases in its shadow root once it has the peaks.
        await page.locator('canvas').first().waitFor({ state: 'attached' })
        expect(await axeViolations(page)).toEqual([])
        // Nothing wider than the window: the phone layout is one column that fits.
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
        expect(overflow).toBeLessThanOrEqual(0)
        const file = `${screenshotName(player)}-${name}.png`
        await saveScreenshot(page, file)
        expect(errors).toEqual([])
      } finally {
        await close()
      }
    })
  }
})
