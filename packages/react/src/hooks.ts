import type { Cue, SyncController, SyncSnapshot, Transcript } from '@castline/core'
import type { ReadableStore, ResolvedLocale } from '@castline/dom'
import { useCallback, useContext, useMemo, useRef, useSyncExternalStore } from 'react'
import {
  type CastlineApi,
  CastlineContext,
  type CastlineContextValue,
  type CastlineStores,
} from './provider.js'

/**
 * The provider's API: controllers, requests and stores, one object for the provider's life, so reading it
 * never re-renders a component. Read changing state with `useCastlineStore` or the hooks below.
 */
export function useCastlineApi(): CastlineApi {
  const api = useContext(CastlineContext)
  if (api === null) throw new Error('Castline components and hooks must be used inside <CastlineProvider>.')
  return api
}

const identity = <T>(s: T): T => s

/**
 * Reads a store (`subscribe`/`getSnapshot`) through `useSyncExternalStore` and a selector, so that a
 * component re-renders only when its selection changes. A selector may return a new object for each call
 * as long as `isEqual` says when two are the same.
 */
export function useStoreSelector<S, T>(
  store: ReadableStore<S>,
  selector: (snapshot: S) => T,
  isEqual: (a: T, b: T) => boolean = Object.is,
): T {
  // The last (snapshot, selection) pair: a selector that builds objects stays stable for one snapshot.
  const memo = useRef<{ snapshot: S; selection: T } | null>(null)
  const getSelection = useMemo(() => {
    memo.current = null
    return () => {
      const snapshot = store.getSnapshot()
      const last = memo.current
      if (last !== null && Object.is(last.snapshot, snapshot)) return last.selection
      const selection = selector(snapshot)
      if (last !== null && isEqual(last.selection, selection)) {
        memo.current = { snapshot, selection: last.selection }
        return last.selection
      }
      memo.current = { snapshot, selection }
      return selection
    }
  }, [store, selector, isEqual])
  const subscribe = useCallback((onChange: () => void) => store.subscribe(onChange), [store])
  return useSyncExternalStore(subscribe, getSelection, getSelection)
}

type StoreValue<K extends keyof CastlineStores> = CastlineStores[K] extends ReadableStore<infer S> ? S : never

/** One of the provider's stores (`load`, `search`, `media`, `follow`); re-renders when its value changes. */
export function useCastlineStore<K extends keyof CastlineStores>(name: K): StoreValue<K>
/** A selection of one of the provider's stores; re-renders only when the selection changes (`isEqual`). */
export function useCastlineStore<K extends keyof CastlineStores, T>(
  name: K,
  selector: (value: StoreValue<K>) => T,
  isEqual?: (a: T, b: T) => boolean,
): T
export function useCastlineStore<K extends keyof CastlineStores, T>(
  name: K,
  selector?: (value: StoreValue<K>) => T,
  isEqual?: (a: T, b: T) => boolean,
): T {
  const store = useCastlineApi().stores[name] as ReadableStore<StoreValue<K>>
  return useStoreSelector(store, selector ?? (identity as (value: StoreValue<K>) => T), isEqual)
}

/**
 * The provider's API and the current value of every store in one object. It re-renders the component on
 * any change (a search keystroke, a follow change, a media error); a part that needs one field reads it
 * with `useCastlineApi`, `useCastlineStore` or a hook below instead.
 */
export function useCastline(): CastlineContextValue {
  const api = useCastlineApi()
  const transcriptLoad = useCastlineStore('load')
  const search = useCastlineStore('search')
  const media = useCastlineStore('media')
  const following = useCastlineStore('follow')
  return useMemo(
    () => ({
      ...api,
      media: media.element,
      mediaError: media.error,
      transcriptLoad,
      transcript: transcriptLoad.transcript,
      following,
      search,
    }),
    [api, media, transcriptLoad, following, search],
  )
}

/**
 * Reads a controller's snapshot through `useSyncExternalStore`, optionally through a selector so that a
 * component re-renders only when its selection changes (a row selects `s => s.cueIndex === index`).
 * A selector may return a new object for each call as long as `isEqual` says when two are the same.
 */
export function useControllerState<T>(
  controller: SyncController,
  selector: (snapshot: SyncSnapshot) => T,
  isEqual: (a: T, b: T) => boolean = Object.is,
): T {
  return useStoreSelector(controller, selector, isEqual)
}

/** The provider's sync snapshot: `{cueIndex, wordIndex, time, playing, duration, rate}`. */
export function useTranscriptSync(): SyncSnapshot
/** A selection of the provider's sync snapshot; the component re-renders only when the selection changes. */
export function useTranscriptSync<T>(
  selector: (snapshot: SyncSnapshot) => T,
  isEqual?: (a: T, b: T) => boolean,
): T
export function useTranscriptSync<T>(
  selector?: (snapshot: SyncSnapshot) => T,
  isEqual?: (a: T, b: T) => boolean,
): T | SyncSnapshot {
  const { controller } = useCastlineApi()
  return useControllerState<T | SyncSnapshot>(
    controller,
    (selector ?? identity) as (s: SyncSnapshot) => T | SyncSnapshot,
    (isEqual ?? Object.is) as (a: T | SyncSnapshot, b: T | SyncSnapshot) => boolean,
  )
}

/** The line being spoken. */
export interface ActiveCue {
  /** Its index in `transcript.cues`. */
  index: number
  cue: Cue
}

const selectCueIndex = (s: SyncSnapshot): number => s.cueIndex
const selectTranscript = (load: { transcript: Transcript | null }) => load.transcript

/** The line being spoken, or null between lines and while the transcript loads. Re-renders on cue change only. */
export function useActiveCue(): ActiveCue | null {
  const transcript = useCastlineStore('load', selectTranscript)
  const index = useTranscriptSync(selectCueIndex)
  const cue = index >= 0 ? transcript?.cues[index] : undefined
  return useMemo(() => (cue === undefined ? null : { index, cue }), [index, cue])
}

/** Follow mode as a hook: whether the transcript follows the audio, and the ways to change that. */
export interface FollowModeApi {
  /** True while the transcript keeps the spoken line in view. */
  following: boolean
  /** Follows again and scrolls to the spoken line (what the "Jump to current line" button does). */
  follow(): void
  /** Stops following, as if the user had scrolled away. */
  detach(): void
  /** Sets the mode directly (a toggle). */
  setFollowing(following: boolean): void
}

/** Follow mode of the nearest provider (controlled through the provider's `follow`/`onFollowChange`). */
export function useFollowMode(): FollowModeApi {
  const { dispatchFollow } = useCastlineApi()
  const following = useCastlineStore('follow')
  return useMemo(
    () => ({
      following,
      follow: () => dispatchFollow({ type: 'jump' }),
      detach: () => dispatchFollow({ type: 'navigate' }),
      setFollowing: (next: boolean) => dispatchFollow({ type: 'set', following: next }),
    }),
    [following, dispatchFollow],
  )
}

/** The UI's locale (the provider's `locale` and `labels` props): `labels`, `dir`, `format` (numbers and times). */
export function useLocale(): ResolvedLocale {
  return useCastlineStore('locale')
}
