import type { AdTimeMap } from '@castline/core/links'

/** A list of time ranges, as `HTMLMediaElement.buffered` gives them. */
export interface TimeRangesLike {
  readonly length: number
  start(index: number): number
  end(index: number): number
}

/** One range of media time in seconds, start inclusive and end exclusive. */
export type TimeRange = readonly [start: number, end: number]

/** What a media element reports when it fails: `MediaError`'s code and message. */
export interface MediaErrorLike {
  /** 1 aborted, 2 network, 3 decode, 4 source not supported or not found. */
  readonly code: number
  readonly message: string
}

/** The part of `HTMLMediaElement` a `MediaStore` reads and asks; an `<audio>` or `<video>` element fits. */
export interface MediaLike {
  currentTime: number
  readonly duration: number
  readonly paused: boolean
  readonly ended: boolean
  readonly seeking: boolean
  readonly readyState: number
  playbackRate: number
  defaultPlaybackRate: number
  volume: number
  muted: boolean
  readonly buffered: TimeRangesLike
  /** Undefined rather than null in some environments (jsdom). */
  readonly error: MediaErrorLike | null | undefined
  readonly currentSrc: string
  play(): Promise<void> | void
  pause(): void
  addEventListener(type: string, listener: (event: Event) => void): void
  removeEventListener(type: string, listener: (event: Event) => void): void
}

/** One field of the media state: how to read it from the element, and the events after which it may change. */
interface Field<T> {
  /** `map` is the store's ad-break time map, or null (audio time is transcript time). */
  read(media: MediaLike, map: AdTimeMap | null): T
  events: readonly string[]
  /** Whether two readings are the same value (default `Object.is`). */
  same: (a: T, b: T) => boolean
}

function field<T>(
  read: (media: MediaLike, map: AdTimeMap | null) => T,
  events: string,
  same: (a: T, b: T) => boolean = Object.is,
) {
  return { read, events: events.split(' '), same } satisfies Field<T>
}

const NO_RANGES: readonly TimeRange[] = Object.freeze([])

/** Audio time to transcript time through `map` (none: the same); NaN and Infinity pass through. */
function toTranscript(map: AdTimeMap | null, audioTime: number): number {
  return map === null || !Number.isFinite(audioTime) ? audioTime : map.toTranscript(audioTime).time
}

/** The index of the break `audioTime` is in, or -1. */
function adBreakAt(map: AdTimeMap | null, audioTime: number): number {
  if (map === null) return -1
  return map.breaks.findIndex((b) => audioTime >= b.at && audioTime < b.at + b.duration)
}

// A new TimeRanges object comes back on every read, so ranges are copied out and compared by value.
function readRanges(media: MediaLike): readonly TimeRange[] {
  const ranges = media.buffered
  if (ranges === undefined || ranges === null || ranges.length === 0) return NO_RANGES
  const out: TimeRange[] = []
  for (let i = 0; i < ranges.length; i++) out.push(Object.freeze([ranges.start(i), ranges.end(i)] as const))
  return Object.freeze(out)
}

function sameRanges(a: readonly TimeRange[], b: readonly TimeRange[]): boolean {
  if (a.length !== b.length) return false
  for (let i = 0; i < a.length; i++) {
    if (a[i]![0] !== b[i]![0] || a[i]![1] !== b[i]![1]) return false
  }
  return true
}

/**
 * The media state, one entry a field (media-chrome's shape): how to read it and which media events may
 * change it. An event re-reads only the fields that list it; `MediaSnapshot` is derived from this table.
 */
const MEDIA_FIELDS = {
  /** True until playback is asked for, and again after a pause or at the end. */
  paused: field((m) => m.paused, 'play pause ended emptied loadstart'),
  /** True once playback reached the end (and has not been moved since). */
  ended: field((m) => m.ended, 'ended play seeking seeked emptied loadstart'),
  /** True while a seek is being carried out. */
  seeking: field((m) => m.seeking, 'seeking seeked emptied loadstart'),
  /**
   * Playback position in seconds as of the last media event (about 4 Hz while playing); a frame-exact
   * position is `MediaStore.getTime()`. In transcript time (see `MediaStoreOptions.timeMap`): inside an
   * ad break, the transcript time where the break was inserted.
   */
  currentTime: field(
    (m, map) => toTranscript(map, m.currentTime),
    'timeupdate seeking seeked pause ended emptied loadedmetadata',
  ),
  /**
   * Index in `timeMap.breaks` of the ad break playing now, -1 outside every break (and without a map);
   * as current as `currentTime`.
   */
  adBreak: field(
    (m, map) => adBreakAt(map, m.currentTime),
    'timeupdate seeking seeked pause ended emptied loadedmetadata',
  ),
  /** Duration in seconds (transcript time: the ad breaks left out); NaN while unknown, Infinity for a live stream. */
  duration: field((m, map) => toTranscript(map, m.duration), 'durationchange loadedmetadata emptied'),
  /** Playback rate (1 = normal speed); loading a new source resets it to the default rate without an event. */
  playbackRate: field((m) => m.playbackRate, 'ratechange loadstart emptied'),
  /** Volume from 0 to 1. */
  volume: field((m) => m.volume, 'volumechange'),
  /** Whether the media is muted (its volume is kept). */
  muted: field((m) => m.muted, 'volumechange'),
  /** `HTMLMediaElement.readyState`: 0 nothing, 1 metadata, 2 current data, 3 future data, 4 enough data. */
  readyState: field(
    (m) => m.readyState,
    'loadstart emptied loadedmetadata loadeddata canplay canplaythrough waiting playing seeking seeked error',
  ),
  /** The buffered ranges, in order. */
  buffered: field(readRanges, 'progress suspend loadeddata canplaythrough seeked emptied', sameRanges),
  /** The media's failure, null while it is fine. */
  error: field((m): MediaErrorLike | null => m.error ?? null, 'error emptied loadstart loadedmetadata'),
  /** The URL of the resource in use; empty before the media starts loading one. */
  currentSrc: field((m) => m.currentSrc, 'loadstart emptied'),
}

type Fields = typeof MEDIA_FIELDS
type Key = keyof Fields

/** What a `MediaStore` knows about its media, frozen; the same object as long as no field changed. */
export type MediaSnapshot = { readonly [K in Key]: ReturnType<Fields[K]['read']> }

const KEYS = Object.keys(MEDIA_FIELDS) as Key[]

/** The fields each media event may change. */
const FIELDS_BY_EVENT = new Map<string, Key[]>()
for (const key of KEYS) {
  for (const type of MEDIA_FIELDS[key].events) {
    const keys = FIELDS_BY_EVENT.get(type)
    if (keys === undefined) FIELDS_BY_EVENT.set(type, [key])
    else keys.push(key)
  }
}

/** The state without media (a server render, before the element mounts): what a new `<audio>` reports. */
const NO_MEDIA: MediaSnapshot = Object.freeze({
  paused: true,
  ended: false,
  seeking: false,
  currentTime: 0,
  adBreak: -1,
  duration: Number.NaN,
  playbackRate: 1,
  volume: 1,
  muted: false,
  readyState: 0,
  buffered: NO_RANGES,
  error: null,
  currentSrc: '',
})

/** Options of a `MediaStore`. `setOptions` replaces them; an omitted optional one is unset. */
export interface MediaStoreOptions {
  /** The media element to read and ask; null while there is none (a server render, before mount). */
  media: MediaLike | null
  /** Called after each snapshot change while the store is attached to its media (TanStack Virtual's `onChange`). */
  onChange?: ((store: MediaStore) => void) | undefined
  /**
   * Inserted ad breaks (`createAdTimeMap` of `@castline/core/links`): the store then speaks transcript
   * time. `currentTime`, `duration` and `getTime()` are converted from the element's audio time, `seek`
   * converts back, and `adBreak` says which break plays. Everything over the store (the sync controller,
   * chapters, links, search, the controls) stays in transcript time; only this boundary converts.
   */
  timeMap?: AdTimeMap | null | undefined
}

interface Entry<T> {
  fn: (value: T) => void
}

/**
 * A media element's state as frozen snapshots, and requests to it, in the shape of `SyncController`:
 * construct once, `setOptions` on every render, `subscribe`/`getSnapshot` (or `select` for a few fields),
 * `mount()` in a layout effect. It is the one listener on the element: a time source for the sync
 * controller hears the media through it (`createMediaStoreSource`).
 *
 * Listeners are on the element only while something listens (`subscribe`, `select`, `subscribeEvents`,
 * `mount`); detached, `getSnapshot` reads the element on demand. Requests (`play`, `seek`, `setVolume`...)
 * go to the element and are not optimistic: the snapshot changes when the element reports the change.
 */
export class MediaStore {
  /** The options in force. */
  options: MediaStoreOptions
  private snapshot: MediaSnapshot = NO_MEDIA
  /** The last snapshot subscribers were told about: `flush` notifies only when the current one differs. */
  private notified: MediaSnapshot = NO_MEDIA
  /** The last snapshot `getSnapshot` returned: what a UI rendered before `mount`. */
  private handedOut: MediaSnapshot = NO_MEDIA
  private readonly listeners = new Set<Entry<MediaSnapshot>>()
  private readonly eventListeners = new Set<Entry<Event>>()
  private mounts = 0
  private attached: MediaLike | null = null
  private flushQueued = false

  constructor(options: MediaStoreOptions) {
    this.options = { media: null }
    this.setOptions(options)
  }

  /**
   * Replaces the options (call it on every render). A new element moves the listeners to it and is read
   * at once; subscribers hear about the change in a microtask, never from inside this call, so calling it
   * during render is safe. Time sources made over the store are not told: make a new one for a new element.
   */
  setOptions(options: MediaStoreOptions): void {
    const next: MediaStoreOptions = { media: options.media ?? null }
    if (options.onChange !== undefined) next.onChange = options.onChange
    if (options.timeMap) next.timeMap = options.timeMap
    const moved = next.media !== this.options.media
    const remapped = (next.timeMap ?? null) !== (this.options.timeMap ?? null)
    this.options = next
    if (!moved && !remapped) return
    if (moved) this.reconcile(true)
    this.read(KEYS)
    this.queueFlush()
  }

  /** Listens for snapshot changes. Returns the unsubscribe (calling it twice is harmless). */
  subscribe = (listener: (snapshot: MediaSnapshot) => void): (() => void) => {
    // A first subscriber starts from the current state; it hears of changes from now on.
    if (!this.active) {
      this.read(KEYS)
      this.notified = this.snapshot
    }
    return this.add(this.listeners, listener)
  }

  /** The current state. The same frozen object as long as no field changed. */
  getSnapshot = (): MediaSnapshot => {
    // Detached, no event keeps the snapshot current: read the element now.
    if (this.attached === null) this.read(KEYS)
    this.handedOut = this.snapshot
    return this.snapshot
  }

  /**
   * Calls `listener` with `selector`'s result whenever it changes (by `isEqual`, default `Object.is`), with
   * the previous result; a snapshot change that leaves the selection alone costs one selector call.
   * Returns the unsubscribe.
   */
  select<T>(
    selector: (snapshot: MediaSnapshot) => T,
    listener: (selection: T, previous: T) => void,
    isEqual: (a: T, b: T) => boolean = Object.is,
  ): () => void {
    let current: T
    const unsubscribe = this.subscribe((snapshot) => {
      const next = selector(snapshot)
      if (isEqual(current, next)) return
      const previous = current
      current = next
      listener(next, previous)
    })
    current = selector(this.snapshot)
    return unsubscribe
  }

  /**
   * Hears every media event the store listens to (the table's events), after the snapshot took it in:
   * for time sources and anything else that needs the event itself. Returns the unsubscribe.
   */
  subscribeEvents(listener: (event: Event) => void): () => void {
    return this.add(this.eventListeners, listener)
  }

  /**
   * Keeps the store attached to its media so that `onChange` fires, like TanStack's `_didMount`: call it
   * in a layout effect and return what it returns as the cleanup.
   */
  mount(): () => void {
    // What was rendered is what `onChange` compares against: a change between render and mount notifies.
    if (!this.active) this.notified = this.handedOut
    this.mounts++
    this.reconcile()
    let done = false
    return () => {
      if (done) return
      done = true
      this.mounts--
      this.reconcile()
    }
  }

  /** The media element in use, null without one. */
  get media(): MediaLike | null {
    return this.options.media
  }

  /** The ad-break time map in use, or null. */
  get timeMap(): AdTimeMap | null {
    return this.options.timeMap ?? null
  }

  /**
   * The playback position read from the element now (0 without one), in transcript time: what a
   * per-frame reader wants.
   */
  getTime(): number {
    return toTranscript(this.timeMap, this.options.media?.currentTime ?? 0)
  }

  /** The audio time (the element's clock) of a transcript time: after the break inserted there, if any. */
  toAudio(transcriptTime: number): number {
    const map = this.timeMap
    return map === null || !Number.isFinite(transcriptTime) ? transcriptTime : map.toAudio(transcriptTime)
  }

  /** The transcript time of an audio time (inside a break: where the break was inserted). */
  toTranscript(audioTime: number): number {
    return toTranscript(this.timeMap, audioTime)
  }

  /** Asks the media to play. Rejects when the browser refuses (autoplay policy, no playable source). */
  play(): Promise<void> {
    const media = this.options.media
    // A synchronous throw (an old engine) becomes a rejection, as an asynchronous refusal is.
    return new Promise((resolve) => resolve(media?.play()))
  }

  /** Asks the media to pause. */
  pause(): void {
    this.options.media?.pause()
  }

  /**
   * Asks the media to move to `seconds` of transcript time (at least 0; the element clamps to its
   * duration); with a time map, the element seeks to its audio time.
   */
  seek(seconds: number): void {
    const media = this.options.media
    if (media === null || !Number.isFinite(seconds)) return
    media.currentTime = this.toAudio(Math.max(0, seconds))
  }

  /**
   * Asks for a playback rate, also as the default rate so that loading a new source keeps it. The rate
   * is set first: a `ratechange` heard between the two writes already sees it. Ignored unless above 0.
   */
  setRate(rate: number): void {
    const media = this.options.media
    if (media === null || !(rate > 0) || !Number.isFinite(rate)) return
    media.playbackRate = rate
    media.defaultPlaybackRate = rate
  }

  /** Asks for a volume, clamped to [0, 1]. */
  setVolume(volume: number): void {
    const media = this.options.media
    if (media === null || Number.isNaN(volume)) return
    media.volume = Math.min(1, Math.max(0, volume))
  }

  /** Mutes or unmutes the media (its volume is kept). */
  setMuted(muted: boolean): void {
    const media = this.options.media
    if (media !== null) media.muted = muted
  }

  /**
   * Detaches from the media and drops every listener. The store stays usable: a later `subscribe`
   * attaches again (React strict mode unmounts and remounts effects on the same instance).
   */
  destroy(): void {
    this.listeners.clear()
    this.eventListeners.clear()
    this.mounts = 0
    this.reconcile()
  }

  private get active(): boolean {
    return this.listeners.size + this.eventListeners.size + this.mounts > 0
  }

  private add<T>(set: Set<Entry<T>>, fn: (value: T) => void): () => void {
    // Entries rather than bare functions: the same function subscribed twice is two subscriptions.
    const entry: Entry<T> = { fn }
    set.add(entry)
    this.reconcile()
    return () => {
      set.delete(entry)
      this.reconcile()
    }
  }

  /**
   * Attaches to or detaches from the media to match whether anyone listens. `duringRender` leaves the
   * reading and the notification to the caller (see `setOptions`).
   */
  private reconcile(duringRender = false): void {
    const wanted = this.active ? this.options.media : null
    if (wanted === this.attached) return
    const previous = this.attached
    this.attached = wanted
    if (previous !== null)
      for (const type of FIELDS_BY_EVENT.keys()) previous.removeEventListener(type, this.onEvent)
    if (wanted === null) return
    for (const type of FIELDS_BY_EVENT.keys()) wanted.addEventListener(type, this.onEvent)
    if (duringRender) return
    // The media may have moved while nobody listened.
    this.read(KEYS)
    this.flush()
  }

  private readonly onEvent = (event: Event): void => {
    const keys = FIELDS_BY_EVENT.get(event.type)
    if (keys !== undefined) this.read(keys)
    this.flush()
    for (const entry of this.eventListeners) entry.fn(event)
  }

  /** Re-reads `keys` into a new snapshot when one of them changed. */
  private read(keys: readonly Key[]): void {
    const media = this.options.media
    const map = this.timeMap
    const current = this.snapshot
    let next: Record<string, unknown> | null = null
    for (const key of keys) {
      const f = MEDIA_FIELDS[key] as Field<unknown>
      const value = media === null ? NO_MEDIA[key] : f.read(media, map)
      if (f.same(current[key], value)) continue
      next ??= { ...current }
      next[key] = value
    }
    if (next !== null) this.snapshot = Object.freeze(next) as MediaSnapshot
  }

  private flush(): void {
    const snapshot = this.snapshot
    if (snapshot === this.notified) return
    this.notified = snapshot
    for (const entry of this.listeners) entry.fn(snapshot)
    if (this.attached !== null) this.options.onChange?.(this)
  }

  private queueFlush(): void {
    if (this.flushQueued) return
    this.flushQueued = true
    queueMicrotask(() => {
      this.flushQueued = false
      this.flush()
    })
  }
}
