import { type SearchMatch, type SyncController, searchTranscript, type Transcript } from '@castline/core'
import { useCallback, useDeferredValue, useEffect, useMemo, useRef, useState } from 'react'

/** Search over the transcript model (find-in-page cannot see lines the virtualized list has not rendered). */
export interface SearchState {
  /** What the user typed. */
  query: string
  /** Every match in transcript order; `start`/`end` are character offsets in the cue's text. */
  matches: readonly SearchMatch[]
  /** The matches of each cue that has any, for highlighting a row without scanning the whole list. */
  matchesByCue: ReadonlyMap<number, readonly SearchMatch[]>
  /** Index in `matches` of the current match ("3 of 17" is `current + 1` of `matches.length`); -1 for none. */
  current: number
  /** Searches for `query`; the current match becomes the first one at or after the spoken line. */
  setQuery(query: string): void
  /** Moves to the next match (wrapping), scrolls to it and detaches follow mode. */
  next(): void
  /** Moves to the previous match (wrapping), scrolls to it and detaches follow mode. */
  previous(): void
  /** Empties the query. */
  clear(): void
}

const NO_MATCHES: readonly SearchMatch[] = []
const NO_MAP: ReadonlyMap<number, readonly SearchMatch[]> = new Map()

interface Cursor {
  query: string
  /** The spoken cue when the query was typed: the first match at or after it is current. */
  anchor: number
  /** Set once the user steps through matches. */
  current: number | null
  /** Bumped on every user move, so the effect below scrolls once per move. */
  moves: number
}

function firstAtOrAfter(matches: readonly SearchMatch[], cue: number): number {
  let lo = 0
  let hi = matches.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (matches[mid]!.cue < cue) lo = mid + 1
    else hi = mid
  }
  return lo === matches.length ? 0 : lo
}

/**
 * The provider's search state. Moving to a match (typing, next, previous) calls `reveal` with the
 * match, which scrolls the list there and detaches follow mode.
 */
export function useSearchState(
  transcript: Transcript | null,
  controller: SyncController,
  reveal: (match: SearchMatch) => void,
): SearchState {
  const [cursor, setCursor] = useState<Cursor>({ query: '', anchor: 0, current: null, moves: 0 })

  // Searching a long transcript for a short prefix can take a good part of a frame budget: the field
  // updates at once, the matches follow when React has time (a deferred value).
  const searched = useDeferredValue(cursor.query)
  const matches = useMemo(
    () =>
      transcript === null || searched.trim() === '' ? NO_MATCHES : searchTranscript(transcript, searched),
    [transcript, searched],
  )
  const matchesByCue = useMemo(() => {
    if (matches.length === 0) return NO_MAP
    const map = new Map<number, SearchMatch[]>()
    for (const m of matches) {
      const list = map.get(m.cue)
      if (list === undefined) map.set(m.cue, [m])
      else list.push(m)
    }
    return map
  }, [matches])

  const current =
    matches.length === 0
      ? -1
      : cursor.current === null
        ? firstAtOrAfter(matches, cursor.anchor)
        : Math.min(cursor.current, matches.length - 1)

  // The handlers below read these through a ref so that they keep one identity for the provider's life.
  const latest = useRef({ current, count: matches.length })
  latest.current = { current, count: matches.length }

  const setQuery = useCallback(
    (query: string) => {
      const anchor = Math.max(0, controller.getSnapshot().cueIndex)
      setCursor((c) => (c.query === query ? c : { query, anchor, current: null, moves: c.moves + 1 }))
    },
    [controller],
  )
  const step = useCallback((delta: number) => {
    const { current: from, count } = latest.current
    if (count === 0) return
    const to = (((from + delta) % count) + count) % count
    setCursor((c) => ({ ...c, current: to, moves: c.moves + 1 }))
  }, [])
  const next = useCallback(() => step(1), [step])
  const previous = useCallback(() => step(-1), [step])
  const clear = useCallback(
    () => setCursor((c) => ({ query: '', anchor: 0, current: null, moves: c.moves })),
    [],
  )

  const currentMatch = current >= 0 ? matches[current] : undefined
  const revealRef = useRef(reveal)
  revealRef.current = reveal
  const revealed = useRef(0)
  useEffect(() => {
    // Wait until the matches belong to the query the move was made for.
    if (cursor.moves === revealed.current || searched !== cursor.query) return
    revealed.current = cursor.moves
    if (currentMatch !== undefined) revealRef.current(currentMatch)
  }, [cursor.moves, cursor.query, searched, currentMatch])

  return useMemo(
    () => ({ query: cursor.query, matches, matchesByCue, current, setQuery, next, previous, clear }),
    [cursor.query, matches, matchesByCue, current, setQuery, next, previous, clear],
  )
}
