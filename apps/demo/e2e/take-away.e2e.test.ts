/**
 * Taking the transcript away, on every player page (player-pages.ts): each download of the transcript
 * menu (Text, WebVTT, SRT, JSON) is a file that core's `parseTranscript` reads back as the cues the
 * player loaded; printing renders every line of the sample (1,074) with the controls not displayed.
 */
import { readFile } from 'node:fs/promises'
import type { Transcript } from '@castline/core'
import { parseTranscript } from '@castline/core/formats'
import { describe, expect, test } from 'vitest'
import { PLAYER_PAGES } from './player-pages.js'
import { loadSample, openDemo, sharedBrowser, transcriptRegion, waitForTranscript } from './support.js'

const browser = sharedBrowser()

/** Times to the millisecond, as every format writes them. */
const ms = (seconds: number) => Math.round(seconds * 1000)
const cuesOf = (t: Transcript) =>
  t.cues.map((c) => ({ start: ms(c.start), end: ms(c.end), text: c.text, speaker: c.speaker }))

describe.each(PLAYER_PAGES)('$name', (player) => {
  test('downloads parse back to the same cues (Text, WebVTT, SRT, JSON)', async () => {
    const sample = await loadSample()
    const demo = await openDemo(browser(), player.path)
    try {
      const { page } = demo
      await waitForTranscript(page)
      await page.getByText('Transcript', { exact: true }).and(page.locator('summary')).click()
      for (const [label, extension] of [
        ['Text', 'txt'],
        ['WebVTT', 'vtt'],
        ['SRT', 'srt'],
        ['JSON', 'json'],
      ] as const) {
        const [download] = await Promise.all([
          page.waitForEvent('download'),
          page.getByRole('button', { name: `Download as ${label}` }).click(),
        ])
        expect(download.suggestedFilename()).toBe(`Python-Language-Summit-2025.${extension}`)
        const back = parseTranscript(await readFile(await download.path(), 'utf8'))
        expect(back.cues).toHaveLength(1074)
        if (label === 'Text') {
          // The text format has no end times (its reader infers them): starts, text and speakers.
          expect(back.cues.map((c) => [ms(c.start), c.text, c.speaker])).toEqual(
            sample.transcript.cues.map((c) => [ms(c.start), c.text, c.speaker]),
          )
        } else {
          expect(cuesOf(back)).toEqual(cuesOf(sample.transcript))
        }
        await expect
          .poll(() => page.getByRole('status').filter({ hasText: 'Downloaded' }).textContent())
          .toBe(`Downloaded Python-Language-Summit-2025.${extension}`)
      }
      expect(demo.errors).toEqual([])
    } finally {
      await demo.close()
    }
  })

  test('print: all 1,074 lines in the DOM, the controls, waveform, search and menu not displayed', async () => {
    const demo = await openDemo(browser(), player.path)
    try {
      const { page } = demo
      await waitForTranscript(page)
      const rows = () => page.evaluate(() => window.castlineE2E!.findAll('[data-index]').length)
      expect(await rows()).toBeLessThan(1074)
      await page.emulateMedia({ media: 'print' })
      await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')))
      await expect.poll(rows).toBe(1074)
      const shown = await page.evaluate(() =>
        Object.fromEntries(
          ['.castline-controls', '.castline-waveform', '.castline-search', '.castline-takeaway'].map((s) => [
            s,
            window.castlineE2E!.find(s)?.checkVisibility() ?? null,
          ]),
        ),
      )
      expect(shown).toEqual({
        '.castline-controls': false,
        '.castline-waveform': false,
        '.castline-search': false,
        '.castline-takeaway': false,
      })
      // The lines are in normal flow, one after another, with their times and text shown.
      const last = transcriptRegion(page).locator('[aria-posinset="1074"]')
      expect(await last.locator('.castline-line__time').isVisible()).toBe(true)
      const flow = await page.evaluate(() => {
        const [a, b] = window.castlineE2E!.findAll('[data-index="0"], [data-index="1"]')
        return {
          position: getComputedStyle(a!).position,
          ordered: b!.getBoundingClientRect().top > a!.getBoundingClientRect().top,
        }
      })
      expect(flow).toEqual({ position: 'static', ordered: true })
      await page.emulateMedia({ media: 'screen' })
      await page.evaluate(() => window.dispatchEvent(new Event('afterprint')))
      await expect.poll(rows).toBeLessThan(1074)
      expect(demo.errors).toEqual([])
    } finally {
      await demo.close()
    }
  })
})
