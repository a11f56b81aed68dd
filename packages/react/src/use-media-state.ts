import type { SyncController } from '@castline/core'
import type { MediaSnapshot, MediaStore } from '@castline/dom'
import { useCallback, useRef, useSyncExternalStore } from 'react'
import { useCastlineApi, useCastlineStore } from './hooks.js'
import type { MediaView } from './provider.js'

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
const FIELDS = Object.keys(INITIAL_MEDIA_STATE) as (keyof MediaState)[]

function coarse(seconds: number): number {
  return Number.isFinite(seconds) && seconds > 0 ? Math.floor(seconds) : 0
}

function knownDuration(seconds: number): number {
  return Number.isNaN(seconds) || seconds < 0 ? 0 : seconds
}

function fromSnapshot(s: MediaSnapshot): MediaState {
  return Object.freeze({
    currentTime: coarse(s.currentTime),
    duration: knownDuration(s.duration),
    paused: s.paused,
    ended: s.ended,
    playbackRate: s.playbackRate,
    volume: s.volume,
    muted: s.muted,
    metadataLoaded: s.readyState >= HAVE_METADATA || s.error !== null,
  })
}

/** A provider driven by a time source other than a media element: no volume there, and time from the controller. */
function fromController(controller: SyncController): MediaState {
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
}

/** The coarse state in the shape `useSyncExternalStore` takes; `getState` keeps its object while no field changed. */
interface CoarseStore {
  getState(): MediaState
  subscribe(listener: () => void): () => void
}

function coarseStore(read: () => MediaState, subscribe: (listener: () => void) => () => void): CoarseStore {
  let state = INITIAL_MEDIA_STATE
  return {
    getState() {
      const next = read()
      for (const k of FIELDS) {
        if (!Object.is(state[k], next[k])) {
          state = next
          break
        }
      }
      return state
    },
    subscribe,
  }
}

function mediaStoreView(store: MediaStore): CoarseStore {
  // Each snapshot is mapped once, however many components read it.
  let snapshot: MediaSnapshot | null = null
  let state = INITIAL_MEDIA_STATE
  return coarseStore(() => {
    const s = store.getSnapshot()
    if (s !== snapshot) {
      snapshot = s
      state = fromSnapshot(s)
    }
    return state
  }, store.subscribe)
}

function controllerView(controller: SyncController): CoarseStore {
  return coarseStore(
    () => fromController(controller),
    (listener) => {
      const offSnapshot = controller.subscribe(listener)
      const offFrame = controller.subscribeFrame(listener)
      return () => {
        offSnapshot()
        offFrame()
      }
    },
  )
}

// One view per store (or controller), shared by every part that reads it.
const views = new WeakMap<object, CoarseStore>()

function viewOf(key: MediaStore | SyncController, make: () => CoarseStore): CoarseStore {
  let view = views.get(key)
  if (view === undefined) {
    view = make()
    views.set(key, view)
  }
  return view
}

const selectElement = (view: MediaView) => view.element

function pick<T>(state: MediaState, selector: ((state: MediaState) => T) | undefined): T | MediaState {
  return selector === undefined ? state : selector(state)
}

/**
 * The provider's media state (or a selection of it), through `useSyncExternalStore` over its
 * `MediaStore`: the component re-renders when its selection changes, at most about once a second for
 * `currentTime`. Renders the initial state on the server and before the media element mounts.
 */
export function useMediaState(): MediaState
/** A selection of the provider's media state; re-renders only when `selector`'s result changes (`Object.is`). */
export function useMediaState<T>(selector: (state: MediaState) => T): T
export function useMediaState<T>(selector?: (state: MediaState) => T): T | MediaState {
  const { mediaStore, controller } = useCastlineApi()
  const media = useCastlineStore('media', selectElement)
  // A provider with a custom time source has no element; the controller then stands in for it.
  const view =
    media === null && controller.options.source !== null
      ? viewOf(controller, () => controllerView(controller))
      : viewOf(mediaStore, () => mediaStoreView(mediaStore))

  const select = useRef(selector)
  select.current = selector
  const getState = useCallback(() => pick(view.getState(), select.current), [view])
  const getServerState = useCallback(() => pick(INITIAL_MEDIA_STATE, select.current), [])
  return useSyncExternalStore(view.subscribe, getState, getServerState)
}
