import type { Cue, Transcript } from '@castline/core'
import { act, type RenderResult, render } from '@testing-library/react'
import type { ReactElement } from 'react'
import { afterEach, beforeEach, vi } from 'vitest'
import { type FakeMedia, fakeMedia, installFakeMedia } from './fake-media.js'

/** A transcript of `count` generated lines, `seconds` apart, speakers changing every `run` lines. */
export function generateTranscript(
  count: number,
  options: { seconds?: number; run?: number; words?: boolean; text?: (i: number) => string } = {},
): Transcript {
  const seconds = options.seconds ?? 2
  const run = options.run ?? 3
  const speakers = ['Michael', 'Sofia', 'Ada']
  const cues: Cue[] = []
  for (let i = 0; i < count; i++) {
    const start = i * seconds
    const text = options.text?.(i) ?? `Line number ${i} says something worth hearing`
    const cue: Cue = {
      start,
      end: start + seconds,
      text,
      speaker: speakers[Math.floor(i / run) % speakers.length]!,
    }
    if (options.words === true) {
      const parts = text.split(' ')
      const step = seconds / parts.length
      cue.words = parts.map((w, k) => ({ start: start + k * step, end: start + (k + 1) * step, text: w }))
    }
    cues.push(cue)
  }
  return {
    format: 'vtt',
    cues,
    warnings: [],
    speakers: speakers.slice(0, Math.min(3, Math.ceil(count / run))),
    wordLevel: options.words === true,
    duration: count * seconds,
  }
}

/**
 * Lets a freshly rendered provider settle: the controller takes a new transcript in a transition after the
 * first render, and subscribers hear of the resulting snapshot in a microtask.
 */
export function settled(): Promise<void> {
  return act(async () => {})
}

/**
 * Lets a freshly rendered transcript list finish mounting (after `settled`): it turns virtual in a 0 ms
 * timer after its first commits. That timer runs here inside act, so the transition it starts is rendered
 * before the test goes on; left to itself it would render in React's scheduler, in slices of a few
 * milliseconds of real time, which a busy machine spreads over more tasks than a test waits for. With
 * `useFakeClocks`, `settleFrames` does it.
 */
export async function listMounted(): Promise<void> {
  if (vi.isFakeTimers()) return settleFrames()
  await act(() => new Promise<void>((resolve) => setTimeout(resolve, 0)))
}

/**
 * Puts the clocks that code under test schedules work on under the test's control: timers, animation
 * frames and the time they read (performance.now, Date). Microtasks and setImmediate stay real, for
 * React's act and scheduler. jsdom's own animation frames run on a real 16 ms interval, which makes any
 * work a frame finishes (TanStack Virtual re-aims a scroll in frames until it holds) race the test.
 */
export function useFakeClocks(): void {
  vi.useFakeTimers({
    toFake: [
      'setTimeout',
      'clearTimeout',
      'setInterval',
      'clearInterval',
      'requestAnimationFrame',
      'cancelAnimationFrame',
      'performance',
      'Date',
    ],
  })
}

/**
 * With `useFakeClocks`: runs timers and animation frames one frame (16 ms) at a time, each frame in act
 * so that the renders and effects it causes happen before the next, until none is pending. What a test
 * then reads is where things come to rest: the list's mount steps done, every scroll re-aimed to its
 * line, the virtualizer's end-of-scroll timer (150 ms) run. Fails if work keeps being scheduled.
 */
export async function settleFrames(maxFrames = 200): Promise<void> {
  for (let frame = 0; vi.getTimerCount() > 0; frame++) {
    if (frame === maxFrames)
      throw new Error(`${vi.getTimerCount()} timers still pending after ${maxFrames} frames`)
    await act(async () => {
      vi.advanceTimersToNextFrame()
    })
  }
}

/**
 * With `useFakeClocks`: waits for `task` (a user-event call) while running timers, a millisecond at a
 * time. Testing Library ends each user-event call with a 0 ms timer, which would never run otherwise.
 */
export async function whileClocksRun<T>(task: Promise<T>, maxMs = 1000): Promise<T> {
  let done = false
  const finished = task.finally(() => {
    done = true
  })
  for (let ms = 0; !done; ms++) {
    if (ms === maxMs) throw new Error(`still waiting after ${maxMs} ms of fake time`)
    await vi.advanceTimersByTimeAsync(1)
  }
  return finished
}

/**
 * jsdom has no layout: give the transcript viewport a height and every line a height, and make
 * `scrollTo` move `scrollTop` and fire `scroll` as a browser would. Returns the restore function.
 */
export function mockLayout(options: { viewport?: number; row?: number } = {}): () => void {
  const viewport = options.viewport ?? 400
  const row = options.row ?? 40
  const proto = HTMLElement.prototype
  const saved = {
    clientHeight: Object.getOwnPropertyDescriptor(proto, 'clientHeight'),
    clientWidth: Object.getOwnPropertyDescriptor(proto, 'clientWidth'),
    offsetHeight: Object.getOwnPropertyDescriptor(proto, 'offsetHeight'),
    scrollHeight: Object.getOwnPropertyDescriptor(Element.prototype, 'scrollHeight'),
    scrollTo: Object.getOwnPropertyDescriptor(proto, 'scrollTo'),
  }
  Object.defineProperty(proto, 'clientHeight', {
    configurable: true,
    get(this: HTMLElement) {
      return this.classList.contains('castline-transcript__viewport') ? viewport : 0
    },
  })
  Object.defineProperty(proto, 'clientWidth', {
    configurable: true,
    get(this: HTMLElement) {
      return this.classList.contains('castline-transcript__viewport') ? 600 : 0
    },
  })
  Object.defineProperty(proto, 'offsetHeight', {
    configurable: true,
    get(this: HTMLElement) {
      return this.classList.contains('castline-line') ? row : 0
    },
  })
  Object.defineProperty(proto, 'scrollHeight', {
    configurable: true,
    get(this: HTMLElement) {
      // The viewport's content is the list, whose height the virtualizer sets.
      const list = this.firstElementChild as HTMLElement | null
      return this.classList.contains('castline-transcript__viewport')
        ? Number.parseFloat(list?.style.height ?? '') || 0
        : 0
    },
  })
  Object.defineProperty(proto, 'scrollTo', {
    configurable: true,
    writable: true,
    value(this: HTMLElement, arg: ScrollToOptions | number, y?: number) {
      const top = typeof arg === 'number' ? (y ?? 0) : (arg.top ?? this.scrollTop)
      this.scrollTop = Math.max(0, top)
      this.dispatchEvent(new Event('scroll'))
    },
  })
  return () => {
    for (const [key, desc] of Object.entries(saved)) {
      if (desc === undefined || key === 'scrollHeight')
        delete (proto as unknown as Record<string, unknown>)[key]
      else Object.defineProperty(proto, key, desc)
    }
  }
}

/** Where the virtualizer placed a line: the y of its transform, in pixels from the list's top. */
export function lineTop(line: HTMLElement): number {
  const m = /translate3d\(0(?:px)?, ([-\d.]+)px/.exec(line.style.transform)
  if (m === null) throw new Error(`line not positioned: "${line.style.transform}"`)
  return Number(m[1])
}

/**
 * Runs each test of the file on a fake page: media elements on the fake media (`installFakeMedia`), the
 * transcript on the fake layout (`mockLayout`); both restored after each test, and stubbed globals too.
 */
export function fakePlayerPage(): void {
  let restoreMedia: () => void = () => {}
  let restoreLayout: () => void = () => {}
  beforeEach(() => {
    restoreMedia = installFakeMedia()
    restoreLayout = mockLayout()
  })
  afterEach(() => {
    restoreMedia()
    restoreLayout()
    vi.unstubAllGlobals()
  })
}

/**
 * Renders `ui` (a player with its own `<audio>`), has that audio load metadata of `duration` seconds and
 * lets the provider settle and the list mount; returns the render result and the audio's fake.
 */
export async function renderLoaded(
  ui: ReactElement,
  duration: number,
): Promise<RenderResult & { media: FakeMedia }> {
  const result = render(ui)
  const media = fakeMedia(result.container.querySelector('audio')!)
  act(() => media.loadMetadata(duration))
  await settled()
  await listMounted()
  return { ...result, media }
}
