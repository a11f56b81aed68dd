import { expect, test } from 'vitest'
import { openDemo, PHONE, sharedBrowser, waitForTranscript } from './support.js'

const browser = sharedBrowser()

// The demo page's own layout (the listener checks, axe among them, are in listener.e2e.test.ts).
test('the phone layout is a single column: the transcript sits below the header, at full width', async () => {
  const { page, close } = await openDemo(browser(), '', PHONE)
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
