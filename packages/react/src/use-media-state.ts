import type { SyncController } from '@castline/core'
import { useCallback, useRef, useSyncExternalStore } from 'react'
import { useCastline } from './hooks.js'

/**
 * What the player controls show about the media. `currentTime` is coarse (whole seconds, floored): a
 * clock or an `aria-valuenow` needs nothing finer, and a coarse value changes about once a second
 * instead of on every frame, so components that read it re-render that often and no more.
 */
export interface MediaState {
  /** Playback position in whole seconds (floored). */
  readonly currentTime: number
  /**
   * Duration in seconds; 0 while unknown (not NaN: React compares server snapshots with `===`, and a
   * NaN selection would never equal itself), Infinity for a live stream.
   */
  readonly duration: number
  readonly paused: boolean
  readonly ended: boolean
  readonly playbackRate: number
  /** 0 to 1. */
  readonly volume: number
  readonly muted: boolean
  /** True once the media knows its duration (`readyState` >= HAVE_METADATA) or there is no media to wait for. */
  readonly metadataLoaded: boolean
}

/** A store of `MediaState` in the shape `useSyncExternalStore` takes (media-chrome's `{getState, subscribe}`). */
export interface MediaStore {
  /** The current state; the same frozen object as long as nothing in it changed. */
  getState(): MediaState
  /** Listens for changes; the store listens to its media only while someone listens to it. */
  subscribe(listener: () => void): () => void
}

/** The state before any media exists (server render, first client render): what both render alike. */
export const INITIAL_MEDIA_STATE: MediaState = Object.freeze({
  currentTime: 0,
  duration: 0,
  paused: true,
  ended: false,
  playbackRate: 1,
  volume: 1,
  muted: false,
  metadataLoaded: false,
})

const HAVE_METADATA = 1

// Each field with how to read it and the media events after which it may have changed.
const FIELDS = {
  currentTime: {
    get: (m: HTMLMediaElement) => coarse(m.currentTime),
    events: ['timeupdate', 'seeking', 'seeked', 'emptied', 'loadedmetadata'],
  },
  duration: {
    get: (m: HTMLMediaElement) => knownDuration(m.duration),
    events: ['durationchange', 'loadedmetadata', 'emptied'],
  },
  paused: { get: (m: HTMLMediaElement) => m.paused, events: ['play', 'pause', 'emptied', 'ended'] },
  ended: { get: (m: HTMLMediaElement) => m.ended, events: ['ended', 'play', 'seeking', 'emptied'] },
  playbackRate: { get: (m: HTMLMediaElement) => m.playbackRate, events: ['ratechange', 'loadstart'] },
  volume: { get: (m: HTMLMediaElement) => m.volume, events: ['volumechange'] },
  muted: { get: (m: HTMLMediaElement) => m.muted, events: ['volumechange'] },
  metadataLoaded: {
    get: (m: HTMLMediaElement) => m.readyState >= HAVE_METADATA || m.error !== null,
    events: ['loadedmetadata', 'emptied', 'loadstart', 'error'],
  },
} satisfies { [K in keyof MediaState]: { get(m: HTMLMediaElement): MediaState[K]; events: string[] } }

const FIELD_NAMES = Object.keys(FIELDS) as (keyof MediaState)[]
const MEDIA_EVENTS = [...new Set(FIELD_NAMES.flatMap((k) => FIELDS[k].events))]

function coarse(seconds: number): number {
  return Number.isFinite(seconds) && seconds > 0 ? Math.floor(seconds) : 0
}

function knownDuration(seconds: number): number {
  return Number.isNaN(seconds) || seconds < 0 ? 0 : seconds
}

function sameState(a: MediaState, b: MediaState): boolean {
  for (const k of FIELD_NAMES) if (!Object.is(a[k], b[k])) return false
  return true
}

/** A store built from `read()`, refreshed whenever `listen` reports; listening only while subscribed. */
function createStore(read: () => MediaState, listen: (onEvent: () => void) => () => void): MediaStore {
  let state = INITIAL_MEDIA_STATE
  const listeners = new Set<{ fn: () => void }>()
  let stop: (() => void) | null = null

  const refresh = (): boolean => {
    const next = read()
    if (sameState(state, next)) return false
    state = next
    return true
  }
  const onEvent = () => {
    if (!refresh()) return
    for (const entry of listeners) entry.fn()
  }

  return {
    getState() {
      // Unsubscribed, nothing keeps the state current: read it now.
      if (stop === null) refresh()
      return state
    },
    subscribe(fn) {
      const entry = { fn }
      listeners.add(entry)
      if (stop === null) {
        stop = listen(onEvent)
        // The media may have moved between the render that read the state and this subscription.
        onEvent()
      }
      return () => {
        listeners.delete(entry)
        if (listeners.size === 0 && stop !== null) {
          stop()
          stop = null
        }
      }
    },
  }
}

/** A store over a media element's events. */
export function createMediaStore(media: HTMLMediaElement): MediaStore {
  return createStore(
    () => {
      const next = {} as { -readonly [K in keyof MediaState]: MediaState[K] }
      for (const k of FIELD_NAMES) (next as Record<string, unknown>)[k] = FIELDS[k].get(media)
      return Object.freeze(next)
    },
    (onEvent) => {
      for (const type of MEDIA_EVENTS) media.addEventListener(type, onEvent)
      return () => {
        for (const type of MEDIA_EVENTS) media.removeEventListener(type, onEvent)
      }
    },
  )
}

/**
 * A store over a `SyncController`, for a provider driven by a time source other than a media element
 * (tests, stories, a custom clock): no volume there, and time comes from the controller's frames.
 */
export function createControllerStore(controller: SyncController): MediaStore {
  return createStore(
    () => {
      const s = controller.getSnapshot()
      const duration = knownDuration(s.duration)
      const time = controller.getTime()
      return Object.freeze({
        currentTime: coarse(time),
        duration,
        paused: !s.playing,
        ended: !s.playing && duration > 0 && Number.isFinite(duration) && time >= duration,
        playbackRate: s.rate,
        volume: 1,
        muted: false,
        metadataLoaded: true,
      })
    },
    (onEvent) => {
      const offSnapshot = controller.subscribe(onEvent)
      const offFrame = controller.subscribeFrame(onEvent)
      return () => {
        offSnapshot()
        offFrame()
      }
    },
  )
}

// One store per media element (or controller), shared by every part that reads it.
const stores = new WeakMap<object, MediaStore>()

/** The shared store of a media element, or of a controller when there is no media element. */
export function mediaStoreFor(
  media: HTMLMediaElement | null,
  controller: SyncController | null,
): MediaStore | null {
  const key = media ?? controller
  if (key === null) return null
  let store = stores.get(key)
  if (store === undefined) {
    store = media !== null ? createMediaStore(media) : createControllerStore(controller!)
    stores.set(key, store)
  }
  return store
}

function pick<T>(state: MediaState, selector: ((state: MediaState) => T) | undefined): T | MediaState {
  return selector === undefined ? state : selector(state)
}

const noop = () => {}
const subscribeNone = () => noop

/**
 * The provider's media state (or a selection of it), through `useSyncExternalStore`: the component
 * re-renders when its selection changes, at most about once a second for `currentTime`. Renders the
 * initial state on the server and before the media element mounts.
 */
export function useMediaState(): MediaState
/** A selection of the provider's media state; re-renders only when `selector`'s result changes (`Object.is`). */
export function useMediaState<T>(selector: (state: MediaState) => T): T
export function useMediaState<T>(selector?: (state: MediaState) => T): T | MediaState {
  const context = useCastline()
  // A provider with a custom time source has no element; the controller then stands in for it.
  const media = context.media
  const controller = media === null && context.controller.options.source !== null ? context.controller : null
  const store = mediaStoreFor(media, controller)

  const select = useRef(selector)
  select.current = selector
  const subscribe = useCallback((fn: () => void) => (store === null ? noop : store.subscribe(fn)), [store])
  const getState = useCallback(
    () => pick(store === null ? INITIAL_MEDIA_STATE : store.getState(), select.current),
    [store],
  )
  const getServerState = useCallback(() => pick(INITIAL_MEDIA_STATE, select.current), [])
  return useSyncExternalStore(store === null ? subscribeNone : subscribe, getState, getServerState)
}
