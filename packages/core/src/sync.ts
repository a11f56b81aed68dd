import { createListeners } from './emitter.js'
import type { Transcript } from './model.js'
import { runInSlices, SLICE_BUDGET, type SlicedBuild, type SliceScheduler } from './slices.js'
import { buildTimeIndex, type TimeIndex } from './time-index.js'

/** What a time source reports; the controller re-reads the source on each, so the name is only a hint. */
export type TimeSourceEvent =
  | 'time'
  | 'play'
  | 'pause'
  | 'seeking'
  | 'seeked'
  | 'durationchange'
  | 'ratechange'
  | 'ended'
  | 'error'

/**
 * Where playback time comes from: a media element (`createMediaElementSource`), a script in tests
 * (`createManualSource`) or anything else with this shape. Requests (`seek`, `play`, `pause`) are only
 * requests: a source reports the outcome through `subscribe` when it happens.
 */
export interface TimeSource {
  /** Current playback position in seconds. */
  getTime(): number
  /** Media duration in seconds; NaN while unknown, Infinity for a live stream. */
  getDuration(): number
  /** True while time is advancing (or about to: a buffering stall still counts as playing). */
  isPlaying(): boolean
  /** Playback rate (1 = normal speed); omitted means always 1. */
  getRate?(): number
  /**
   * Seconds between the display frames on which the source reports time while playing, 0 when it is not
   * running frames; omitted means 0. The controller uses it to show a change in the frame nearest to it.
   */
  getFrameInterval?(): number
  /** Asks the media to move to `seconds`. */
  seek(seconds: number): void
  /** Asks the media to play; a promise rejects when the browser refuses (autoplay policy). */
  play(): Promise<void> | void
  /** Asks the media to pause. */
  pause(): void
  /** Reports changes: 'time' at least once per animation frame while playing. Returns the unsubscribe. */
  subscribe(listener: (event: TimeSourceEvent) => void): () => void
}

/** Options of a `SyncController`. `setOptions` replaces them; omitted optional ones fall back to defaults. */
export interface SyncControllerOptions {
  /** The transcript to follow; null while it is still loading. */
  transcript: Transcript | null
  /** Where time comes from; null until the media element exists. */
  source: TimeSource | null
  /** Called after each snapshot change while the controller is attached (TanStack Virtual's `onChange`). */
  onChange?: (controller: SyncController) => void
  /**
   * Where the time index of a long transcript is built: a first slice in `setOptions`, the rest a slice
   * a task while something listens (default: `SLICE_BUDGET` units a slice, each in a task of its own).
   */
  slices?: { budget?: number | undefined; schedule?: SliceScheduler | undefined } | undefined
}

/** What the player shows, frozen. An unchanged state is the same object, as `useSyncExternalStore` needs. */
export interface SyncSnapshot {
  /** Index of the active cue in `transcript.cues`, -1 when none. */
  readonly cueIndex: number
  /** Index of the active word in that cue's `words`, -1 when none. */
  readonly wordIndex: number
  /** Playback time when this snapshot was taken; it is not updated per frame (see `subscribeFrame`). */
  readonly time: number
  /** Whether the source is playing. */
  readonly playing: boolean
  /** Media duration in seconds; NaN while unknown. */
  readonly duration: number
  /** Playback rate. */
  readonly rate: number
}

const INITIAL: SyncSnapshot = Object.freeze({
  cueIndex: -1,
  wordIndex: -1,
  time: 0,
  playing: false,
  duration: Number.NaN,
  rate: 1,
})

/**
 * Turns a time source into snapshots of the active cue and word for a UI, the way TanStack Virtual's
 * `Virtualizer` turns scroll positions into ranges: construct once, `setOptions` on every render,
 * `subscribe`/`getSnapshot` for the coarse state (notified only when it changes), `subscribeFrame` for
 * per-frame progress that should not go through React state.
 *
 * The controller attaches to its source only while something listens (`subscribe`, `subscribeFrame` or
 * `mount`); detached, `getSnapshot` reads the source on demand.
 */
export class SyncController {
  /** The options in force. */
  options: SyncControllerOptions
  private index: TimeIndex | null = null
  /** The index being built in slices (a long transcript), null once built. */
  private building: SlicedBuild<TimeIndex> | null = null
  private cancelSlices: (() => void) | null = null
  private snapshot: SyncSnapshot = INITIAL
  /** The last snapshot subscribers were told about: `flush` notifies only when the current one differs. */
  private notified: SyncSnapshot = INITIAL
  /** The last snapshot `getSnapshot` returned: what a UI rendered before `mount`. */
  private handedOut: SyncSnapshot = INITIAL
  private readonly listeners = createListeners<SyncSnapshot>()
  private readonly frames = createListeners<number>()
  private mounts = 0
  private attached: TimeSource | null = null
  private unsubscribeSource: (() => void) | null = null
  private lastFrameTime = Number.NaN
  private flushQueued = false

  constructor(options: SyncControllerOptions) {
    this.options = { transcript: null, source: null }
    this.setOptions(options)
  }

  /**
   * Replaces the options (call it on every render, as TanStack's adapter does). A new transcript
   * rebuilds the time index; a new source moves the subscription. Subscribers hear about a resulting
   * change in a microtask, never from inside this call, so calling it during render is safe.
   */
  setOptions(options: SyncControllerOptions): void {
    const previous = this.options
    const next: SyncControllerOptions = {
      transcript: options.transcript ?? null,
      source: options.source ?? null,
    }
    if (options.onChange !== undefined) next.onChange = options.onChange
    if (options.slices !== undefined) next.slices = options.slices
    this.options = next
    if (next.transcript !== previous.transcript) this.startIndex(next.transcript)
    if (next.source !== this.attached) this.reconcile(true)
    if (next.transcript !== previous.transcript || next.source !== previous.source) {
      this.refresh()
      this.queueFlush()
    }
  }

  /** Listens for snapshot changes (cue, word, playing, duration, rate). Returns the unsubscribe. */
  subscribe = (listener: (snapshot: SyncSnapshot) => void): (() => void) => {
    // A first subscriber starts from the current state; it hears of changes from now on.
    if (this.listeners.size === 0 && this.mounts === 0) {
      this.refresh()
      this.notified = this.snapshot
    }
    const remove = this.listeners.add(listener)
    this.reconcile()
    return () => {
      remove()
      this.reconcile()
    }
  }

  /** The current state. Same object as long as nothing a UI shows has changed. */
  getSnapshot = (): SyncSnapshot => {
    // Detached, nothing pushes updates to us: read the source now (cheap: the index cursor is O(1)).
    if (this.unsubscribeSource === null) this.refresh()
    this.handedOut = this.snapshot
    return this.snapshot
  }

  /**
   * Listens to the playback time on every animation frame while playing (and after seeks), for progress
   * bars and word highlights written straight to the DOM. Returns the unsubscribe.
   */
  subscribeFrame(listener: (time: number) => void): () => void {
    // Called when time moves from here on; the current time is `getTime()`.
    if (this.frames.size === 0) this.lastFrameTime = this.getTime()
    const remove = this.frames.add(listener)
    this.reconcile()
    return () => {
      remove()
      this.reconcile()
    }
  }

  /**
   * Keeps the controller attached to its source so `onChange` fires, like TanStack's `_didMount`: call it
   * in a layout effect and return what it returns as the cleanup.
   */
  mount(): () => void {
    // What was rendered is what `onChange` compares against: a change between render and mount notifies.
    if (this.listeners.size === 0 && this.mounts === 0) this.notified = this.handedOut
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

  /** The live playback time, read from the source (0 without one). */
  getTime(): number {
    return this.options.source?.getTime() ?? 0
  }

  /**
   * The time index of the current transcript, null without one and while a long transcript's is being
   * built (until then no cue is active).
   */
  get timeIndex(): TimeIndex | null {
    return this.index
  }

  /**
   * Asks the source to seek to the start of cue `i`. Ignored for an index outside the transcript. The
   * snapshot changes when the source reports the seek, not before.
   */
  seekToCue(i: number): void {
    const cue = this.options.transcript?.cues[i]
    if (cue === undefined || !Number.isFinite(cue.start)) return
    this.seekTo(cue.start)
  }

  /** Asks the source to seek to `seconds`, clamped to [0, duration]. Not optimistic, like `seekToCue`. */
  seekTo(seconds: number): void {
    const source = this.options.source
    if (source === null || !Number.isFinite(seconds)) return
    const duration = source.getDuration()
    let t = Math.max(0, seconds)
    if (duration >= 0 && t > duration) t = duration
    source.seek(t)
  }

  /** Asks the source to play. Rejects when the source refuses (a browser's autoplay policy). */
  play(): Promise<void> {
    const source = this.options.source
    if (source === null) return Promise.resolve()
    try {
      return Promise.resolve(source.play())
    } catch (error) {
      return Promise.reject(error)
    }
  }

  /** Asks the source to pause. */
  pause(): void {
    this.options.source?.pause()
  }

  /**
   * Detaches from the source and drops every listener. The controller stays usable: a later `subscribe`
   * attaches again (React strict mode unmounts and remounts effects on the same instance).
   */
  destroy(): void {
    this.listeners.clear()
    this.frames.clear()
    this.mounts = 0
    this.stopSlices()
    this.detach()
  }

  /**
   * Starts the time index of a new transcript: built at once when it fits in a slice, else the first
   * slice now and the rest while something listens (`continueSlices`).
   */
  private startIndex(transcript: Transcript | null): void {
    this.stopSlices()
    this.index = null
    this.building = null
    if (transcript === null) return
    const build = buildTimeIndex(transcript)
    if (build.step(this.sliceBudget())) this.index = build.result()
    else {
      this.building = build
      this.continueSlices()
    }
  }

  private sliceBudget(): number {
    return this.options.slices?.budget ?? SLICE_BUDGET
  }

  /**
   * Runs the index's remaining slices while something listens (the mounted UI), so that a controller
   * nobody uses (a server render, an unmounted player) builds nothing; it resumes where it stopped.
   */
  private continueSlices(): void {
    const build = this.building
    if (build === null || this.cancelSlices !== null) return
    if (this.listeners.size + this.frames.size + this.mounts === 0) return
    this.cancelSlices = runInSlices(build, {
      budget: this.sliceBudget(),
      schedule: this.options.slices?.schedule,
      onDone: (index) => {
        this.cancelSlices = null
        this.building = null
        this.index = index
        this.refresh()
        this.flush()
      },
    })
  }

  private stopSlices(): void {
    this.cancelSlices?.()
    this.cancelSlices = null
  }

  /**
   * Attaches to or detaches from the source to match whether anyone listens. `duringRender` defers the
   * notification of what attaching finds to a microtask (see `setOptions`).
   */
  private reconcile(duringRender = false): void {
    const listening = this.listeners.size + this.frames.size + this.mounts > 0
    if (listening) this.continueSlices()
    else this.stopSlices()
    const wanted = listening ? this.options.source : null
    if (wanted === this.attached) return
    this.detach()
    if (wanted === null) return
    this.attached = wanted
    this.unsubscribeSource = wanted.subscribe(this.onSourceEvent)
    // The source may have moved while nobody listened.
    if (duringRender) {
      this.refresh()
      this.queueFlush()
    } else {
      this.onSourceEvent('time')
    }
  }

  private detach(): void {
    const unsubscribe = this.unsubscribeSource
    this.unsubscribeSource = null
    this.attached = null
    unsubscribe?.()
  }

  private readonly onSourceEvent = (_event: TimeSourceEvent): void => {
    const time = this.refresh()
    this.flush()
    if (this.frames.size > 0 && !Object.is(time, this.lastFrameTime)) {
      this.lastFrameTime = time
      this.frames.emit(time)
    }
  }

  /** Reads the source into a new snapshot when something a UI shows changed. Returns the time read. */
  private refresh(): number {
    const source = this.options.source
    const index = this.index
    const time = source === null ? 0 : source.getTime()
    const playing = source === null ? false : source.isPlaying()
    const duration = source === null ? Number.NaN : source.getDuration()
    const rate = source?.getRate?.() ?? 1
    let cueIndex = -1
    let wordIndex = -1
    if (index !== null) {
      // Time is read once a frame, so a boundary is seen up to a frame after it passed. Looking half a frame
      // ahead shows each change in the frame nearest to it: at most half a frame early or late, where reading
      // the time as it is makes every change late by up to a whole frame. (The frame is on screen later still.)
      const ahead = playing ? ((source?.getFrameInterval?.() ?? 0) * rate) / 2 : 0
      const at = ahead > 0 && ahead < 0.05 ? time + ahead : time
      cueIndex = index.cueAt(at)
      if (cueIndex >= 0) wordIndex = index.wordAt(at)?.word ?? -1
    }
    const s = this.snapshot
    if (
      s.cueIndex !== cueIndex ||
      s.wordIndex !== wordIndex ||
      s.playing !== playing ||
      !Object.is(s.duration, duration) ||
      !Object.is(s.rate, rate)
    ) {
      this.snapshot = Object.freeze({ cueIndex, wordIndex, time, playing, duration, rate })
    }
    return time
  }

  private flush(): void {
    const snapshot = this.snapshot
    if (snapshot === this.notified) return
    this.notified = snapshot
    this.listeners.emit(snapshot)
    if (this.unsubscribeSource !== null) this.options.onChange?.(this)
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
