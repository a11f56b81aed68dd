import { createListeners } from '../emitter.js'
import type { TimeSource, TimeSourceEvent } from '../sync.js'

/** A scripted time source: tests, stories and server rendering drive playback by hand. */
export interface ManualSource extends TimeSource {
  /** Jumps to `seconds` (clamped to [0, duration]) and reports it as a completed seek. */
  setTime(seconds: number): void
  /** Starts or stops playback, reporting 'play' or 'pause' when it changes. */
  setPlaying(playing: boolean): void
  /** Sets the media duration (NaN for unknown) and reports 'durationchange'. */
  setDuration(seconds: number): void
  /** Sets the playback rate and reports 'ratechange'. */
  setRate(rate: number): void
  /**
   * Moves time forward by `seconds` as playback would and reports 'time'; reaching the duration pauses
   * and reports 'pause' then 'ended', as a media element does.
   */
  advance(seconds: number): void
  /** One animation frame: while playing, advances by `frameSeconds` (default 1/60) times the rate. */
  tick(frameSeconds?: number): void
  /** Every seek requested through `seek`, in order (what a test asserts instead of the time itself). */
  readonly seeks: readonly number[]
  /** How many listeners are subscribed (tests check that cleanup happened). */
  readonly listenerCount: number
}

/** Initial state of a manual source. */
export interface ManualSourceOptions {
  /** Start time in seconds (default 0). */
  time?: number
  /** Duration in seconds (default NaN: unknown). */
  duration?: number
  /** Whether it starts playing (default false). */
  playing?: boolean
  /** Playback rate (default 1). */
  rate?: number
  /**
   * Whether `seek` takes effect at once (default true). With false a seek is only recorded in `seeks`,
   * and the test reports it later with `setTime`, like a media element still fetching data.
   */
  applySeeks?: boolean
}

/** Creates a manual time source. */
export function createManualSource(options: ManualSourceOptions = {}): ManualSource {
  const listeners = createListeners<TimeSourceEvent>()
  const seeks: number[] = []
  const applySeeks = options.applySeeks ?? true
  let time = options.time ?? 0
  let duration = options.duration ?? Number.NaN
  let playing = options.playing ?? false
  let rate = options.rate ?? 1

  const clamp = (t: number): number => {
    const lower = Math.max(0, t)
    return duration >= 0 && lower > duration ? duration : lower
  }

  const source: ManualSource = {
    getTime: () => time,
    getDuration: () => duration,
    isPlaying: () => playing,
    getRate: () => rate,
    seek(seconds) {
      seeks.push(seconds)
      if (applySeeks) source.setTime(seconds)
    },
    play() {
      source.setPlaying(true)
    },
    pause() {
      source.setPlaying(false)
    },
    subscribe: (listener) => listeners.add(listener),
    setTime(seconds) {
      if (Number.isNaN(seconds)) return
      listeners.emit('seeking')
      time = clamp(seconds)
      listeners.emit('seeked')
    },
    setPlaying(next) {
      if (next === playing) return
      playing = next
      listeners.emit(next ? 'play' : 'pause')
    },
    setDuration(seconds) {
      duration = seconds
      listeners.emit('durationchange')
    },
    setRate(next) {
      rate = next
      listeners.emit('ratechange')
    },
    advance(seconds) {
      time = clamp(time + seconds)
      listeners.emit('time')
      if (playing && duration >= 0 && time >= duration) {
        playing = false
        listeners.emit('pause')
        listeners.emit('ended')
      }
    },
    tick(frameSeconds = 1 / 60) {
      if (playing) source.advance(frameSeconds * rate)
    },
    seeks,
    get listenerCount() {
      return listeners.size
    },
  }
  return source
}
