/**
 * The built demo on a strict page: a Content-Security-Policy without 'unsafe-inline' scripts or
 * 'unsafe-eval', with `require-trusted-types-for 'script'`. It plays and follows, a hostile transcript
 * linked by URL parameters stays text, and no policy is violated (Chromium reports a violation as a
 * console error and a `securitypolicyviolation` event; a blocked Trusted Types sink also throws).
 */
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { STRICT_CSP, type StaticServer, serveStatic } from './static-server.js'
import {
  loadSample,
  openDemo,
  play,
  sampleSync,
  sharedBrowser,
  transcriptRegion,
  waitForPlayback,
  waitForTranscript,
  watchViolations,
} from './support.js'

const browser = sharedBrowser()
let strict: StaticServer
beforeAll(async () => {
  // The same build the other tests use (global-setup.ts), served with the strict policy.
  strict = await serveStatic(fileURLToPath(new URL('../dist', import.meta.url)), { csp: STRICT_CSP })
})
afterAll(async () => {
  await strict?.close()
})

test('under the strict policy the header arrives, the demo plays and the highlight follows', async () => {
  const { index } = await loadSample()
  const { page, errors, close } = await openDemo(browser(), `${strict.url}#t=120`)
  try {
    const response = await page.request.get(strict.url)
    expect(response.headers()['content-security-policy']).toBe(STRICT_CSP)
    const violations = await watchViolations(page)
    await waitForTranscript(page)
    // The waveform (wavesurfer, which writes its shadow DOM with innerHTML) has drawn.
    await page.waitForFunction(
      () =>
        document.querySelector('.castline-waveform__wave > *')?.shadowRoot?.querySelector('canvas') != null,
    )
    await play(page)
    await waitForPlayback(page, 122)
    for (let i = 0; i < 4; i++) {
      const s = await sampleSync(page)
      expect(s.paused).toBe(false)
      expect([s.before, s.after, s.before - 0.2, s.after + 0.05].map((t) => index.cueAt(t))).toContain(
        s.index,
      )
      await page.waitForTimeout(300)
    }
    expect(await violations()).toEqual([])
    expect(errors).toEqual([])
  } finally {
    await close()
  }
})

test('a hostile transcript linked by URL parameters is shown as text on the strict page', async () => {
  const trap = '/__castline_hostile__/'
  const hostile = [
    'WEBVTT',
    '',
    'STYLE',
    `::cue { background-image: url(${trap}cue.png) }`,
    '',
    '00:00:00.000 --> 00:00:02.000',
    `<v Eve &lt;img src=${trap}v.png onerror=alert(1)&gt;>&lt;script&gt;alert(2)&lt;/script&gt;`,
    '',
    '00:00:02.000 --> 00:00:04.000',
    `&lt;img src=${trap}img.png onerror=alert(3)&gt; javascript:alert(4)`,
    '',
  ].join('\n')
  const query = new URLSearchParams({
    audio: 'episodes/talk-python-514/excerpt.mp3',
    transcript: 'hostile/transcript.vtt',
    title: `<img src=${trap}title.png onerror=alert(5)>`,
  })
  const { page, errors, close } = await openDemo(browser(), 'about:blank')
  const requested: string[] = []
  const dialogs: string[] = []
  try {
    page.on('request', (r) => {
      if (r.url().includes(trap)) requested.push(r.url())
    })
    page.on('dialog', (d) => {
      dialogs.push(d.message())
      void d.dismiss()
    })
    // The transcript is served from the page's own origin, as a hosted file would be.
    await page.route('**/hostile/transcript.vtt', (route) =>
      route.fulfill({ status: 200, contentType: 'text/vtt; charset=utf-8', body: hostile }),
    )
    await page.goto(`${strict.url}?${query}`)
    const violations = await watchViolations(page)
    await waitForTranscript(page)
    const region = transcriptRegion(page)
    await expect(region.locator('.castline-line__text').first().textContent()).resolves.toBe(
      '<script>alert(2)</script>',
    )
    await expect(region.locator('.castline-line__speaker').first().textContent()).resolves.toContain(
      `Eve <img src=${trap}v.png`,
    )
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(query.get('title'))
    // No element came out of the text (in the light DOM: Playwright's locators would also see the
    // waveform's own <style> in its shadow root).
    const injected = await page.evaluate(
      () => document.body.querySelectorAll('img, script, iframe, style, object, embed, svg image').length,
    )
    expect(injected).toBe(0)
    await page.waitForTimeout(500)
    expect(dialogs).toEqual([])
    expect(requested).toEqual([])
    expect(await violations()).toEqual([])
    expect(errors).toEqual([])
  } finally {
    await close()
  }
})
