/**
 * jsdom's media elements neither play nor seek. This gives every `<audio>`/`<video>` the behaviour the
 * player relies on: `play()`/`pause()` with their events, seeking that fires seeking/timeupdate/seeked,
 * a duration that arrives with loadedmetadata, and errors. Volume, muted and playbackRate are jsdom's
 * own (they already fire their events).
 */
interface State {
  time: number
  duration: number
  paused: boolean
  ended: boolean
  readyState: number
  error: { code: number; message: string } | null
  plays: number
  seeks: number[]
}

const states = new WeakMap<HTMLMediaElement, State>()

function state(el: HTMLMediaElement): State {
  let s = states.get(el)
  if (s === undefined) {
    s = {
      time: 0,
      duration: Number.NaN,
      paused: true,
      ended: false,
      readyState: 0,
      error: null,
      plays: 0,
      seeks: [],
    }
    states.set(el, s)
  }
  return s
}

const fire = (el: HTMLMediaElement, type: string) => el.dispatchEvent(new Event(type))

/** Controls over one fake media element, as a test drives it. */
export interface FakeMedia {
  readonly element: HTMLMediaElement
  /** Every seek asked of the element (currentTime writes), in order. */
  readonly seeks: readonly number[]
  /** How many times play() was called. */
  readonly plays: number
  /** The metadata arrives: duration known, readyState HAVE_METADATA. */
  loadMetadata(duration: number): void
  /** Playback moved on to `seconds` (a timeupdate). */
  advance(seconds: number): void
  /** The element fails with `code` (4: not found or unsupported). */
  fail(code: number): void
}

/** Wraps an element already patched by `installFakeMedia`. */
export function fakeMedia(element: HTMLMediaElement): FakeMedia {
  const s = state(element)
  return {
    element,
    get seeks() {
      return s.seeks
    },
    get plays() {
      return s.plays
    },
    loadMetadata(duration) {
      s.duration = duration
      s.readyState = 1
      fire(element, 'durationchange')
      fire(element, 'loadedmetadata')
    },
    advance(seconds) {
      s.time = seconds
      fire(element, 'timeupdate')
    },
    fail(code) {
      s.error = { code, message: '' }
      fire(element, 'error')
    },
  }
}

/** Patches HTMLMediaElement.prototype; returns the function that restores it. */
export function installFakeMedia(): () => void {
  const proto = HTMLMediaElement.prototype
  const names = [
    'currentTime',
    'duration',
    'paused',
    'ended',
    'readyState',
    'error',
    'play',
    'pause',
  ] as const
  const saved = names.map((n) => [n, Object.getOwnPropertyDescriptor(proto, n)] as const)
  Object.defineProperties(proto, {
    currentTime: {
      configurable: true,
      get(this: HTMLMediaElement) {
        return state(this).time
      },
      set(this: HTMLMediaElement, v: number) {
        const s = state(this)
        s.seeks.push(v)
        s.time = Number.isFinite(s.duration) ? Math.min(Math.max(0, v), s.duration) : Math.max(0, v)
        s.ended = false
        fire(this, 'seeking')
        fire(this, 'timeupdate')
        fire(this, 'seeked')
      },
    },
    duration: {
      configurable: true,
      get(this: HTMLMediaElement) {
        return state(this).duration
      },
    },
    paused: {
      configurable: true,
      get(this: HTMLMediaElement) {
        return state(this).paused
      },
    },
    ended: {
      configurable: true,
      get(this: HTMLMediaElement) {
        return state(this).ended
      },
    },
    readyState: {
      configurable: true,
      get(this: HTMLMediaElement) {
        return state(this).readyState
      },
    },
    error: {
      configurable: true,
      get(this: HTMLMediaElement) {
        return state(this).error
      },
    },
    play: {
      configurable: true,
      writable: true,
      value(this: HTMLMediaElement) {
        const s = state(this)
        s.plays++
        if (s.paused) {
          s.paused = false
          fire(this, 'play')
          fire(this, 'playing')
        }
        return Promise.resolve()
      },
    },
    pause: {
      configurable: true,
      writable: true,
      value(this: HTMLMediaElement) {
        const s = state(this)
        if (!s.paused) {
          s.paused = true
          fire(this, 'pause')
        }
      },
    },
  })
  return () => {
    for (const [name, desc] of saved) {
      if (desc === undefined) delete (proto as unknown as Record<string, unknown>)[name]
      else Object.defineProperty(proto, name, desc)
    }
  }
}
