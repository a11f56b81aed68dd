/**
 * Sharing a quote (issue 17), on every player page: a range link `#t=a,b&q=words` seeks to a, plays after
 * the listener's first gesture and pauses at b; a link made before an ad break was inserted lands on its
 * words in a transcript shifted by the break; selecting text opens the quote menu, whose "Copy link"
 * writes such a link.
 */
import { readFile } from 'node:fs/promises'
import { describe, expect, test } from 'vitest'
import { PLAYER_PAGES } from './player-pages.js'
import {
  activeLine,
  audioState,
  DESKTOP,
  loadSample,
  openDemo,
  sharedBrowser,
  showTranscript,
  stableBox,
  transcriptRegion,
  waitForAudioAt,
  waitForTranscript,
} from './support.js'

const browser = sharedBrowser()

// The transcript both pages show: the sample feed's first choice.
const TRANSCRIPT = new URL('../public/episodes/talk-python-514/transcript.json', import.meta.url)
/** An ad break of this many seconds inserted at `BREAK` (seconds) in the served transcript. */
const AD = 45
const BREAK = 500

/** The sample's JSON transcript with every segment from `BREAK` on moved `AD` seconds later. */
async function shiftedTranscript(): Promise<string> {
  const json = JSON.parse(await readFile(TRANSCRIPT, 'utf8')) as {
    segments: Array<{ startTime: number; endTime: number }>
  }
  for (const segment of json.segments) {
    if (segment.startTime < BREAK) continue
    segment.startTime += AD
    segment.endTime += AD
  }
  return JSON.stringify(json)
}

/** A line after the break whose first words are said nowhere else (so the link's words name it). */
async function quotedLine(): Promise<{ start: number; end: number; text: string }> {
  const { transcript } = await loadSample()
  const words = (s: string) => s.split(/\s+/).slice(0, 8).join(' ').toLowerCase()
  const cues = transcript.cues
  const cue = cues.find(
    (c) =>
      c.start >= 600 &&
      c.end - c.start >= 3 &&
      c.text.split(/\s+/).length >= 6 &&
      cues.filter((o) => o.text.toLowerCase().includes(words(c.text))).length === 1,
  )
  if (cue === undefined) throw new Error('the sample has no line to quote after 10:00')
  return cue
}

describe.each(PLAYER_PAGES)('$name', (player) => {
  test('a shared range link plays from its start after a first gesture and pauses within 0.3 s of its end', async () => {
    const cue = await quotedLine()
    const a = cue.start
    const b = a + 2.5
    const hash = `#t=${a},${b}&q=${encodeURIComponent(cue.text)}`
    const { page, errors, close } = await openDemo(browser(), `${player.path}${hash}`)
    try {
      await waitForTranscript(page)
      await waitForAudioAt(page, a)
      await expect(activeLine(page)).resolves.toMatchObject({ text: cue.text })
      expect((await audioState(page)).paused).toBe(true)
      // The first gesture: a click on the page's own heading, outside the player.
      await page.getByRole('heading', { level: 1 }).click()
      await page.waitForFunction(
        (end) => {
          const audio = window.castlineE2E!.find('audio') as HTMLAudioElement | null
          return audio?.paused === true && audio.currentTime > end - 1
        },
        b,
        { timeout: 20_000 },
      )
      const { currentTime } = await audioState(page)
      expect(Math.abs(currentTime - b)).toBeLessThanOrEqual(0.3)
      expect(errors).toEqual([])
    } finally {
      await close()
    }
  })

  test('a link made before an ad break was inserted lands on its words in the shifted transcript', async () => {
    const cue = await quotedLine()
    const shifted = await shiftedTranscript()
    const hash = `#t=${cue.start},${cue.end}&q=${encodeURIComponent(cue.text)}`
    const { page, errors, close } = await openDemo(browser(), `${player.path}${hash}`, DESKTOP, (context) =>
      context.route('**/episodes/talk-python-514/transcript.json', (route) =>
        route.fulfill({ status: 200, contentType: 'application/json', body: shifted }),
      ),
    )
    try {
      await waitForTranscript(page)
      // The line at the linked time is another one now: the words are found AD seconds later.
      await waitForAudioAt(page, cue.start + AD)
      await expect(activeLine(page)).resolves.toMatchObject({ text: cue.text })
      expect(errors).toEqual([])
    } finally {
      await close()
    }
  })

  test('selecting a line\u2019s text opens the quote menu; Copy link writes #t=start,end&q=words', async () => {
    const { transcript } = await loadSample()
    const { page, errors, close } = await openDemo(browser(), player.path, DESKTOP, (context) =>
      context.grantPermissions(['clipboard-read', 'clipboard-write']),
    )
    try {
      await waitForTranscript(page)
      // The sample feed's highlights come after the lines and push them down: the drag waits for them.
      await page.locator('.castline-highlights').first().waitFor()
      await showTranscript(page)
      const text = transcriptRegion(page).locator('.castline-line__text').nth(3)
      const box = await stableBox(page, text)
      const y = box.y + Math.min(box.height / 2, 8)
      await page.mouse.move(box.x + 1, y)
      await page.mouse.down()
      await page.mouse.move(box.x + box.width - 1, y, { steps: 5 })
      await page.mouse.up()
      const menu = page.getByRole('group', { name: 'Share the selected quote' })
      await menu.waitFor()
      // The drag selected text: it did not seek.
      expect((await audioState(page)).currentTime).toBe(0)
      await menu.getByRole('button', { name: 'Copy link' }).click()
      await page.getByText('Link copied').waitFor({ state: 'attached' })
      const copied = await page.evaluate(() => navigator.clipboard.readText())
      const index = Number(
        await text.evaluate((el) => el.closest('[data-index]')!.getAttribute('data-index')),
      )
      const cue = transcript.cues[index]!
      const url = new URL(copied)
      expect(url.hash).toMatch(/^#t=[\d.]+,[\d.]+&q=/)
      const [start, end] = url.hash.slice(3, url.hash.indexOf('&')).split(',').map(Number)
      expect(start).toBeCloseTo(cue.start, 3)
      expect(end).toBeGreaterThan(start!)
      expect(decodeURIComponent(url.hash.slice(url.hash.indexOf('&q=') + 3))).toBe(
        cue.text.split(/\s+/).slice(0, 8).join(' '),
      )
      // "Copy quote": the words in quotes, who said them, the link.
      await menu.getByRole('button', { name: 'Copy quote' }).click()
      await page.getByText('Quote copied').waitFor({ state: 'attached' })
      const quote = await page.evaluate(() => navigator.clipboard.readText())
      expect(quote.startsWith('\u201c')).toBe(true)
      expect(quote).toContain(`<${copied}>`)
      // Escape closes the menu.
      await page.keyboard.press('Escape')
      await menu.waitFor({ state: 'detached' })
      expect(errors).toEqual([])
    } finally {
      await close()
    }
  })

  test('the keyboard: Shift+ArrowDown from a focused line selects lines, Tab reaches Copy quote, Escape closes', async () => {
    const { page, errors, close } = await openDemo(browser(), player.path)
    try {
      await waitForTranscript(page)
      await transcriptRegion(page).locator('.castline-line__time').nth(1).focus()
      await page.keyboard.press('Shift+ArrowDown')
      await page.keyboard.press('Shift+ArrowDown')
      const menu = page.getByRole('group', { name: 'Share the selected quote' })
      await menu.waitFor()
      await page.keyboard.press('Tab')
      await expect(page.evaluate(() => window.castlineE2E!.active()?.textContent)).resolves.toBe('Copy quote')
      await page.keyboard.press('Escape')
      await menu.waitFor({ state: 'detached' })
      expect(errors).toEqual([])
    } finally {
      await close()
    }
  })
})
