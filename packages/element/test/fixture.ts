/**
 * What the element tests share: the page each test runs on (fake layout and clocks, emptied after), a
 * jsdom `<audio>` whose state the test sets (jsdom plays nothing), a `<castline-player>` whose own audio
 * runs on a clock the test moves, a stubbed `fetch` serving files by URL, the shadow-root queries a
 * role-based locator would make, and a way to run the transcript's staged mount (fake timers) to its end.
 */
import type { Cue, Transcript } from '@castline/core'
import { afterEach, beforeEach, vi } from 'vitest'
import type { CastlinePlayerElement } from '../src/index.js'

/**
 * Runs each test of the file on a fake page: jsdom gets a layout (`fakeLayout`) and the test drives the
 * timers and animation frames; afterwards the body is emptied, stubbed globals are restored and the real
 * timers are back.
 */
export function useFakePage(): void {
  let restoreLayout: () => void = () => {}
  beforeEach(() => {
    restoreLayout = fakeLayout()
    vi.useFakeTimers({
      toFake: ['setTimeout', 'clearTimeout', 'requestAnimationFrame', 'cancelAnimationFrame', 'performance'],
    })
  })
  afterEach(() => {
    restoreLayout()
    document.body.replaceChildren()
    vi.unstubAllGlobals()
    vi.useRealTimers()
  })
}

/** A page `<audio>` whose time, duration and playback the test moves by hand. */
export interface DrivenAudio {
  audio: HTMLAudioElement
  /** Moves the time as a finished seek: `seeking`, then `seeked`. */
  seek(seconds: number): void
  /** How often `play()` was asked for. */
  plays: number
  /** The times the page asked the element to seek to. */
  seeks: number[]
}

export function drivenAudio(id = 'a'): DrivenAudio {
  const audio = document.createElement('audio')
  audio.id = id
  let time = 0
  let paused = true
  const driven: DrivenAudio = {
    audio,
    plays: 0,
    seeks: [],
    seek(seconds) {
      time = seconds
      audio.dispatchEvent(new Event('seeking'))
      audio.dispatchEvent(new Event('seeked'))
    },
  }
  Object.defineProperties(audio, {
    currentTime: {
      configurable: true,
      get: () => time,
      set: (t: number) => {
        driven.seeks.push(t)
        time = t
        audio.dispatchEvent(new Event('seeking'))
      },
    },
    duration: { configurable: true, get: () => 100 },
    paused: { configurable: true, get: () => paused },
  })
  audio.play = () => {
    driven.plays++
    paused = false
    audio.dispatchEvent(new Event('play'))
    return Promise.resolve()
  }
  audio.pause = () => {
    paused = true
    audio.dispatchEvent(new Event('pause'))
  }
  document.body.append(audio)
  return driven
}

/** A connected `<castline-player>` whose own `<audio>` runs on a clock the test moves. */
export interface DrivenPlayer {
  el: CastlinePlayerElement
  /** The times the player asked its audio to seek to (each seek completes: `seeking`, then `seeked`). */
  seeks: number[]
  /** How often the player called its audio's `play()` and `pause()`. */
  calls: { play: number; pause: number }
  /** Moves the time to `seconds` as playback does (`timeupdate`), then settles. */
  moveTo(seconds: number): Promise<void>
  /** Plays `seconds` on, a tenth of a second a frame. */
  playFor(seconds: number): Promise<void>
}

/**
 * Connects a `<castline-player src="/ep.mp3" deep-link="off">` after `setup` (which sets what the test
 * needs before it connects) over a page-driven clock: its audio's time moves only when the test or the
 * player sets it, `play()`/`pause()` flip `paused` with their events, and with `duration` the audio
 * reports that length (announced by `durationchange`). Returns once the staged mount has settled.
 */
export async function drivenPlayer(
  setup: (el: CastlinePlayerElement) => void = () => {},
  duration?: number,
): Promise<DrivenPlayer> {
  const el = document.createElement('castline-player')
  el.setAttribute('src', '/ep.mp3')
  el.setAttribute('deep-link', 'off')
  setup(el)
  const media = el.media
  let time = 0
  let paused = true
  const seeks: number[] = []
  const calls = { play: 0, pause: 0 }
  Object.defineProperties(media, {
    currentTime: {
      configurable: true,
      get: () => time,
      set: (t: number) => {
        seeks.push(t)
        time = t
        media.dispatchEvent(new Event('seeking'))
        media.dispatchEvent(new Event('seeked'))
      },
    },
    paused: { configurable: true, get: () => paused },
  })
  if (duration !== undefined)
    Object.defineProperty(media, 'duration', { configurable: true, get: () => duration })
  media.play = async () => {
    calls.play++
    paused = false
    media.dispatchEvent(new Event('play'))
    media.dispatchEvent(new Event('playing'))
  }
  media.pause = () => {
    calls.pause++
    paused = true
    media.dispatchEvent(new Event('pause'))
  }
  document.body.append(el)
  if (duration !== undefined) media.dispatchEvent(new Event('durationchange'))
  await settle()
  return {
    el,
    seeks,
    calls,
    async moveTo(seconds) {
      time = seconds
      media.dispatchEvent(new Event('timeupdate'))
      await settle()
    },
    async playFor(seconds) {
      for (let t = 0; t < seconds; t += 0.1) {
        time += 0.1
        media.dispatchEvent(new Event('timeupdate'))
        await vi.advanceTimersByTimeAsync(16)
      }
    },
  }
}

/** `count` lines of two seconds each. */
export function transcriptOf(texts: readonly string[]): Transcript {
  const cues: Cue[] = texts.map((text, i) => ({ start: i * 2, end: i * 2 + 2, text }))
  return { format: 'vtt', cues, warnings: [], speakers: [], wordLevel: false }
}

/** Serves `files` (URL -> text, or a status number) to `fetch`. */
export function serve(files: Record<string, string | number>): void {
  vi.stubGlobal('fetch', async (input: RequestInfo | URL) => {
    const url = String(input)
    const file = files[url]
    if (file === undefined || typeof file === 'number')
      return new Response('nope', { status: typeof file === 'number' ? file : 404, statusText: 'Not Found' })
    return new Response(file, { status: 200, headers: { 'content-type': 'text/vtt; charset=utf-8' } })
  })
}

/** Runs timers, frames and microtasks until nothing is pending (the staged mount, fetches settling). */
export async function settle(): Promise<void> {
  for (let i = 0; i < 20; i++) {
    await vi.advanceTimersByTimeAsync(0)
    if (vi.getTimerCount() === 0) break
    await vi.advanceTimersToNextTimerAsync()
  }
  await vi.advanceTimersByTimeAsync(0)
}

/** Every element matching `selector` in `root` and the shadow roots below it (as Playwright's locators pierce). */
export function deepAll(root: ParentNode, selector: string): Element[] {
  const out: Element[] = [...root.querySelectorAll(selector)]
  const own = root instanceof Element ? root.shadowRoot : null
  if (own !== null) out.push(...deepAll(own, selector))
  for (const el of root.querySelectorAll('*')) {
    if (el.shadowRoot !== null) out.push(...deepAll(el.shadowRoot, selector))
  }
  return out
}

/** The one element matching `selector` below `root`, shadow roots included; throws when not exactly one. */
export function deep(root: ParentNode, selector: string): HTMLElement {
  const found = deepAll(root, selector)
  if (found.length !== 1) throw new Error(`${found.length} elements match ${selector}`)
  return found[0] as HTMLElement
}

/** The button whose accessible name (aria-label, else its text) is `name`. */
export function button(root: ParentNode, name: string): HTMLButtonElement {
  const found = deepAll(root, 'button').filter(
    (b) => (b.getAttribute('aria-label') ?? b.textContent?.trim()) === name,
  )
  if (found.length !== 1) throw new Error(`${found.length} buttons named ${name}`)
  return found[0] as HTMLButtonElement
}

/** Collects the detail of every `type` event reaching `target`. */
export function record<T>(target: EventTarget, type: string): T[] {
  const details: T[] = []
  target.addEventListener(type, (e) => details.push((e as CustomEvent<T>).detail))
  return details
}

/**
 * A layout for jsdom, which has none: the transcript's viewport is `viewport` pixels high and every
 * line 24 (what `offsetHeight` reports, which the virtualizer reads without a ResizeObserver). Returns
 * the restore.
 */
export function fakeLayout(viewport = 400): () => void {
  const names = ['offsetHeight', 'offsetWidth', 'clientHeight', 'clientWidth'] as const
  const saved = names.map(
    (name) =>
      [
        name === 'clientHeight' || name === 'clientWidth' ? Element.prototype : HTMLElement.prototype,
        name,
        Object.getOwnPropertyDescriptor(
          name === 'clientHeight' || name === 'clientWidth' ? Element.prototype : HTMLElement.prototype,
          name,
        )!,
      ] as const,
  )
  const heightOf = (el: Element) =>
    el.classList.contains('castline-transcript__viewport')
      ? viewport
      : el.classList.contains('castline-line')
        ? 24
        : 0
  for (const [proto, name] of saved) {
    Object.defineProperty(proto, name, {
      configurable: true,
      get(this: Element) {
        return name.endsWith('Width') ? 600 : heightOf(this)
      },
    })
  }
  return () => {
    for (const [proto, name, descriptor] of saved) Object.defineProperty(proto, name, descriptor)
  }
}
