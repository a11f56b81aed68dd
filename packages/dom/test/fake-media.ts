import type { MediaErrorLike, MediaLike, TimeRange, TimeRangesLike } from '../src/index.js'

/** What the fake element reports; a test changes it with `report`, as a real element's playback would. */
export interface FakeMediaState {
  currentTime: number
  duration: number
  paused: boolean
  ended: boolean
  seeking: boolean
  readyState: number
  playbackRate: number
  defaultPlaybackRate: number
  volume: number
  muted: boolean
  buffered: TimeRange[]
  error: MediaErrorLike | null
  currentSrc: string
}

/** A request the store made of the element. */
export type FakeMediaRequest =
  | ['play']
  | ['pause']
  | ['currentTime' | 'playbackRate' | 'defaultPlaybackRate' | 'volume', number]
  | ['muted', boolean]

/**
 * A media element whose state changes only when the test says so (`report`), and which records every
 * request made of it (`requests`) without acting on it: a test plays the browser's part, event by event.
 * It also counts the listeners on it, per function.
 */
export class FakeMedia extends EventTarget implements MediaLike {
  readonly state: FakeMediaState = {
    currentTime: 0,
    duration: Number.NaN,
    paused: true,
    ended: false,
    seeking: false,
    readyState: 0,
    playbackRate: 1,
    defaultPlaybackRate: 1,
    volume: 1,
    muted: false,
    buffered: [],
    error: null,
    currentSrc: '',
  }
  readonly requests: FakeMediaRequest[] = []
  /** What `play()` does: resolve, or reject as a browser's autoplay policy does. */
  playResult: 'resolve' | 'reject' = 'resolve'
  private readonly listening = new Map<string, Set<unknown>>()

  /** Changes what the element reports, then fires `type`, as the browser announces a change. */
  report(type: string, changes: Partial<FakeMediaState> = {}): void {
    Object.assign(this.state, changes)
    this.dispatchEvent(new Event(type))
  }

  /** How many listeners are on the element (a function listening to three types counts three times). */
  get listenerCount(): number {
    let n = 0
    for (const set of this.listening.values()) n += set.size
    return n
  }

  /** The distinct functions listening to the element, whatever their types. */
  get listenerFunctions(): Set<unknown> {
    const out = new Set<unknown>()
    for (const set of this.listening.values()) for (const fn of set) out.add(fn)
    return out
  }

  /** The event types someone listens to. */
  get listenedTypes(): string[] {
    return [...this.listening].filter(([, set]) => set.size > 0).map(([type]) => type)
  }

  override addEventListener(type: string, listener: EventListenerOrEventListenerObject | null): void {
    const set = this.listening.get(type) ?? new Set()
    this.listening.set(type, set)
    set.add(listener)
    super.addEventListener(type, listener)
  }

  override removeEventListener(type: string, listener: EventListenerOrEventListenerObject | null): void {
    this.listening.get(type)?.delete(listener)
    super.removeEventListener(type, listener)
  }

  get currentTime(): number {
    return this.state.currentTime
  }
  set currentTime(seconds: number) {
    this.requests.push(['currentTime', seconds])
  }
  get duration(): number {
    return this.state.duration
  }
  get paused(): boolean {
    return this.state.paused
  }
  get ended(): boolean {
    return this.state.ended
  }
  get seeking(): boolean {
    return this.state.seeking
  }
  get readyState(): number {
    return this.state.readyState
  }
  get playbackRate(): number {
    return this.state.playbackRate
  }
  set playbackRate(rate: number) {
    this.requests.push(['playbackRate', rate])
  }
  get defaultPlaybackRate(): number {
    return this.state.defaultPlaybackRate
  }
  set defaultPlaybackRate(rate: number) {
    this.requests.push(['defaultPlaybackRate', rate])
  }
  get volume(): number {
    return this.state.volume
  }
  set volume(volume: number) {
    this.requests.push(['volume', volume])
  }
  get muted(): boolean {
    return this.state.muted
  }
  set muted(muted: boolean) {
    this.requests.push(['muted', muted])
  }
  get buffered(): TimeRangesLike {
    // A new object on every read, as browsers give.
    const ranges = [...this.state.buffered]
    return {
      length: ranges.length,
      start: (i) => ranges[i]![0],
      end: (i) => ranges[i]![1],
    }
  }
  get error(): MediaErrorLike | null {
    return this.state.error
  }
  get currentSrc(): string {
    return this.state.currentSrc
  }

  play(): Promise<void> {
    this.requests.push(['play'])
    return this.playResult === 'resolve'
      ? Promise.resolve()
      : Promise.reject(new DOMException('play() is not allowed', 'NotAllowedError'))
  }

  pause(): void {
    this.requests.push(['pause'])
  }
}

/**
 * Animation frames run by the test: `install` replaces `requestAnimationFrame` and
 * `cancelAnimationFrame`, `run(timestamp)` runs the frames asked for so far.
 */
export function manualFrames() {
  let pending = new Map<number, (timestamp: number) => void>()
  let nextId = 1
  const saved = { request: globalThis.requestAnimationFrame, cancel: globalThis.cancelAnimationFrame }
  return {
    install() {
      globalThis.requestAnimationFrame = (callback) => {
        const id = nextId++
        pending.set(id, callback)
        return id
      }
      globalThis.cancelAnimationFrame = (id) => {
        pending.delete(id)
      }
    },
    restore() {
      globalThis.requestAnimationFrame = saved.request
      globalThis.cancelAnimationFrame = saved.cancel
    },
    /** How many frames are asked for. */
    get pending(): number {
      return pending.size
    },
    /** Runs the frames asked for before this call (a frame asked for during it waits for the next). */
    run(timestamp: number): void {
      const due = pending
      pending = new Map()
      for (const callback of due.values()) callback(timestamp)
    },
  }
}
