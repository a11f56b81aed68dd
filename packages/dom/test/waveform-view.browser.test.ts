/**
 * WaveformView and PlayerShortcuts in Chromium without a framework: real wavesurfer.js drawing a real
 * <audio> element that plays real audio (a tone rendered in the page). Waits are for what the page shows
 * or the element reports (`expect.poll`), never for a length of time.
 */
import { parsePeaks } from '@castline/core/peaks'
import { afterEach, beforeEach, expect, test } from 'vitest'
import { userEvent } from 'vitest/browser'
import { MediaStore, PlayerShortcuts, type WaveformPeaks, WaveformView } from '../src/index.js'
import { type AudioFixture, makeAudioFixture } from './audio-fixture.js'

const SECONDS = 6
const wait = { timeout: 10_000 }

let audio: AudioFixture
let element: HTMLAudioElement
let root: HTMLDivElement
let host: HTMLDivElement
let store: MediaStore
let decodes: number
let restoreDecode: () => void

beforeEach(async () => {
  audio = await makeAudioFixture(SECONDS)
  element = document.createElement('audio')
  element.preload = 'auto'
  document.body.append(element)
  root = document.createElement('div')
  root.tabIndex = 0
  root.setAttribute('role', 'slider')
  root.style.width = '600px'
  host = document.createElement('div')
  root.append(host)
  document.body.append(root)
  store = new MediaStore({ media: element })
  const proto = BaseAudioContext.prototype
  const decode = proto.decodeAudioData
  decodes = 0
  proto.decodeAudioData = function (this: BaseAudioContext, ...args: Parameters<typeof decode>) {
    decodes++
    return decode.apply(this, args)
  } as typeof decode
  restoreDecode = () => {
    proto.decodeAudioData = decode
  }
})
afterEach(() => {
  restoreDecode()
  element.pause()
  element.remove()
  root.remove()
  audio.release()
})

/** Pixels with any opacity on wavesurfer's canvases (inside its shadow root, in the host). */
function paintedPixels(): number {
  let painted = 0
  for (const el of host.children) {
    for (const canvas of el.shadowRoot?.querySelectorAll('canvas') ?? []) {
      if (canvas.width === 0 || canvas.height === 0) continue
      const data = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data
      for (let i = 3; i < data.length; i += 4) if (data[i]! > 0) painted++
    }
  }
  return painted
}

test('precomputed peaks: drawn without decoding; keys and a click seek the real element', async () => {
  const peaks: WaveformPeaks = { status: 'ready', peaks: parsePeaks(audio.peaksJson) }
  const view = new WaveformView({ store, seek: (s) => store.seek(s), peaks, duration: audio.duration })
  element.src = audio.url
  const cleanup = view.mount({ root, host })
  await expect.poll(() => view.waveSurfer !== null, wait).toBe(true)
  await expect.poll(paintedPixels, wait).toBeGreaterThan(0)
  expect(view.getSnapshot()).toEqual({ status: 'ready', message: null, tip: null })
  await expect.poll(() => store.getSnapshot().duration, wait).toBeCloseTo(SECONDS, 1)

  root.focus()
  await userEvent.keyboard('{End}')
  await expect.poll(() => element.currentTime, wait).toBeCloseTo(SECONDS, 1)
  await userEvent.keyboard('{Home}')
  await expect.poll(() => element.currentTime, wait).toBe(0)
  await userEvent.keyboard('{ArrowRight}')
  await expect.poll(() => element.currentTime, wait).toBe(5)

  // A click at the middle of the wave: half the duration.
  const rect = host.getBoundingClientRect()
  await userEvent.click(root, { position: { x: rect.width / 2, y: rect.height / 2 } })
  await expect.poll(() => element.currentTime, wait).toBeCloseTo(SECONDS / 2, 0)
  expect(decodes).toBe(0)

  cleanup()
  expect(host.children).toHaveLength(0)
  // The element is the page's: still there, with its source, and it still plays.
  expect(element.isConnected).toBe(true)
  expect(element.src).toBe(audio.url)
  await element.play()
  await expect.poll(() => element.paused, wait).toBe(false)
})

test("decoded peaks: wavesurfer decodes the element's source and draws it; the player shortcuts seek it", async () => {
  const view = new WaveformView({ store, seek: (s) => store.seek(s) })
  const shortcuts = new PlayerShortcuts({
    getTime: () => store.getTime(),
    seek: (s) => store.seek(s),
    togglePlay: () => (store.getSnapshot().paused ? void store.play() : store.pause()),
  })
  element.src = audio.url
  const cleanup = view.mount({ root, host })
  const section = document.createElement('section')
  const plain = document.createElement('button')
  plain.textContent = 'plain'
  section.append(plain)
  document.body.append(section)
  const offKeys = shortcuts.mount(section)
  await expect.poll(() => decodes, wait).toBeGreaterThan(0)
  await expect.poll(paintedPixels, wait).toBeGreaterThan(0)
  expect(view.getSnapshot()).toEqual({ status: 'none', message: null, tip: null })

  plain.focus()
  await userEvent.keyboard('l')
  await expect.poll(() => element.currentTime, wait).toBeCloseTo(SECONDS, 1)
  await userEvent.keyboard('j')
  await expect.poll(() => element.currentTime, wait).toBe(0)
  await userEvent.keyboard('k')
  await expect.poll(() => store.getSnapshot().paused, wait).toBe(false)
  await userEvent.keyboard('k')
  await expect.poll(() => store.getSnapshot().paused, wait).toBe(true)

  offKeys()
  section.remove()
  cleanup()
  expect(element.src).toBe(audio.url)
})
