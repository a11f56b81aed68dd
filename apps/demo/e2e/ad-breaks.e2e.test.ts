/**
 * Ad breaks and the Media Session on every player page (player-pages.ts), in Chromium with the sample
 * episode's real audio. For the ad breaks the sample audio stands for audio with an ad: its seconds
 * 300-360 are taken as a 60 s break (the demo's `?ads=300+60`, the plain page's `ad-breaks` attribute),
 * so transcript time t after 300 s plays at audio time t + 60.
 */
import AxeBuilder from '@axe-core/playwright'
import type { Page } from 'playwright-core'
import { describe, expect, test } from 'vitest'
import { PLAYER_PAGES, type PlayerPage } from './player-pages.js'
import {
  activeLine,
  audioState,
  line,
  loadSample,
  openDemo,
  sharedBrowser,
  transcriptRegion,
  waitForAudioAt,
  waitForTranscript,
} from './support.js'

const browser = sharedBrowser()

/** Opens `player` with a 60 s ad break at 300 s of audio: the demo by its URL, the plain page by its attribute. */
async function openWithAds(player: PlayerPage) {
  const opened = await openDemo(browser(), player.path === '' ? '?ads=300%2B60' : player.path)
  if (player.path !== '') {
    await opened.page.evaluate(() =>
      window.castlineE2E!.find('castline-player')!.setAttribute('ad-breaks', '300+60'),
    )
  }
  return opened
}

/** Moves the page's audio to `seconds` of audio time, as the browser's own controls would. */
async function seekAudio(page: Page, seconds: number): Promise<void> {
  await page.evaluate((t) => {
    ;(window.castlineE2E!.find('audio') as HTMLAudioElement).currentTime = t
  }, seconds)
  await waitForAudioAt(page, seconds)
}

describe.each(PLAYER_PAGES)('$name', (player) => {
  test('with an ad break, a line after it seeks the audio to its time + the break; during the break the Ad break row is current', async () => {
    const { transcript, index } = await loadSample()
    const { page, errors, close } = await openWithAds(player)
    try {
      await waitForTranscript(page)
      await expect.poll(async () => (await audioState(page)).readyState).toBeGreaterThanOrEqual(1)
      const adRow = transcriptRegion(page).getByText('Ad break · 1:00')

      // Inside the break (audio 330 s) the row is current, and the list shows it.
      await seekAudio(page, 330)
      await expect.poll(() => adRow.getAttribute('aria-current')).toBe('true')
      await expect.poll(() => adRow.isVisible()).toBe(true)
      // It sits in the row of the first line at or after 300 s of transcript time.
      const headed = transcript.cues.findIndex((c) => c.start >= 300 - 1e-6)
      await expect(line(page, headed).getByText('Ad break · 1:00').count()).resolves.toBe(1)
      // The row, current, leaves the page accessible.
      const axe = await new AxeBuilder({ page }).include('castline-player, .castline-player').analyze()
      expect(
        axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
      ).toEqual([])

      // Audio 400 s is transcript 340 s: that line is the spoken one, the break's row no longer current.
      await seekAudio(page, 400)
      const spoken = index.cueAt(340)
      await expect.poll(async () => (await activeLine(page))?.index).toBe(spoken)
      await expect.poll(() => adRow.getAttribute('aria-current')).toBe(null)

      // A line a few after it: a click seeks the audio to its transcript start + 60 s.
      const target = spoken + 3
      const cue = transcript.cues[target]!
      await line(page, target).locator('.castline-line__text').click()
      await waitForAudioAt(page, cue.start + 60)
      await expect.poll(async () => (await activeLine(page))?.index).toBe(target)
      expect(errors).toEqual([])
    } finally {
      await close()
    }
  })

  test('Media Session metadata follows the chapter', async () => {
    const { page, errors, close } = await openDemo(browser(), player.path)
    try {
      // The sample's chapters with an image for the second chapter (the test's fixture: the file has none),
      // one the page serves (a failed image request would be an error).
      await page.route('**/chapters.json', async (route) => {
        const response = await route.fetch()
        const json = (await response.json()) as { chapters: Array<Record<string, unknown>> }
        json.chapters[1]!.img = '/episodes/talk-python-514/people/seth-michael-larson.svg'
        await route.fulfill({ response, json })
      })
      await page.reload()
      await waitForTranscript(page)
      await expect.poll(async () => (await audioState(page)).readyState).toBeGreaterThanOrEqual(1)
      const metadata = () =>
        page.evaluate(() => {
          const m = navigator.mediaSession.metadata
          return m === null
            ? null
            : { title: m.title, artist: m.artist, artwork: m.artwork.map((a) => a.src) }
        })
      // The show as each page names it (the demo adds the episode's number).
      const show = expect.stringMatching(/^Talk Python To Me/)
      // Before it, the episode's artwork (the feed's image).
      await expect
        .poll(metadata)
        .toEqual({ title: 'Introduction', artist: show, artwork: [expect.stringMatching(/artwork\.svg$/)] })
      await page.getByRole('button', { name: 'Next chapter' }).click()
      await waitForAudioAt(page, 187)
      await expect.poll(metadata).toEqual({
        title: 'What is the Language Summit?',
        artist: show,
        artwork: [expect.stringMatching(/\/episodes\/talk-python-514\/people\/seth-michael-larson\.svg$/)],
      })
      expect(errors).toEqual([])
    } finally {
      await close()
    }
  })
})
