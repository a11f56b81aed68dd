import { createListeners } from '../emitter.js'
import type { TimeSource, TimeSourceEvent } from '../sync.js'

/** The part of `HTMLMediaElement` the source uses; an `<audio>` or `<video>` element fits. */
export interface MediaElementLike {
  currentTime: number
  readonly duration: number
  readonly paused: boolean
  readonly ended: boolean
  playbackRate: number
  play(): Promise<void> | void
  pause(): void
  addEventListener(type: string, listener: (event: Event) => void): void
  removeEventListener(type: string, listener: (event: Event) => void): void
}

/** A time source reading a media element; `destroy` detaches it from the element for good. */
export interface MediaElementSource extends TimeSource {
  /** The element this source reads. It is never paused, unloaded or removed by the source. */
  readonly media: MediaElementLike
  /** Removes every listener and stops the frame loop. */
  destroy(): void
}

// Media events and what each means to a subscriber. `timeupdate` (~4 Hz) keeps time current when no
// animation frames run (a hidden tab); the frame loop covers the rest while playing.
const EVENTS: Readonly<Record<string, TimeSourceEvent>> = {
  play: 'play',
  playing: 'play',
  pause: 'pause',
  ended: 'ended',
  seeking: 'seeking',
  seeked: 'seeked',
  timeupdate: 'time',
  loadedmetadata: 'durationchange',
  durationchange: 'durationchange',
  emptied: 'durationchange',
  ratechange: 'ratechange',
  error: 'error',
}
const EVENT_TYPES = Object.keys(EVENTS)

/**
 * Creates a time source over a media element (the one wavesurfer shares through its `media` option).
 * While someone is subscribed and the media plays, it reads `currentTime` once per animation frame;
 * otherwise it only listens to media events. Listeners are on the element only while someone is
 * subscribed. Nothing touches `window` or `document` until then, so importing it is safe on a server; where
 * `requestAnimationFrame` does not exist, `timeupdate` events alone drive time.
 */
export function createMediaElementSource(media: MediaElementLike): MediaElementSource {
  const listeners = createListeners<TimeSourceEvent>()
  let attached = false
  let frame: number | null = null
  let frameTimer: FrameTimer | null = null
  // The display's frame interval in ms (smoothed), from the timestamps of the frames we run; 0 until known.
  let interval = 0
  let lastFrameAt = Number.NaN
  // Last time reported as 'time', so a frame in which currentTime did not move (buffering, a coarse
  // clock) costs subscribers nothing.
  let reported = Number.NaN

  const playing = (): boolean => !media.paused && !media.ended

  const reportTime = (): void => {
    const t = media.currentTime
    if (Object.is(t, reported)) return
    reported = t
    listeners.emit('time')
  }

  const onFrame = (timestamp: number): void => {
    frame = null
    if (!attached || !playing()) return
    const step = timestamp - lastFrameAt
    // A step over 100 ms is a stall or a hidden tab, not the display's rate.
    if (step > 0 && step < 100) interval = interval === 0 ? step : interval * 0.9 + step * 0.1
    lastFrameAt = timestamp
    // Schedule before reporting: a throwing subscriber must not end the loop.
    schedule()
    reportTime()
  }

  const schedule = (): void => {
    if (frame !== null) return
    frameTimer = frameTimer ?? findFrameTimer()
    if (frameTimer !== null) frame = frameTimer.request(onFrame)
  }

  const stop = (): void => {
    if (frame !== null && frameTimer !== null) frameTimer.cancel(frame)
    frame = null
    lastFrameAt = Number.NaN
  }

  const onMediaEvent = (event: Event): void => {
    const kind = EVENTS[event.type]
    if (kind === undefined) return
    if (kind === 'time') {
      reportTime()
      return
    }
    // Every other event is reported as it is, with the time read once so frames do not repeat it.
    reported = media.currentTime
    if (playing()) schedule()
    else stop()
    listeners.emit(kind)
  }

  const attach = (): void => {
    attached = true
    reported = Number.NaN
    for (const type of EVENT_TYPES) media.addEventListener(type, onMediaEvent)
    if (playing()) schedule()
  }

  const detach = (): void => {
    attached = false
    stop()
    for (const type of EVENT_TYPES) media.removeEventListener(type, onMediaEvent)
  }

  return {
    media,
    getTime: () => media.currentTime,
    getDuration: () => media.duration,
    isPlaying: playing,
    getRate: () => media.playbackRate,
    getFrameInterval: () => (frame === null ? 0 : interval / 1000),
    seek(seconds) {
      media.currentTime = seconds
    },
    play: () => media.play(),
    pause() {
      media.pause()
    },
    subscribe(listener) {
      const remove = listeners.add(listener)
      if (!attached) attach()
      let done = false
      return () => {
        if (done) return
        done = true
        remove()
        if (attached && listeners.size === 0) detach()
      }
    },
    destroy() {
      listeners.clear()
      if (attached) detach()
    },
  }
}

interface FrameTimer {
  request(callback: (timestamp: number) => void): number
  cancel(id: number): void
}

/** Looks the frame clock up when first needed (never at import), so server code and tests can stub it. */
function findFrameTimer(): FrameTimer | null {
  const g = globalThis as {
    requestAnimationFrame?: (callback: (timestamp: number) => void) => number
    cancelAnimationFrame?: (id: number) => void
  }
  if (typeof g.requestAnimationFrame !== 'function' || typeof g.cancelAnimationFrame !== 'function')
    return null
  const request = g.requestAnimationFrame
  const cancel = g.cancelAnimationFrame
  return {
    request: (callback) => request.call(globalThis, callback),
    cancel: (id) => cancel.call(globalThis, id),
  }
}
