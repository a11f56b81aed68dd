/**
 * Tells a user's scroll from ours. Scroll events cannot: a programmatic `scrollTo` fires the same
 * `scroll` event as a wheel. So we listen to the inputs that only a person produces (wheel, touch
 * moves, a press on the scrollbar, scrolling keys) and never to `scroll` itself: our own scrolls (follow
 * mode, search, jump) therefore can never detach follow mode.
 */

/** Which input showed that the user is scrolling. */
export type ScrollIntent = 'wheel' | 'touch' | 'scrollbar' | 'keyboard'

// Keys that scroll a focused scroll container or move through a list.
const SCROLL_KEYS = new Set(['ArrowUp', 'ArrowDown', 'PageUp', 'PageDown', 'Home', 'End'])

/** Calls `onIntent` whenever the user starts scrolling `element` by hand; returns the unsubscribe. */
export function watchScrollIntent(
  element: HTMLElement,
  onIntent: (intent: ScrollIntent) => void,
): () => void {
  const onWheel = (e: WheelEvent) => {
    if (e.deltaX !== 0 || e.deltaY !== 0) onIntent('wheel')
  }
  const onTouchMove = () => onIntent('touch')
  const onPointerDown = (e: PointerEvent) => {
    // A press on the element's own box outside its content area is a press on its scrollbar; a middle
    // button press starts autoscroll.
    if (e.button === 1) {
      onIntent('scrollbar')
      return
    }
    if (e.target !== element) return
    const rect = element.getBoundingClientRect()
    const x = e.clientX - rect.left
    const y = e.clientY - rect.top
    if (x >= element.clientWidth || y >= element.clientHeight) onIntent('scrollbar')
  }
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.altKey || e.ctrlKey || e.metaKey) return
    if (SCROLL_KEYS.has(e.key) || (e.key === ' ' && e.target === element)) onIntent('keyboard')
  }
  const passive = { passive: true }
  element.addEventListener('wheel', onWheel, passive)
  element.addEventListener('touchmove', onTouchMove, passive)
  element.addEventListener('pointerdown', onPointerDown, passive)
  element.addEventListener('keydown', onKeyDown)
  return () => {
    element.removeEventListener('wheel', onWheel)
    element.removeEventListener('touchmove', onTouchMove)
    element.removeEventListener('pointerdown', onPointerDown)
    element.removeEventListener('keydown', onKeyDown)
  }
}
