/**
 * WaveformView in jsdom without a framework: a fake wavesurfer.js (no canvas here) records what the view
 * asks of it, a fake media element is driven event by event, and animation frames run when the test says.
 */
import { loudnessEnvelope, type Peaks, parsePeaks } from '@castline/core/peaks'
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest'
import {
  MediaStore,
  sliderKeyTarget,
  sliderValues,
  WAVEFORM_UNAVAILABLE,
  type WaveformPeaks,
  WaveformView,
  type WaveformViewOptions,
  type WaveSurferModule,
} from '../src/index.js'
import { FakeMedia } from './fake-media.js'
import * as fakeModule from './fake-wavesurfer.js'
import { type FakeWaveSurfer, instances, resetWaveSurfers } from './fake-wavesurfer.js'

const EPISODE = 4371 // 1:12:51

function peaksOf(length: number): Peaks {
  return parsePeaks(
    JSON.stringify({
      version: 2,
      channels: 1,
      sample_rate: 8000,
      samples_per_pixel: 8000,
      bits: 8,
      length,
      data: Array.from({ length: length * 2 }, (_, i) => (i % 2 === 0 ? -20 : 20)),
    }),
  )
}

/** Animation frames that run only when `runFrames` is called. */
function manualFrames() {
  let next = 1
  const pending = new Map<number, FrameRequestCallback>()
  vi.stubGlobal('requestAnimationFrame', (fn: FrameRequestCallback) => {
    pending.set(next, fn)
    return next++
  })
  vi.stubGlobal('cancelAnimationFrame', (id: number) => pending.delete(id))
  return {
    get pending() {
      return pending.size
    },
    runFrames() {
      const due = [...pending.values()]
      pending.clear()
      for (const fn of due) fn(0)
    },
  }
}

let media: FakeMedia
let store: MediaStore
let seeks: number[]
let root: HTMLElement
let host: HTMLElement
const loadFake = vi.fn(() => Promise.resolve(fakeModule as unknown as WaveSurferModule))

beforeEach(() => {
  resetWaveSurfers()
  loadFake.mockClear()
  media = new FakeMedia()
  store = new MediaStore({ media: media as unknown as HTMLMediaElement })
  seeks = []
  root = document.createElement('div')
  host = document.createElement('div')
  root.append(host)
  document.body.append(root)
  // The wave's box: 1000 px wide from x = 100.
  host.getBoundingClientRect = () => DOMRect.fromRect({ x: 100, y: 0, width: 1000, height: 64 })
  Object.defineProperty(host, 'clientWidth', { value: 1000, configurable: true })
})
afterEach(() => {
  root.remove()
  vi.unstubAllGlobals()
})

function makeView(options: Partial<WaveformViewOptions> = {}) {
  return new WaveformView({
    store,
    seek: (s) => seeks.push(s),
    loadWaveSurfer: loadFake,
    ...options,
  })
}

async function created(count = 1): Promise<FakeWaveSurfer> {
  await vi.waitFor(() => expect(instances).toHaveLength(count))
  return instances[count - 1]!
}

describe('wavesurfer on the shared element', () => {
  test("wavesurfer.js is loaded when the view is mounted, not before, and draws the store's element", async () => {
    const peaks = peaksOf(100)
    const view = makeView({ duration: EPISODE, peaks: { status: 'ready', peaks } })
    view.setOptions({ ...view.options, height: 80 })
    await Promise.resolve()
    expect(loadFake).not.toHaveBeenCalled()
    const cleanup = view.mount({ root, host })
    expect(loadFake).toHaveBeenCalledTimes(1)
    const ws = await created()
    expect(ws.options.media).toBe(media)
    expect(ws.options.container).toBe(host)
    expect(ws.options.interact).toBe(false)
    expect(ws.options.height).toBe(80)
    expect(ws.options.duration).toBe(EPISODE)
    // One bar of loudness for each 3 px bar and 2 px gap across the 1000 px wave, rounded.
    expect(ws.options.peaks).toEqual([loudnessEnvelope(peaks, 200)])
    expect(ws.options).toMatchObject({ barWidth: 3, barGap: 2, barRadius: 1.5 })
    expect(view.waveSurfer).toBe(ws)
    cleanup()
  })

  test('precomputed peaks: new peaks go to the same instance; the same peaks load nothing', async () => {
    media.report('loadstart', { currentSrc: 'https://x/ep.mp3' })
    const loading: WaveformPeaks = { status: 'loading' }
    const view = makeView({ peaks: loading })
    const cleanup = view.mount({ root, host })
    const ws = await created()
    // Loading: a flat line of one point, and no download of the audio.
    expect(ws.options.peaks).toEqual([new Float32Array(1)])
    expect(ws.options.duration).toBe(1)
    const ready: WaveformPeaks = { status: 'ready', peaks: peaksOf(120) }
    view.setOptions({ ...view.options, peaks: ready })
    expect(ws.loads).toHaveLength(0)
    await Promise.resolve()
    expect(ws.loads).toEqual([
      { url: 'https://x/ep.mp3', peaks: [loudnessEnvelope(ready.peaks, 200)], duration: 120 },
    ])
    view.setOptions({ ...view.options, peaks: ready })
    await Promise.resolve()
    expect(ws.loads).toHaveLength(1)
    expect(instances).toHaveLength(1)
    cleanup()
  })

  test("scale 'peak' draws the peaks as given; a new bar width redraws the loudness bars to fit", async () => {
    media.report('loadstart', { currentSrc: 'https://x/ep.mp3' })
    const ready: WaveformPeaks = { status: 'ready', peaks: peaksOf(120) }
    const view = makeView({ peaks: ready, scale: 'peak' })
    const cleanup = view.mount({ root, host })
    const ws = await created()
    expect(ws.options.peaks).toBe(ready.peaks.peaks)
    view.setOptions({ ...view.options, scale: 'loudness' })
    view.update()
    expect(ws.loads.at(-1)?.peaks).toEqual([loudnessEnvelope(ready.peaks, 200)])
    view.setOptions({ ...view.options, barWidth: 8 })
    view.update()
    expect(ws.loads.at(-1)?.peaks).toEqual([loudnessEnvelope(ready.peaks, 100)])
    // The same look again: nothing is redrawn.
    view.setOptions({ ...view.options })
    view.update()
    expect(ws.loads).toHaveLength(2)
    cleanup()
  })

  test('decoded peaks: a new source on the element, heard through the store, is decoded instead', async () => {
    media.report('loadstart', { currentSrc: 'https://x/one.mp3' })
    const view = makeView()
    const cleanup = view.mount({ root, host })
    const ws = await created()
    expect(ws.options.peaks).toBeUndefined()
    // The store's one function is the only listener on the element.
    expect(media.listenerFunctions.size).toBe(1)
    media.report('loadstart', { currentSrc: 'https://x/one.mp3' })
    expect(ws.loads).toHaveLength(0)
    media.report('loadstart', { currentSrc: 'https://x/two.mp3' })
    expect(ws.loads.map((l) => l.url)).toEqual(['https://x/two.mp3'])
    cleanup()
    expect(media.listenerCount).toBe(0)
  })

  test('unmounting destroys wavesurfer and tells onWaveSurfer, and never touches the media', async () => {
    const told: unknown[] = []
    const view = makeView({ onWaveSurfer: (ws) => told.push(ws) })
    const cleanup = view.mount({ root, host })
    const ws = await created()
    expect(told).toEqual([ws])
    cleanup()
    cleanup()
    expect(ws.destroyed).toBe(true)
    expect(told).toEqual([ws, null])
    expect(view.waveSurfer).toBeNull()
    expect(media.requests).toEqual([])
  })

  test('a view unmounted before wavesurfer.js arrives creates nothing', async () => {
    const view = makeView()
    view.mount({ root, host })()
    await loadFake.mock.results[0]!.value
    await Promise.resolve()
    expect(instances).toHaveLength(0)
  })

  test('the look goes to the instance with setOptions, only when it changed; colours from the theme', async () => {
    root.style.setProperty('--castline-wave-color', 'rgb(1, 2, 3)')
    const view = makeView({ progressColor: 'red' })
    const cleanup = view.mount({ root, host })
    const ws = await created()
    expect(ws.options.waveColor).toBe('rgb(1, 2, 3)')
    expect(ws.options.progressColor).toBe('red')
    view.setOptions({ ...view.options })
    await Promise.resolve()
    expect(ws.setOptionsCalls).toHaveLength(0)
    view.setOptions({ ...view.options, barWidth: 3 })
    await Promise.resolve()
    expect(ws.setOptionsCalls).toHaveLength(1)
    expect(ws.setOptionsCalls[0]).toMatchObject({ barWidth: 3, progressColor: 'red' })
    // update() applies at once (an adapter's commit); the microtask after it has nothing left to do.
    view.setOptions({ ...view.options, barGap: 1 })
    view.update()
    expect(ws.setOptionsCalls).toHaveLength(2)
    expect(ws.setOptionsCalls[1]).toMatchObject({ barGap: 1 })
    await Promise.resolve()
    expect(ws.setOptionsCalls).toHaveLength(2)
    cleanup()
  })
})

describe('wavesurfer.js missing', () => {
  test('the snapshot is an error with a message, the console hears once, the slider still seeks', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {})
    const failing = () => Promise.reject(new Error('Could not resolve "wavesurfer.js"'))
    const first = makeView({ peaks: { status: 'ready', peaks: peaksOf(10) }, loadWaveSurfer: failing })
    const second = makeView({ loadWaveSurfer: failing })
    expect(first.getSnapshot()).toEqual({ status: 'ready', message: null, tip: null })
    let heard = 0
    first.subscribe(() => heard++)
    const cleanups = [first.mount({ root, host }), second.mount({ root, host })]
    await vi.waitFor(() => expect(first.getSnapshot().status).toBe('error'))
    await vi.waitFor(() => expect(second.getSnapshot().status).toBe('error'))
    expect(first.getSnapshot().message).toBe(WAVEFORM_UNAVAILABLE)
    expect(heard).toBe(1)
    // One console error per page, whichever view failed first.
    expect(error).toHaveBeenCalledTimes(1)
    expect(String(error.mock.calls[0]![0])).toContain(WAVEFORM_UNAVAILABLE)
    root.dispatchEvent(new KeyboardEvent('keydown', { key: 'End', cancelable: true }))
    expect(seeks.at(-1)).toBe(10)
    for (const c of cleanups) c()
    error.mockRestore()
  })
})

describe('the slider', () => {
  test('keys seek from the position the view is given, within the duration; others pass by', async () => {
    let time = 100
    media.report('durationchange', { duration: EPISODE })
    const view = makeView({ getTime: () => time })
    const cleanup = view.mount({ root, host })
    const press = (key: string, init: KeyboardEventInit = {}) => {
      const event = new KeyboardEvent('keydown', { key, cancelable: true, ...init })
      root.dispatchEvent(event)
      return event.defaultPrevented
    }
    expect(press('ArrowRight')).toBe(true)
    expect(press('ArrowUp')).toBe(true)
    expect(press('ArrowLeft')).toBe(true)
    expect(press('ArrowDown')).toBe(true)
    expect(press('PageUp')).toBe(true)
    expect(press('PageDown')).toBe(true)
    expect(press('Home')).toBe(true)
    expect(press('End')).toBe(true)
    expect(seeks).toEqual([105, 105, 95, 95, 160, 40, 0, EPISODE])
    time = 3
    press('PageDown')
    expect(seeks.at(-1)).toBe(0)
    expect(press('ArrowRight', { ctrlKey: true })).toBe(false)
    expect(press('a')).toBe(false)
    expect(seeks).toHaveLength(9)
    cleanup()
    press('Home')
    expect(seeks).toHaveLength(9)
  })

  test("the duration: the media's when known, else the given one, else the peaks'", () => {
    const view = makeView({ peaks: { status: 'ready', peaks: peaksOf(30) } })
    expect(view.getDuration()).toBe(30)
    view.setOptions({ ...view.options, duration: 40 })
    expect(view.getDuration()).toBe(40)
    media.report('durationchange', { duration: 50 })
    expect(view.getDuration()).toBe(50)
    expect(view.sliderValues(12.7)).toEqual({ min: 0, max: 50, now: 12.7, text: '12 seconds of 50 seconds' })
  })

  test('a drag seeks on press, at most once a frame while moving, and at the release point', () => {
    const frames = manualFrames()
    media.report('durationchange', { duration: 1000 })
    const view = makeView()
    const cleanup = view.mount({ root, host })
    const pointer = (type: string, clientX: number, init: PointerEventInit = {}) =>
      root.dispatchEvent(new PointerEvent(type, { clientX, pointerId: 1, isPrimary: true, ...init }))
    pointer('pointerdown', 350)
    expect(seeks).toEqual([250])
    pointer('pointermove', 400)
    pointer('pointermove', 500)
    pointer('pointermove', 600)
    expect(seeks).toEqual([250])
    expect(frames.pending).toBe(1)
    frames.runFrames()
    expect(seeks).toEqual([250, 500])
    // Beyond the box: clamped to the end; released where the last frame seeked, no second seek.
    pointer('pointermove', 5000)
    frames.runFrames()
    pointer('pointerup', 5000)
    expect(seeks).toEqual([250, 500, 1000])
    // Released elsewhere than the last move: a seek there, and the frame still due is dropped.
    pointer('pointerdown', 100)
    pointer('pointermove', 300)
    pointer('pointerup', 1100)
    expect(frames.pending).toBe(0)
    expect(seeks).toEqual([250, 500, 1000, 0, 1000])
    pointer('pointermove', 700)
    expect(frames.pending).toBe(0)
    // Another button, or a second finger, is not a drag.
    pointer('pointerdown', 600, { button: 2 })
    pointer('pointerdown', 600, { isPrimary: false })
    expect(seeks).toHaveLength(5)
    cleanup()
  })

  test('slider values in whole seconds, the text in words', () => {
    expect(sliderValues(0, EPISODE)).toEqual({
      min: 0,
      max: EPISODE,
      now: 0,
      text: '0 seconds of 1 hour, 12 minutes, 51 seconds',
    })
    expect(sliderValues(5000, 4372.8)).toEqual({
      min: 0,
      max: 4372,
      now: 4372,
      text: '1 hour, 12 minutes, 52 seconds of 1 hour, 12 minutes, 52 seconds',
    })
    expect(sliderValues(75, Number.NaN)).toEqual({ min: 0, max: 75, now: 75, text: '1 minute, 15 seconds' })
    expect(sliderKeyTarget('End', 5, Number.NaN)).toBeNull()
  })
})

describe('snapshots', () => {
  test('the same object while nothing shown changed; new peaks notify in a microtask', async () => {
    const view = makeView({ peaks: { status: 'loading' } })
    const first = view.getSnapshot()
    expect(first).toEqual({ status: 'loading', message: null, tip: null })
    expect(Object.isFrozen(first)).toBe(true)
    let heard = 0
    view.subscribe(() => heard++)
    view.setOptions({ ...view.options, peaks: { status: 'loading' } })
    await Promise.resolve()
    expect(view.getSnapshot()).toBe(first)
    expect(heard).toBe(0)
    view.setOptions({ ...view.options, peaks: { status: 'ready', peaks: peaksOf(5) } })
    expect(heard).toBe(0)
    await Promise.resolve()
    expect(heard).toBe(1)
    expect(view.getSnapshot().status).toBe('ready')
  })
})
