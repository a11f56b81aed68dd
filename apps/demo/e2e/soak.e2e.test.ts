/**
 * Soak: the whole 72-minute demo episode at 16x (about 4.5 minutes). At every animation frame the page
 * records the media's time and the highlighted line; each must be the cue at that time, or at the time
 * of the frame before (the highlight follows the media one frame behind at most; on a machine shared
 * with other work one frame in a thousand may be one more frame late). At the end, after a
 * forced collection, the JS heap is within 10 MB of where it was after the episode had loaded.
 *
 * Its own command (`pnpm soak`); CI runs it with the rest of the e2e project.
 */
import type { Browser, CDPSession } from 'playwright-core'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { launchChromium, loadSample, openDemo, play, waitForAudioAt, waitForTranscript } from './support.js'

const RATE = 16
const MAX_HEAP_GROWTH = 10 * 1024 * 1024

let browser: Browser
beforeAll(async () => {
  browser = await launchChromium()
})
afterAll(async () => {
  await browser?.close()
})

async function heapAfterGc(cdp: CDPSession): Promise<number> {
  // Twice: a first collection can leave garbage that only a second one frees (weak references, finalizers).
  await cdp.send('HeapProfiler.collectGarbage')
  await cdp.send('HeapProfiler.collectGarbage')
  const { usedSize } = await cdp.send('Runtime.getHeapUsage')
  return usedSize
}

test('the whole episode at 16x: the highlight is the cue at the current time at every frame, and the heap does not grow', {
  timeout: 420_000,
}, async () => {
  const { index, duration } = await loadSample()
  const { page, errors, close } = await openDemo(browser)
  try {
    const cdp = await page.context().newCDPSession(page)
    await cdp.send('HeapProfiler.enable')
    await waitForTranscript(page)
    await waitForAudioAt(page, 0)
    const heapBefore = await heapAfterGc(cdp)

    // One sample a frame, in the page: [media time, highlighted cue index].
    await page.evaluate((rate) => {
      const audio = document.querySelector('audio')!
      const samples: number[] = []
      ;(window as unknown as { __soak: number[] }).__soak = samples
      const frame = () => {
        if (audio.ended) return
        const row = document.querySelector('.castline-line[aria-current="true"]')
        if (!audio.paused && !audio.seeking) {
          samples.push(audio.currentTime, row === null ? -1 : Number(row.getAttribute('aria-posinset')) - 1)
        }
        requestAnimationFrame(frame)
      }
      requestAnimationFrame(frame)
      audio.playbackRate = rate
    }, RATE)
    await play(page)
    const started = Date.now()
    await page.waitForFunction(() => document.querySelector('audio')?.ended === true, undefined, {
      timeout: 400_000,
      polling: 1000,
    })
    const seconds = (Date.now() - started) / 1000

    const flat = await page.evaluate(() => (window as unknown as { __soak: number[] }).__soak)
    // Stop sampling before measuring the heap: the samples are the test's, not the player's.
    await page.evaluate(() => {
      ;(window as unknown as { __soak: number[] | null }).__soak = null
    })
    const heapAfter = await heapAfterGc(cdp)

    // A frame is a mismatch when its line is neither the cue at its time nor at the previous frame's.
    // On a loaded machine React's commit can slip one more frame behind now and then: such a frame must
    // still show the cue of two frames before, and they must stay rare (one in a thousand).
    let mismatches = 0
    const examples: string[] = []
    for (let k = 4; k < flat.length; k += 2) {
      const time = flat[k]!
      const shown = flat[k + 1]!
      if (shown === index.cueAt(time) || shown === index.cueAt(flat[k - 2]!)) continue
      mismatches++
      if (shown !== index.cueAt(flat[k - 4]!) && examples.length < 5) {
        examples.push(`at ${time.toFixed(3)} s line ${shown}, expected ${index.cueAt(time)}`)
      }
    }
    const frames = flat.length / 2
    const delta = heapAfter - heapBefore
    console.log(
      `soak: ${duration.toFixed(0)} s of audio at ${RATE}x in ${seconds.toFixed(0)} s, ${frames} frames sampled, ` +
        `${mismatches} mismatches (one frame late); heap ${(heapBefore / 1e6).toFixed(1)} MB -> ${(heapAfter / 1e6).toFixed(1)} MB ` +
        `(${delta >= 0 ? '+' : ''}${(delta / 1e6).toFixed(2)} MB)`,
    )
    // At least one frame per second of wall time, so that "every frame" covers the whole episode.
    expect(frames).toBeGreaterThan(seconds)
    expect(examples, 'frames more than two frames behind').toEqual([])
    expect(mismatches, `frames one frame late, of ${frames}`).toBeLessThanOrEqual(Math.ceil(frames / 1000))
    expect(Math.abs(delta)).toBeLessThanOrEqual(MAX_HEAP_GROWTH)
    expect(errors).toEqual([])
  } finally {
    await close()
  }
})
