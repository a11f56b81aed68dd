import type { Cue, SyncController, SyncSnapshot } from '@castline/core'
import { useCallback, useContext, useMemo, useRef, useSyncExternalStore } from 'react'
import { CastlineContext, type CastlineContextValue } from './context.js'

/** The provider's context value: controller, media, transcript, follow mode, search and seek helpers. */
export function useCastline(): CastlineContextValue {
  const value = useContext(CastlineContext)
  if (value === null) throw new Error('Castline components and hooks must be used inside <CastlineProvider>.')
  return value
}

const identity = (s: SyncSnapshot): SyncSnapshot => s

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
  // The last (snapshot, selection) pair: a selector that builds objects stays stable for one snapshot.
  const memo = useRef<{ snapshot: SyncSnapshot; selection: T } | null>(null)
  const getSelection = useMemo(() => {
    memo.current = null
    return () => {
      const snapshot = controller.getSnapshot()
      const last = memo.current
      if (last !== null && last.snapshot === snapshot) return last.selection
      const selection = selector(snapshot)
      if (last !== null && isEqual(last.selection, selection)) {
        memo.current = { snapshot, selection: last.selection }
        return last.selection
      }
      memo.current = { snapshot, selection }
      return selection
    }
  }, [controller, selector, isEqual])
  const subscribe = useCallback((onChange: () => void) => controller.subscribe(onChange), [controller])
  return useSyncExternalStore(subscribe, getSelection, getSelection)
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
  const { controller } = useCastline()
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

/** The line being spoken, or null between lines and while the transcript loads. Re-renders on cue change only. */
export function useActiveCue(): ActiveCue | null {
  const { transcript } = useCastline()
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
  const { following, dispatchFollow } = useCastline()
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
