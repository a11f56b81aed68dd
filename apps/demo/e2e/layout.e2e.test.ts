import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { launchChromium, openDemo, PHONE, waitForTranscript } from './support.js'

let browser: Browser
beforeAll(async () => {
  browser = await launchChromium()
})
afterAll(async () => {
  await browser?.close()
})

// The demo page's own layout (the listener checks, axe among them, are in listener.e2e.test.ts).
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
