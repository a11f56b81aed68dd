/**
 * What the waveform draws over its wave: the hover/scrub tooltip (pointer x -> time -> label), the
 * buffered ranges and the search hits' ticks, as pure functions and through a mounted WaveformView.
 */
import type { SearchMatch } from '@castline/core'
import type { Chapter } from '@castline/core/chapters'
import { createAdTimeMap } from '@castline/core/links'
import { afterEach, beforeEach, describe, expect, test } from 'vitest'
import {
  bufferedSegments,
  MediaStore,
  pointerFraction,
  searchTicks,
  tipLabel,
  WaveformView,
  type WaveformViewOptions,
  type WaveSurferModule,
} from '../src/index.js'
import { FakeMedia } from './fake-media.js'
import * as fakeModule from './fake-wavesurfer.js'
import { resetWaveSurfers } from './fake-wavesurfer.js'

const CHAPTERS: Chapter[] = [
  { start: 0, title: 'Welcome', toc: true },
  { start: 600, title: 'Sponsor', toc: false },
  { start: 754, title: 'Type hints in anger', toc: true },
]

describe('the tooltip', () => {
  test('pointer x -> fraction along the box, clamped to it; none for an empty box', () => {
    expect(pointerFraction(350, 100, 1000)).toBe(0.25)
    expect(pointerFraction(50, 100, 1000)).toBe(0)
    expect(pointerFraction(5000, 100, 1000)).toBe(1)
    expect(pointerFraction(350, 100, 0)).toBeNull()
    expect(pointerFraction(Number.NaN, 100, 1000)).toBeNull()
  })

  test('the label: the clock time and the listed chapter playing then (a silent one names the one before)', () => {
    expect(tipLabel(754, CHAPTERS)).toBe('12:34 · Type hints in anger')
    expect(tipLabel(700, CHAPTERS)).toBe('11:40 · Welcome')
    expect(tipLabel(4371, [])).toBe('1:12:51')
    expect(tipLabel(-3, CHAPTERS)).toBe('0:00 · Welcome')
  })
})

describe('buffered ranges -> segments', () => {
  test('fractions of the duration, clamped, sorted, merged where they overlap or touch; empty ones dropped', () => {
    expect(
      bufferedSegments(
        [
          [600, 800],
          [0, 100],
          [100, 250],
          [700, 900],
          [950, 1200],
          [300, 300],
        ],
        1000,
      ),
    ).toEqual([
      { from: 0, to: 0.25 },
      { from: 0.6, to: 0.9 },
      { from: 0.95, to: 1 },
    ])
  })

  test('none while the duration is unknown', () => {
    expect(bufferedSegments([[0, 10]], Number.NaN)).toEqual([])
    expect(bufferedSegments([[0, 10]], 0)).toEqual([])
    expect(bufferedSegments([], 100)).toEqual([])
  })
})

describe('search matches -> ticks', () => {
  const match = (cue: number, start = 0): SearchMatch => ({ cue, start, end: start + 1 })

  test("one tick per matched line, at its start's pixel, in order; lines the place does not know are left out", () => {
    const cues = [0, 10, 20, 50, 99.95].map((start) => ({ start }))
    const matches = [match(0), match(1), match(1, 5), match(3), match(4), match(9)]
    const ticks = searchTicks(
      matches,
      (i) => cues[i]?.start,
      (t) => t / 100,
      200,
    )
    // 99.95 s is pixel 199 of 200; cue 9 does not exist.
    expect(ticks).toEqual([0, 0.1, 0.5, 199 / 200])
    expect(
      searchTicks(
        matches,
        (i) => cues[i]?.start,
        () => null,
        200,
      ),
    ).toEqual([])
  })

  test('5,000 matches on a 320 px wave draw at most one tick a pixel', () => {
    const matches = Array.from({ length: 5000 }, (_, i) => match(i))
    const ticks = searchTicks(
      matches,
      (i) => i,
      (t) => t / 5000,
      320,
    )
    expect(ticks).toHaveLength(320)
    expect(new Set(ticks).size).toBe(320)
    expect(ticks.every((at, i) => i === 0 || at > ticks[i - 1]!)).toBe(true)
    // The width not known yet: a wide screen's worth of pixels.
    expect(
      searchTicks(
        matches,
        (i) => i,
        (t) => t / 5000,
        0,
      ),
    ).toHaveLength(1920)
  })
})

describe('through a mounted view', () => {
  let media: FakeMedia
  let store: MediaStore
  let root: HTMLElement
  let host: HTMLElement
  const seeks: number[] = []

  beforeEach(() => {
    resetWaveSurfers()
    seeks.length = 0
    media = new FakeMedia()
    store = new MediaStore({ media: media as unknown as HTMLMediaElement })
    root = document.createElement('div')
    host = document.createElement('div')
    root.append(host)
    document.body.append(root)
    // The wave's box: 1000 px wide from x = 100.
    host.getBoundingClientRect = () => DOMRect.fromRect({ x: 100, y: 0, width: 1000, height: 64 })
    Object.defineProperty(host, 'clientWidth', { value: 1000, configurable: true })
  })
  afterEach(() => root.remove())

  function makeView(options: Partial<WaveformViewOptions> = {}) {
    return new WaveformView({
      store,
      seek: (s) => seeks.push(s),
      loadWaveSurfer: () => Promise.resolve(fakeModule as unknown as WaveSurferModule),
      chapters: CHAPTERS,
      ...options,
    })
  }
  const pointer = (type: string, clientX: number, init: PointerEventInit = {}) =>
    root.dispatchEvent(new PointerEvent(type, { clientX, pointerId: 1, isPrimary: true, ...init }))

  test('the tooltip follows a hovering pointer, stays during a drag outside the box, and goes when it leaves', () => {
    media.report('durationchange', { duration: 1000 })
    const view = makeView()
    let heard = 0
    view.subscribe(() => heard++)
    const cleanup = view.mount({ root, host })
    expect(view.getSnapshot().tip).toBeNull()
    pointer('pointermove', 854)
    expect(view.getSnapshot().tip).toEqual({ at: 0.754, time: 754, label: '12:34 · Type hints in anger' })
    expect(heard).toBe(1)
    // The same place again: nothing new to render.
    pointer('pointermove', 854)
    expect(heard).toBe(1)
    expect(seeks).toEqual([])
    pointer('pointerdown', 350, { pointerType: 'mouse' })
    pointer('pointerleave', 350)
    expect(view.getSnapshot().tip?.label).toBe('4:10 · Welcome')
    pointer('pointermove', 5000)
    expect(view.getSnapshot().tip?.at).toBe(1)
    pointer('pointerup', 5000, { pointerType: 'mouse' })
    expect(view.getSnapshot().tip?.label).toBe('16:40 · Type hints in anger')
    pointer('pointerleave', 5000)
    expect(view.getSnapshot().tip).toBeNull()
    // A finger lifted leaves nothing hovering.
    pointer('pointerdown', 600, { pointerType: 'touch' })
    expect(view.getSnapshot().tip?.time).toBe(500)
    pointer('pointerup', 600, { pointerType: 'touch' })
    expect(view.getSnapshot().tip).toBeNull()
    cleanup()
  })

  test("a key's seek shows the tooltip where it went; leaving the slider's focus hides it", () => {
    media.report('durationchange', { duration: 1000 })
    media.report('timeupdate', { currentTime: 749 })
    const view = makeView()
    const cleanup = view.mount({ root, host })
    root.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight' }))
    expect(seeks).toEqual([754])
    expect(view.getSnapshot().tip).toMatchObject({ time: 754, label: '12:34 · Type hints in anger' })
    root.dispatchEvent(new FocusEvent('focusout'))
    expect(view.getSnapshot().tip).toBeNull()
    cleanup()
  })

  test('no tooltip while the duration is unknown', () => {
    const view = makeView()
    const cleanup = view.mount({ root, host })
    pointer('pointermove', 500)
    expect(view.getSnapshot().tip).toBeNull()
    cleanup()
  })

  test('with an ad break, the wave is audio: segments and ticks sit at audio positions, the tooltip reads transcript time', () => {
    // A 100 s break at 400 s: the audio is 1100 s long, the transcript 1000 s.
    store = new MediaStore({
      media: media as unknown as HTMLMediaElement,
      timeMap: createAdTimeMap([{ at: 400, duration: 100 }]),
    })
    media.report('durationchange', { duration: 1100 })
    const view = makeView({ chapters: [] })
    const cleanup = view.mount({ root, host })
    expect(view.bufferedSegments([[0, 550]])).toEqual([{ from: 0, to: 0.5 }])
    // Line starts at transcript 0 and 450 s: audio 0 and 550 s, pixels 0 and 500 of 1000.
    const cues = [{ start: 0 }, { start: 450 }]
    expect(
      view.searchTicks(
        [
          { cue: 0, start: 0, end: 1 },
          { cue: 1, start: 0, end: 1 },
        ],
        cues,
      ),
    ).toEqual([0, 0.5])
    // Half way along the wave is audio 550 s, 50 s after the break: transcript 450 s.
    pointer('pointermove', 600)
    expect(view.getSnapshot().tip).toMatchObject({ time: 450, label: '7:30' })
    cleanup()
  })
})
