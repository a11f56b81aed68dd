/**
 * Follow mode: whether the transcript keeps the spoken line in view. A two-state machine, so that every
 * way in and out of following is one named event instead of a flag set somewhere.
 */

/** `following`: the list scrolls with the audio. `detached`: the user is reading elsewhere. */
export type FollowState = 'following' | 'detached'

/** What can happen to follow mode. */
export type FollowEvent =
  /** The user scrolled the list (wheel, touch, scrollbar, keyboard); our own scrolls never send this. */
  | { type: 'user-scroll' }
  /** The user moved through the list by other means (search results, keyboard focus). */
  | { type: 'navigate' }
  /** The "Jump to current line" button. */
  | { type: 'jump' }
  /** Playback was moved to another time (a click on a line, the waveform, a deep link). */
  | { type: 'seek' }
  /** The `resumeAfterMs` timer ran out without further user scrolling. */
  | { type: 'resume' }
  /** The owner set the mode directly (a toggle, a controlled prop). */
  | { type: 'set'; following: boolean }

/** The transition function. Pure, so that components and tests share one definition. */
export function followTransition(state: FollowState, event: FollowEvent): FollowState {
  switch (event.type) {
    case 'user-scroll':
    case 'navigate':
      return 'detached'
    case 'jump':
    case 'seek':
      return 'following'
    case 'resume':
      // A timer that fires after the user already re-attached (or attached by hand) changes nothing.
      return state === 'detached' ? 'following' : state
    case 'set':
      return event.following ? 'following' : 'detached'
  }
}

/** Where the active line should sit while following, as fractions of the viewport height from its top. */
export interface ComfortBand {
  /** The line's top may go no higher than this (0.2 = a fifth of the way down). */
  top: number
  /** Once the line's top passes this, the list scrolls it back up to `top`. */
  bottom: number
}

/** A band that keeps some context above the spoken line and scrolls about every few lines, not every line. */
export const DEFAULT_COMFORT_BAND: ComfortBand = { top: 0.2, bottom: 0.6 }

/** A span along the scroll axis, in pixels from the top of the scrolled content. */
export interface Span {
  start: number
  end: number
}

/** The visible part of the scroll container: its scroll offset and height. */
export interface Viewport {
  offset: number
  size: number
}

/**
 * The scroll offset that brings the active line's top back into the comfort band, or `null` when it is
 * already inside (so that steady playback scrolls in calm steps rather than re-centring every line).
 */
export function followScrollTarget(
  line: Span,
  viewport: Viewport,
  band: ComfortBand = DEFAULT_COMFORT_BAND,
): number | null {
  if (viewport.size <= 0) return null
  const bandTop = viewport.offset + viewport.size * band.top
  const bandBottom = viewport.offset + viewport.size * band.bottom
  if (line.start >= bandTop - 1 && line.start <= bandBottom) return null
  return Math.max(0, line.start - viewport.size * band.top)
}

/**
 * For a line taller than the viewport: the offset that brings the spoken word back into view (to the
 * band's top), or `null` while it is comfortably visible. A word is "comfortable" away from the edges.
 */
export function wordScrollTarget(
  word: Span,
  viewport: Viewport,
  band: ComfortBand = DEFAULT_COMFORT_BAND,
): number | null {
  if (viewport.size <= 0) return null
  const margin = viewport.size * 0.1
  if (word.start >= viewport.offset + margin && word.end <= viewport.offset + viewport.size - margin) {
    return null
  }
  return Math.max(0, word.start - viewport.size * band.top)
}

/** Smooth scrolling only for moves of up to one viewport, and never when the user asked for less motion. */
export function scrollBehaviorFor(
  distance: number,
  viewportSize: number,
  reducedMotion: boolean,
): ScrollBehavior {
  if (reducedMotion) return 'auto'
  return Math.abs(distance) <= viewportSize ? 'smooth' : 'auto'
}

/** Where the active line is relative to what the list shows: the jump button points that way. */
export function jumpDirection(
  activeIndex: number,
  firstVisible: number,
  lastVisible: number,
): 'up' | 'down' | 'none' {
  if (activeIndex < 0) return 'none'
  if (activeIndex < firstVisible) return 'up'
  if (activeIndex > lastVisible) return 'down'
  return 'none'
}
