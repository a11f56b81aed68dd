import AxeBuilder from '@axe-core/playwright'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, expect, test } from 'vitest'
import {
  activeLineLocator,
  DESKTOP,
  isInView,
  launchChromium,
  openDemo,
  PHONE,
  saveScreenshot,
  waitForAudioAt,
  waitForTranscript,
} from './support.js'

let browser: Browser
beforeAll(async () => {
  browser = await launchChromium()
})
afterAll(async () => {
  await browser?.close()
})

/** axe's findings in a form that says what to fix when the assertion fails. */
async function axeViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze()
  return results.violations.map(
    (v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
  )
}

/** The page as a listener sees it mid-episode: at 11:30 with that line highlighted and the waveform drawn. */
async function openMidEpisode(viewport: { width: number; height: number }) {
  const demo = await openDemo(browser, '#t=690', viewport)
  await waitForTranscript(demo.page)
  await waitForAudioAt(demo.page, 690)
  await expect.poll(() => isInView(activeLineLocator(demo.page))).toBe(true)
  // wavesurfer draws into canvases in its shadow root once it has the peaks.
  await demo.page.waitForFunction(() =>
    [...document.querySelectorAll('*')].some(
      (el) => (el.shadowRoot?.querySelectorAll('canvas').length ?? 0) > 0,
    ),
  )
  return demo
}

for (const [name, viewport] of [
  ['desktop', DESKTOP],
  ['phone', PHONE],
] as const) {
  test(`axe finds no violations at ${name} width (${viewport.width}x${viewport.height}); screenshot saved`, async () => {
    const { page, errors, close } = await openMidEpisode(viewport)
    try {
      expect(await axeViolations(page)).toEqual([])
      // Nothing wider than the window: the phone layout is one column that fits.
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
      expect(overflow).toBeLessThanOrEqual(0)
      await saveScreenshot(page, `demo-${name}.png`, `demo-${name}.png`)
      expect(errors).toEqual([])
    } finally {
      await close()
    }
  })
}

test('the phone layout is a single column: the transcript sits below the header, at full width', async () => {
  const { page, close } = await openDemo(browser, '', PHONE)
  try {
    await waitForTranscript(page)
    const header = (await page.locator('header').first().boundingBox())!
    const main = (await page.locator('main').boundingBox())!
    const aside = (await page.locator('aside').boundingBox())!
    expect(main.y).toBeGreaterThanOrEqual(header.y + header.height - 1)
    expect(aside.y).toBeGreaterThanOrEqual(main.y + main.height - 1)
    expect(main.width).toBeGreaterThan(PHONE.width * 0.85)
  } finally {
    await close()
  }
})
